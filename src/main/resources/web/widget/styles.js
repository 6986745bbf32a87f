// styles.js: the widget's whole look, one style sheet for its shadow root (the element adopts it as a constructed
// sheet, so host pages need no 'unsafe-inline'). The --knotwise-* custom properties in the header are its theme.

const STYLES = `
:host {
    all: initial;
    --_accent: var(--knotwise-accent, #0e6466);
    --_accent-text: var(--knotwise-accent-text, #ffffff);
    --_bg: var(--knotwise-bg, #ffffff);
    --_text: var(--knotwise-text, #1d2433);
    --_guide: var(--knotwise-guide-bubble, #eef2f6);
    --_user: var(--knotwise-user-bubble, #d6ecea);
    --_font: var(--knotwise-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
    --_radius: var(--knotwise-radius, 14px);
    --_danger: var(--knotwise-danger, #b3261e);
    --_warning: var(--knotwise-warning, #f2b01e);
    --_note: var(--knotwise-note, #e6f0fa);
    --_highlight: var(--knotwise-highlight, #c8541c);
    --_muted: #4a5566;
    --_line: #6b7785;
    --_note-edge: #2f6db0;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.kw-sr {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
button, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }

.kw-launcher {
    position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
    display: inline-flex; align-items: center; gap: 8px;
    min-height: 52px; padding: 0 20px; border: 0; border-radius: 999px;
    background: var(--_accent); color: var(--_accent-text);
    font: 600 16px/1 var(--_font);
    box-shadow: 0 4px 16px rgba(16, 24, 40, 0.28);
    transition: transform 0.15s ease;
}
.kw-launcher:hover { transform: translateY(-1px); }
.kw-launcher:focus-visible { outline-color: var(--_text); outline-offset: 3px; }
.kw-launcher svg { width: 22px; height: 22px; fill: currentColor; }

.kw-panel {
    position: fixed; right: 20px; bottom: 84px; z-index: 2147483001;
    width: 380px; height: 600px;
    max-width: calc(100vw - 40px); max-height: calc(100vh - 104px); max-height: calc(100dvh - 104px);
    display: flex; flex-direction: column; overflow: hidden;
    background: var(--_bg); color: var(--_text);
    font: 15px/1.45 var(--_font);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgba(16, 24, 40, 0.3);
}
@media (max-width: 479.98px) {
    .kw-panel {
        inset: 0; width: auto; height: auto; max-width: none; max-height: none; border-radius: 0;
    }
}
/* On a desktop there is room: a wider, taller panel keeps the chat in view below the step card. */
@media (min-width: 900px) {
    .kw-panel { width: 440px; height: 760px; }
}

.kw-header {
    display: flex; align-items: center; gap: 8px; padding: 10px 10px 10px 16px;
    background: var(--_accent); color: var(--_accent-text);
}
.kw-heading { flex: 1; min-width: 0; }
.kw-title { margin: 0; font-size: 17px; font-weight: 700; }
.kw-subtitle { margin: 0; font-size: 12.5px; }
.kw-header button {
    min-height: 36px; border: 1.5px solid currentColor; border-radius: 999px;
    background: transparent; color: inherit; padding: 0 12px; font-size: 14px;
}
.kw-header .kw-close { min-width: 36px; padding: 0; font-size: 22px; line-height: 1; }
.kw-header .kw-handsfree[aria-pressed="true"] { background: var(--_accent-text); color: var(--_accent); }
.kw-header button:focus-visible { outline-color: var(--_accent-text); }

.kw-banner { padding: 10px 14px 12px; }
.kw-banner-head { display: flex; align-items: center; gap: 10px; margin-bottom: 6px; }
.kw-banner-lead { flex: 1; font-size: 15px; }
.kw-banner[data-tone="danger"] { background: var(--_danger); color: #ffffff; }
.kw-banner[data-tone="amber"] { background: var(--_warning); color: #1d2433; }
.kw-banner-icon { font-size: 22px; line-height: 1.1; }
/* The advice is shown whole, never cut off or hidden in a scroll; the call button sits above it. */
.kw-banner-text {
    margin: 0; font-size: 14px; white-space: pre-wrap; overflow-wrap: anywhere;
}
.kw-call {
    display: inline-block; padding: 6px 14px; border-radius: 999px;
    font-weight: 700; text-decoration: none;
}
.kw-banner[data-tone="danger"] .kw-call { background: #ffffff; color: var(--_danger); }
.kw-banner[data-tone="amber"] .kw-call { background: #1d2433; color: #ffffff; }
.kw-banner .kw-call:focus-visible { outline-color: currentColor; }
.kw-banner[data-tone="danger"] .kw-call:focus-visible { outline-color: #ffffff; }

.kw-step {
    padding: 10px 14px 12px; border-bottom: 1px solid #d5dbe3;
    background: var(--_bg); max-height: 50%; overflow-y: auto;
}
.kw-step-head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
.kw-step-details {
    min-height: 28px; padding: 0 10px; border-radius: 999px; font-size: 13px;
    border: 1.5px solid var(--_accent); background: var(--_bg); color: var(--_accent);
}
/* Collapsed to a strip: the instruction and its timer stay, the map, targets and notes wait for "More". */
.kw-step.kw-collapsed .kw-map, .kw-step.kw-collapsed .kw-step-targets { display: none; }
.kw-step.kw-collapsed .kw-step-body { grid-template-columns: 1fr; }
.kw-step-title { margin: 0; font-size: 15px; font-weight: 700; }
.kw-step-count { font-size: 13px; color: var(--_muted); white-space: nowrap; }
.kw-progress { height: 6px; margin: 6px 0 10px; border-radius: 3px; background: #d5dbe3; overflow: hidden; }
.kw-progress-bar { height: 100%; width: 0; background: var(--_accent); transition: width 0.3s ease; }
.kw-step-body { display: grid; grid-template-columns: 112px 1fr; gap: 12px; align-items: start; }
.kw-step-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.kw-step-targets { margin: 6px 0 0; font-size: 13px; color: var(--_muted); }
.kw-step-note {
    margin: 8px 0 0; padding: 6px 10px; border-left: 4px solid var(--_note-edge);
    background: var(--_note); color: #1d2433; font-size: 13.5px; white-space: pre-wrap;
    border-radius: 4px;
}
.kw-map-caption { margin: 4px 0 0; font-size: 11.5px; line-height: 1.3; color: var(--_muted); }

.kw-bodymap { display: block; width: 112px; height: auto; }
.kw-bodymap .kw-skin { fill: #f1f3f6; stroke: var(--_line); stroke-width: 1.5; }
.kw-bodymap .kw-region { fill: #dfe4ea; stroke: var(--_line); stroke-width: 1; stroke-linejoin: round; }
.kw-bodymap #upper_back { fill: #f1f3f6; stroke-width: 1.5; }
.kw-bodymap .kw-region.active { fill: var(--_highlight); }
.kw-bodymap .kw-spine { fill: url(#kw-hatch); stroke: var(--_danger); stroke-width: 1.5; }
.kw-bodymap .kw-hatch-bg { fill: #ffffff; }
.kw-bodymap .kw-hatch-line { stroke: var(--_danger); stroke-width: 1.5; }

.kw-timer { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 10px; }
.kw-timer-display {
    min-width: 3.2em; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums;
}
.kw-timer button {
    min-height: 34px; padding: 0 12px; border-radius: 999px;
    border: 1.5px solid var(--_accent); background: var(--_bg); color: var(--_accent); font-size: 14px;
}
.kw-timer .kw-timer-start { background: var(--_accent); color: var(--_accent-text); }
.kw-timer-status { flex-basis: 100%; margin: 0; font-weight: 600; }

.kw-messages {
    flex: 1; min-height: 80px; overflow-y: auto; padding: 12px 14px;
    display: flex; flex-direction: column; gap: 8px;
}
.kw-msg {
    max-width: 86%; padding: 8px 12px; border-radius: var(--_radius);
    white-space: pre-wrap; overflow-wrap: anywhere; color: var(--_text);
}
.kw-guide { align-self: flex-start; background: var(--_guide); border-bottom-left-radius: 4px; }
.kw-user { align-self: flex-end; background: var(--_user); border-bottom-right-radius: 4px; }
.kw-msg[data-kind="step"] { border-left: 4px solid var(--_accent); }
.kw-msg[data-kind="warning"] { background: var(--_note); color: #1d2433; border-left: 4px solid var(--_note-edge); }
.kw-msg[data-kind="warning"]::before { content: "Note: "; font-weight: 700; }
.kw-msg[data-kind="escalation"] { background: #fdecea; color: #5c1410; border-left: 4px solid var(--_danger); }
.kw-msg[data-kind="escalation"]::before { content: "\\26A0  " / ""; font-weight: 700; }
.kw-msg[data-kind="summary"] { border: 1px solid #c3cbd5; }
/* The time shows on hover, or for every bubble while the conversation has keyboard focus. */
.kw-msg::after {
    content: attr(data-time); display: none; margin-top: 2px; font-size: 12px; color: var(--_muted);
}
.kw-msg:hover::after, .kw-messages:focus-visible .kw-msg::after { display: block; }
.kw-messages:focus-visible { outline-offset: -3px; }

.kw-typing { display: flex; gap: 5px; padding: 4px 18px 8px; }
.kw-typing span {
    width: 8px; height: 8px; border-radius: 50%; background: var(--_muted);
    animation: kw-bounce 1.2s infinite ease-in-out;
}
.kw-typing span:nth-child(2) { animation-delay: 0.15s; }
.kw-typing span:nth-child(3) { animation-delay: 0.3s; }
@keyframes kw-bounce {
    0%, 80%, 100% { transform: translateY(0); opacity: 0.5; }
    40% { transform: translateY(-4px); opacity: 1; }
}

.kw-error {
    margin: 0 14px 8px; padding: 8px 12px; border-radius: 8px;
    background: #fdecea; color: #8c1d16; font-size: 14px;
}

.kw-quick { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 14px 8px; }
.kw-quick:empty { display: none; }
.kw-qr {
    min-height: 36px; padding: 4px 14px; border-radius: 999px;
    border: 1.5px solid var(--_accent); background: var(--_bg); color: var(--_accent);
    font-size: 14px; font-weight: 600; text-align: left;
}
.kw-qr:hover { background: var(--_user); }

.kw-form { display: flex; gap: 8px; padding: 10px 14px 14px; border-top: 1px solid #d5dbe3; }
.kw-input {
    flex: 1; min-width: 0; min-height: 44px; padding: 0 12px;
    border: 1.5px solid var(--_line); border-radius: 999px; background: var(--_bg); color: var(--_text);
}
.kw-input::placeholder { color: var(--_muted); opacity: 1; }
.kw-send {
    min-height: 44px; padding: 0 18px; border: 0; border-radius: 999px;
    background: var(--_accent); color: var(--_accent-text); font-weight: 600;
}

@media (prefers-reduced-motion: reduce) {
    *, *::before, *::after {
        animation: none !important; transition: none !important; scroll-behavior: auto !important;
    }
    .kw-launcher:hover { transform: none; }
}
`;
