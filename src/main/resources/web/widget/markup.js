// markup.js: the widget's static markup (the shadow root's skeleton and the body map), written once and never filled
// with data; el() builds the elements that carry data, which goes in as text only.

// The body map: an upper back seen from behind. Region ids are the API's body areas.
const BODY_MAP = `
<svg class="kw-bodymap" viewBox="0 0 200 230" role="img" aria-label="Upper back seen from behind" focusable="false">
  <defs>
    <pattern id="kw-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect class="kw-hatch-bg" width="4" height="4"></rect>
      <line class="kw-hatch-line" x1="0" y1="0" x2="0" y2="4"></line>
    </pattern>
  </defs>
  <g id="upper_back" class="kw-region" data-area="upper_back">
    <path d="M88 68 C70 70 50 74 38 86 C28 96 28 112 32 124 L36 150 C38 180 40 200 42 224 L158 224 C160 200 162 180 164 150 L168 124 C172 112 172 96 162 86 C150 74 130 70 112 68 Z"></path>
  </g>
  <path class="kw-skin" d="M88 48 L88 72 L112 72 L112 48 Z"></path>
  <ellipse class="kw-skin" cx="100" cy="30" rx="21" ry="25"></ellipse>
  <g id="upper_trapezius" class="kw-region" data-area="upper_trapezius">
    <path d="M90 70 C74 72 54 78 42 88 C50 94 60 98 70 98 C78 92 86 88 92 86 Z"></path>
    <path d="M110 70 C126 72 146 78 158 88 C150 94 140 98 130 98 C122 92 114 88 108 86 Z"></path>
  </g>
  <g id="neck_base" class="kw-region" data-area="neck_base">
    <ellipse cx="100" cy="70" rx="13" ry="7"></ellipse>
  </g>
  <g id="shoulder_blade" class="kw-region" data-area="shoulder_blade">
    <path d="M44 104 L76 100 L72 162 Z"></path>
    <path d="M156 104 L124 100 L128 162 Z"></path>
  </g>
  <g id="between_shoulder_blades" class="kw-region" data-area="between_shoulder_blades">
    <path d="M79 104 L88 98 L88 150 L76 158 Z"></path>
    <path d="M121 104 L112 98 L112 150 L124 158 Z"></path>
  </g>
  <g id="along_spine" class="kw-region" data-area="along_spine">
    <rect x="89.5" y="80" width="7" height="140" rx="3.5"></rect>
    <rect x="103.5" y="80" width="7" height="140" rx="3.5"></rect>
  </g>
  <g id="spine" class="kw-spine">
    <title>Spine: never press here</title>
    <rect x="97" y="54" width="6" height="168" rx="3"></rect>
    <rect x="95.5" y="60" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="76" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="92" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="108" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="124" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="140" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="156" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="172" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="188" width="9" height="7" rx="2"></rect>
    <rect x="95.5" y="204" width="9" height="7" rx="2"></rect>
  </g>
</svg>`;

// Order matters for keyboard users: launcher first, then in the panel restart, close,
// (banner link, step card controls when shown), messages, quick replies, input, send.
const SKELETON = `
<button type="button" class="kw-launcher" aria-label="Open Knotwise chat" aria-expanded="false" aria-controls="kw-panel">
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"></path></svg>
  <span aria-hidden="true">Knotwise</span>
</button>
<section class="kw-panel" id="kw-panel" role="dialog" aria-label="Knotwise chat" hidden>
  <header class="kw-header">
    <div class="kw-heading">
      <h2 class="kw-title">Knotwise</h2>
      <p class="kw-subtitle">Upper-back self-massage guide. Not medical advice.</p>
    </div>
    <button type="button" class="kw-handsfree" aria-pressed="false" hidden
      title="Read the steps aloud and listen for next, back, repeat, pause and stop">Hands-free</button>
    <button type="button" class="kw-restart">Start over</button>
    <button type="button" class="kw-close" aria-label="Close chat"><span aria-hidden="true">&times;</span></button>
  </header>
  <div class="kw-banner" role="region" aria-label="Safety notice" hidden>
    <div class="kw-banner-head">
      <span class="kw-banner-icon" aria-hidden="true">&#9888;</span>
      <strong class="kw-banner-lead"></strong>
      <a class="kw-call" hidden></a>
    </div>
    <p class="kw-banner-text"></p>
  </div>
  <div class="kw-step" role="region" aria-label="Current step" hidden>
    <div class="kw-step-head">
      <h3 class="kw-step-title"></h3>
      <span class="kw-step-count"></span>
      <button type="button" class="kw-step-details" aria-expanded="true">Less</button>
    </div>
    <div class="kw-progress" role="progressbar" aria-label="Technique progress" aria-valuemin="0" aria-valuemax="1" aria-valuenow="0">
      <div class="kw-progress-bar"></div>
    </div>
    <div class="kw-step-body">
      <div class="kw-map">
        ${BODY_MAP}
        <p class="kw-map-caption" aria-hidden="true">Hatched: the spine. Never press there.</p>
      </div>
      <div>
        <p class="kw-step-text"></p>
        <div class="kw-timer" hidden>
          <span class="kw-timer-display" role="timer" aria-label="Hold timer">0:00</span>
          <button type="button" class="kw-timer-start" aria-label="Start timer">Start</button>
          <button type="button" class="kw-timer-pause" aria-label="Pause timer">Pause</button>
          <button type="button" class="kw-timer-reset" aria-label="Reset timer">Reset</button>
          <p class="kw-timer-status" hidden></p>
        </div>
        <p class="kw-step-targets" hidden></p>
        <p class="kw-step-note" hidden><strong>Note:</strong> <span class="kw-step-note-text"></span></p>
      </div>
    </div>
  </div>
  <div class="kw-messages" role="region" aria-label="Conversation" tabindex="0"></div>
  <div class="kw-typing" aria-hidden="true" hidden><span></span><span></span><span></span></div>
  <p class="kw-error" role="alert" hidden></p>
  <div class="kw-quick" role="group" aria-label="Suggested replies"></div>
  <form class="kw-form" novalidate>
    <input class="kw-input" type="text" aria-label="Message" placeholder="Type a message" autocomplete="off">
    <button type="submit" class="kw-send" aria-label="Send message">Send</button>
  </form>
</section>
<div class="kw-live kw-sr" aria-live="polite" aria-atomic="false"></div>
`;

/** A new element with a class and text; text is set as text, never parsed as markup. */
function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text != null) {
        node.textContent = text;
    }
    return node;
}
