/*!
 * Knotwise chat widget: a calm, step-by-step guide to upper-back self-massage.
 * Not medical advice.
 *
 * Embedding
 * ---------
 *   <script src="https://host/widget.js" data-server="https://host"></script>
 *
 * The script adds one <knotwise-chat> element to the page (unless the page already has
 * one). `data-server` is where the Knotwise API lives; missing or empty means the origin
 * the script was loaded from. A hand-placed element may name its own server:
 *   <knotwise-chat server="https://host"></knotwise-chat>
 * Cross-origin embedding needs the server to allow the host page's origin (CORS).
 *
 * Theming
 * -------
 * Set these custom properties on `knotwise-chat` from the host page, e.g.
 *   knotwise-chat { --knotwise-accent: #5b2a86; --knotwise-radius: 8px; }
 * The defaults meet WCAG AA contrast; keep that true for your own values.
 *
 *   --knotwise-accent         launcher, send button, header and progress (default #0e6466)
 *   --knotwise-accent-text    text and icons drawn on the accent colour (default #ffffff)
 *   --knotwise-bg             panel background (default #ffffff)
 *   --knotwise-text           main text colour (default #1d2433)
 *   --knotwise-guide-bubble   background of the guide's bubbles (default #eef2f6)
 *   --knotwise-user-bubble    background of the user's bubbles (default #d6ecea)
 *   --knotwise-font           font stack (default system-ui and friends)
 *   --knotwise-radius         corner radius of the panel and bubbles (default 14px)
 *   --knotwise-danger         emergency/urgent banner, behind white text (default #b3261e)
 *   --knotwise-warning        "see a doctor" banner, behind dark text (default #f2b01e)
 *   --knotwise-note           background of calm notes (cautions), behind dark text (default #e6f0fa)
 *   --knotwise-highlight      body-map areas to work on (default #c8541c)
 *
 * Hooks for tests (stable): the element exposes `ready` (a Promise resolved once the
 * first conversation, or a restored one, has rendered) and carries `data-busy` while a
 * request is in flight. Class names inside the shadow root are listed in the brief and
 * used below (kw-launcher, kw-panel, kw-messages, kw-msg, ...).
 */
(function () {
    'use strict';

    const TAG = 'knotwise-chat';
    const STORAGE_PREFIX = 'knotwise:conversation:';
    const API = '/api/v1';

    // document.currentScript is only set while this file first runs, so read it now.
    const SCRIPT = document.currentScript || document.querySelector('script[src*="widget.js"]');
    const DEFAULT_SERVER = resolveServer(SCRIPT && SCRIPT.getAttribute('data-server'), scriptOrigin(SCRIPT));

    const TIER_RANK = { caution: 1, see_doctor: 2, urgent: 3, emergency: 4 };
    // A short first line for the banner; the server's full advice follows it.
    const BANNER_LEAD = { 4: 'Stop and get help now', 3: 'Stop and get checked today', 2: 'Please see a doctor' };
    const TEXT = {
        offline: "Couldn't reach Knotwise. Try again.",
        expired: 'That conversation had expired, so here is a fresh start.',
        timesUp: "Time's up.",
        // Said aloud in hands-free mode, while a hold is timed and when it ends.
        tenSeconds: 'Ten seconds.',
        fiveSeconds: 'Five.',
        timesUpAloud: "Time's up. Say next when you're ready.",
        notListening: 'This browser can read the steps aloud but cannot listen: tap or type your answers.',
    };
    const HANDS_FREE_KEY = 'knotwise:handsfree';

    // One cache for every widget on the page: technique details never change while it is open.
    const techniqueCache = new Map();

    // ------------------------------------------------------------------ helpers

    function scriptOrigin(script) {
        try {
            return script && script.src ? new URL(script.src, location.href).origin : location.origin;
        } catch (e) {
            return location.origin;
        }
    }

    /** An absolute server URL without a trailing slash; empty or missing means `fallback`. */
    function resolveServer(value, fallback) {
        if (value == null || value.trim() === '') {
            return fallback;
        }
        try {
            return new URL(value.trim(), location.href).href.replace(/\/+$/, '');
        } catch (e) {
            return fallback;
        }
    }

    // localStorage throws in some sandboxed iframes and private modes: then we just don't remember.
    function storageGet(key) {
        try {
            return window.localStorage.getItem(key);
        } catch (e) {
            return null;
        }
    }

    function storageSet(key, value) {
        try {
            if (value == null) {
                window.localStorage.removeItem(key);
            } else {
                window.localStorage.setItem(key, value);
            }
        } catch (e) {
            /* not remembered; the chat still works */
        }
    }

    /** The server rejects odd language tags with a 400, so only send a plain one. */
    function plainLocale() {
        const tag = navigator.language || '';
        return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : null;
    }

    function humanize(id) {
        const s = String(id || '').replace(/[_-]+/g, ' ').trim();
        return s.charAt(0).toUpperCase() + s.slice(1);
    }

    function formatSeconds(total) {
        const s = Math.max(0, Math.ceil(total));
        return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    }

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

    class ApiError extends Error {
        constructor(status, code, message, data) {
            super(message || code || 'HTTP ' + status);
            this.status = status;
            this.code = code;
            this.data = data || null;
        }
    }

    /** A short, soft two-note chime; silently nothing when the browser won't play audio. */
    let audioContext = null;
    function beep() {
        try {
            const Ctx = window.AudioContext || window.webkitAudioContext;
            if (!Ctx) {
                return;
            }
            audioContext = audioContext || new Ctx();
            if (audioContext.state === 'suspended') {
                audioContext.resume().catch(() => {});
            }
            const now = audioContext.currentTime;
            [660, 880].forEach((freq, i) => {
                const osc = audioContext.createOscillator();
                const gain = audioContext.createGain();
                const start = now + i * 0.22;
                osc.type = 'sine';
                osc.frequency.value = freq;
                gain.gain.setValueAtTime(0.0001, start);
                gain.gain.exponentialRampToValueAtTime(0.12, start + 0.03);
                gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
                osc.connect(gain).connect(audioContext.destination);
                osc.start(start);
                osc.stop(start + 0.32);
            });
        } catch (e) {
            /* audio not allowed: the visual and spoken "Time's up" still happen */
        }
    }

    /** Unlocks audio inside a click so the end-of-hold chime may play later. */
    function primeAudio() {
        try {
            const Ctx = window.AudioContext || window.webkitAudioContext;
            if (Ctx && !audioContext) {
                audioContext = new Ctx();
            }
            if (audioContext && audioContext.state === 'suspended') {
                audioContext.resume().catch(() => {});
            }
        } catch (e) {
            /* ignore */
        }
    }

    // ------------------------------------------------------------------ hold timer

    /**
     * A countdown that runs in the browser only. It keeps a deadline rather than counting
     * ticks, because background tabs throttle intervals.
     */
    class HoldTimer {
        constructor(onTick, onDone) {
            this.onTick = onTick;
            this.onDone = onDone;
            this.totalMs = 0;
            this.remainingMs = 0;
            this.deadline = 0;
            this.interval = null;
        }

        get running() {
            return this.interval !== null;
        }

        set(seconds) {
            this.stop();
            this.totalMs = Math.max(0, seconds) * 1000;
            this.remainingMs = this.totalMs;
            this.onTick(this.remainingMs / 1000);
        }

        start() {
            if (this.running || this.totalMs <= 0) {
                return;
            }
            if (this.remainingMs <= 0) {
                this.remainingMs = this.totalMs;
            }
            this.deadline = Date.now() + this.remainingMs;
            this.interval = setInterval(() => this.tick(), 250);
            this.onTick(this.remainingMs / 1000);
        }

        pause() {
            if (!this.running) {
                return;
            }
            this.remainingMs = Math.max(0, this.deadline - Date.now());
            this.stop();
            this.onTick(this.remainingMs / 1000);
        }

        reset() {
            this.set(this.totalMs / 1000);
        }

        stop() {
            if (this.interval !== null) {
                clearInterval(this.interval);
                this.interval = null;
            }
        }

        tick() {
            this.remainingMs = Math.max(0, this.deadline - Date.now());
            this.onTick(this.remainingMs / 1000);
            if (this.remainingMs <= 0) {
                this.stop();
                this.onDone();
            }
        }
    }

    /**
     * Whether a guide message is shown as a chat bubble: the emergency advice is shown whole in the banner and a step
     * on the step card while a technique is walked through, so neither is said twice.
     */
    function shownInChat(kind, walking) {
        return kind !== 'escalation' && !(walking && kind === 'step');
    }

    // ------------------------------------------------------------------ hands-free

    /**
     * Hands-free mode, for when both hands are on a ball against the wall: the guide's words are read aloud with the
     * browser's speech synthesis, and where the browser can listen, what the user says ("next", "back", "repeat",
     * "pause", "stop", or anything else, a red flag included) is sent as if typed, so the server screens it the same.
     */
    class HandsFree {
        constructor(onHeard) {
            this.onHeard = onHeard;
            this.on = false;
            this.recognition = null;
        }

        /** Whether this browser can speak at all; without it the mode is not offered. */
        static canSpeak() {
            return typeof window.speechSynthesis !== 'undefined' && window.speechSynthesis !== null
                && typeof window.SpeechSynthesisUtterance === 'function';
        }

        static canListen() {
            return typeof (window.SpeechRecognition || window.webkitSpeechRecognition) === 'function';
        }

        enable() {
            this.on = true;
            this._listen();
        }

        disable() {
            this.on = false;
            const recognition = this.recognition;
            this.recognition = null;
            if (recognition) {
                try {
                    recognition.abort();
                } catch (e) {
                    /* already stopped */
                }
            }
            try {
                window.speechSynthesis.cancel();
            } catch (e) {
                /* nothing to cancel */
            }
        }

        /** Reads a text aloud, after what is being read already. */
        say(text) {
            if (!this.on || !text || !String(text).trim()) {
                return;
            }
            try {
                const utterance = new window.SpeechSynthesisUtterance(String(text));
                utterance.lang = plainLocale() || 'en-GB';
                window.speechSynthesis.speak(utterance);
            } catch (e) {
                /* speech refused (no voice, no permission): the screen still shows everything */
            }
        }

        _listen() {
            const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
            if (typeof Recognition !== 'function' || this.recognition) {
                return;
            }
            const recognition = new Recognition();
            recognition.continuous = true;
            recognition.interimResults = false;
            recognition.lang = plainLocale() || 'en-GB';
            recognition.onresult = (event) => {
                for (let i = event.resultIndex || 0; i < event.results.length; i += 1) {
                    const result = event.results[i];
                    const heard = result && result[0] && result[0].transcript;
                    if (result.isFinal !== false && heard && heard.trim()) {
                        this.onHeard(heard.trim());
                    }
                }
            };
            // Browsers end a recognition after a silence: keep listening while the mode is on.
            recognition.onend = () => {
                if (this.on && this.recognition === recognition) {
                    try {
                        recognition.start();
                    } catch (e) {
                        /* starting already */
                    }
                }
            };
            this.recognition = recognition;
            try {
                recognition.start();
            } catch (e) {
                /* no microphone permission yet: the browser asks */
            }
        }
    }

    // ------------------------------------------------------------------ markup (static only)

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

    // ------------------------------------------------------------------ the element

    class KnotwiseChat extends HTMLElement {
        constructor() {
            super();
            this.attachShadow({ mode: 'open' });
            this.ready = new Promise((resolve) => {
                this._resolveReady = resolve;
            });
            this._built = false;
            this._id = null;            // the conversation shown, once loaded
            this._loading = null;       // the promise of a start or restore under way
            this._sending = false;
            this._generation = 0;       // bumps on "Start over" so late answers are ignored
            this._busy = 0;
            this._typing = 0;
            this._walk = null;          // the step card's state
            this._banner = null;        // { rank, text, number }
            this._handsFree = new HandsFree((heard) => this._heard(heard));
            this._lastSpokenSecond = null;
        }

        connectedCallback() {
            if (this._built) {
                return;
            }
            this._built = true;
            this._server = resolveServer(this.getAttribute('server'), DEFAULT_SERVER);
            this._storageKey = STORAGE_PREFIX + this._server;
            this._render();
            this._timer = new HoldTimer((s) => this._showTime(s), () => this._timeUp());
            this._offerHandsFree();
            // A remembered conversation is restored at once; a new one waits for the first open. A panel left open
            // before a reload opens again.
            if (storageGet(this._storageKey)) {
                this._ensureConversation();
            }
            if (storageGet(this._storageKey + ':open') === 'yes') {
                this.open();
            }
        }

        disconnectedCallback() {
            if (this._timer) {
                this._timer.stop();
            }
            this._handsFree.disable();
        }

        // -------------------------------------------------------------- hands-free

        /** Shows the toggle where the browser can speak (remembering the last choice); hides it where it cannot. */
        _offerHandsFree() {
            this.$.handsFree.hidden = !HandsFree.canSpeak();
            if (!this.$.handsFree.hidden && storageGet(HANDS_FREE_KEY) === 'on') {
                this._setHandsFree(true, false);
            }
        }

        _setHandsFree(on, chosen) {
            if (on) {
                this._handsFree.enable();
            } else {
                this._handsFree.disable();
            }
            this.$.handsFree.setAttribute('aria-pressed', on ? 'true' : 'false');
            if (chosen) {
                storageSet(HANDS_FREE_KEY, on ? 'on' : null);
                if (on && !HandsFree.canListen()) {
                    this._showError(TEXT.notListening);
                }
            }
        }

        /** Something said aloud in hands-free mode: sent like typed text (a spoken "pause" also pauses the timer). */
        _heard(text) {
            if (/^\s*(pause|hold on|wait)\b/i.test(text) && this._timer) {
                this._timer.pause();
            }
            this._sendWhenFree(text, Date.now());
        }

        /** Sends what was said once the message before it is answered: nothing said is dropped (it may be a red flag). */
        _sendWhenFree(text, since) {
            if (this._sending && Date.now() - since < 30000) {
                setTimeout(() => this._sendWhenFree(text, since), 200);
                return;
            }
            this._send({ text }, text, () => {});
        }

        /** Opens the panel, starting (or restoring) a conversation if none is shown yet. */
        open() {
            storageSet(this._storageKey + ':open', 'yes');
            this.$.panel.hidden = false;
            this.$.launcher.setAttribute('aria-expanded', 'true');
            this.$.input.focus();
            this._scrollToEnd();
            this._ensureConversation();
        }

        /** Closes the panel and gives focus back to the launcher. */
        close() {
            storageSet(this._storageKey + ':open', null);
            this.$.panel.hidden = true;
            this.$.launcher.setAttribute('aria-expanded', 'false');
            this.$.launcher.focus();
        }

        // -------------------------------------------------------------- skeleton and events

        // A constructed style sheet is not inline style, so host pages (and the demo page) need no
        // 'unsafe-inline' in their Content-Security-Policy. Browsers without one get a <style> element.
        _style() {
            if ('adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
                const sheet = new CSSStyleSheet();
                sheet.replaceSync(STYLES);
                this.shadowRoot.adoptedStyleSheets = [sheet];
            } else {
                const style = document.createElement('style');
                style.textContent = STYLES;
                this.shadowRoot.prepend(style);
            }
        }

        _render() {
            this.shadowRoot.innerHTML = SKELETON; // static markup only; data goes in via textContent
            this._style();
            const q = (selector) => this.shadowRoot.querySelector(selector);
            this.$ = {
                launcher: q('.kw-launcher'), panel: q('.kw-panel'), restart: q('.kw-restart'),
                handsFree: q('.kw-handsfree'),
                close: q('.kw-close'), banner: q('.kw-banner'), bannerLead: q('.kw-banner-lead'),
                bannerText: q('.kw-banner-text'), call: q('.kw-call'),
                step: q('.kw-step'), stepTitle: q('.kw-step-title'), stepDetails: q('.kw-step-details'),
                stepCount: q('.kw-step-count'), progress: q('.kw-progress'), progressBar: q('.kw-progress-bar'),
                stepText: q('.kw-step-text'), stepTargets: q('.kw-step-targets'), stepNote: q('.kw-step-note'),
                stepNoteText: q('.kw-step-note-text'), bodymap: q('.kw-bodymap'), timer: q('.kw-timer'),
                timerDisplay: q('.kw-timer-display'), timerStatus: q('.kw-timer-status'),
                messages: q('.kw-messages'), typing: q('.kw-typing'), error: q('.kw-error'),
                quick: q('.kw-quick'), form: q('.kw-form'), input: q('.kw-input'), live: q('.kw-live'),
            };
            this.$.launcher.addEventListener('click', () => (this.$.panel.hidden ? this.open() : this.close()));
            this.$.close.addEventListener('click', () => this.close());
            this.$.restart.addEventListener('click', () => this._startOver());
            this.$.handsFree.addEventListener('click', () => this._setHandsFree(!this._handsFree.on, true));
            this.$.stepDetails.addEventListener('click',
                () => this._setStepDetails(this.$.stepDetails.getAttribute('aria-expanded') !== 'true'));
            this.$.panel.addEventListener('keydown', (event) => {
                if (event.key === 'Escape') {
                    event.preventDefault();
                    this.close();
                }
            });
            this.$.form.addEventListener('submit', (event) => {
                event.preventDefault();
                this._sendText();
            });
            this.$.quick.addEventListener('click', (event) => {
                const button = event.target.closest('.kw-qr');
                if (button) {
                    // The pressed button is about to be replaced: keep keyboard focus inside the panel.
                    this.$.input.focus();
                    this._sendReply(button.dataset.payload, button.textContent);
                }
            });
            this.shadowRoot.querySelector('.kw-timer-start').addEventListener('click', () => {
                primeAudio();
                this._timerStatus(null);
                this._timer.start();
            });
            this.shadowRoot.querySelector('.kw-timer-pause').addEventListener('click', () => this._timer.pause());
            this.shadowRoot.querySelector('.kw-timer-reset').addEventListener('click', () => {
                this._timerStatus(null);
                this._timer.reset();
            });
        }

        // -------------------------------------------------------------- requests

        /** One JSON request; counts towards `data-busy` (and the typing dots when `typing`). */
        async _request(method, path, body, typing) {
            this._setBusy(1, typing);
            try {
                let response;
                try {
                    response = await fetch(this._server + API + path, {
                        method,
                        headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' }
                            : { Accept: 'application/json' },
                        body: body ? JSON.stringify(body) : undefined,
                        credentials: 'omit',
                    });
                } catch (e) {
                    throw new ApiError(0, 'network', TEXT.offline);
                }
                let data = null;
                try {
                    data = await response.json();
                } catch (e) {
                    data = null;
                }
                if (!response.ok) {
                    const error = (data && data.error) || {};
                    throw new ApiError(response.status, error.code, error.message, data);
                }
                return data;
            } finally {
                this._setBusy(-1, typing);
            }
        }

        _setBusy(delta, typing) {
            this._busy += delta;
            if (typing) {
                this._typing += delta;
            }
            this.toggleAttribute('data-busy', this._busy > 0);
            this.$.typing.hidden = this._typing <= 0;
            if (this._typing > 0) {
                this._scrollToEnd();
            }
        }

        /** Calm wording for failures: the server's own message for bad input, else "try again". */
        _describe(error) {
            if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.message
                && error.status !== 404) {
                return error.message;
            }
            return TEXT.offline;
        }

        // -------------------------------------------------------------- conversation lifecycle

        /** Shows a conversation: the remembered one if any, else a new one. Shared while under way. */
        _ensureConversation() {
            if (this._id || this._loading) {
                return this._loading || Promise.resolve();
            }
            const generation = this._generation;
            const stored = storageGet(this._storageKey);
            this._loading = (stored ? this._restore(stored) : this._start())
                .catch((error) => {
                    if (generation === this._generation) {
                        this._showError(this._describe(error));
                    }
                })
                .finally(() => {
                    if (generation === this._generation) {
                        this._loading = null;
                    }
                    this._resolveReady();
                });
            return this._loading;
        }

        async _start() {
            const generation = this._generation;
            const locale = plainLocale();
            const turn = await this._request('POST', '/conversations', locale ? { locale } : {}, true);
            if (generation !== this._generation) {
                return;
            }
            this._clearError();
            await this._applyTurn(turn, { announce: true });
        }

        async _restore(id) {
            const generation = this._generation;
            let conversation;
            try {
                conversation = await this._request('GET', '/conversations/' + encodeURIComponent(id), null, true);
            } catch (error) {
                if (error instanceof ApiError && error.status === 404 && generation === this._generation) {
                    // Expired or unknown: forget it and begin again as if new.
                    storageSet(this._storageKey, null);
                    return this._start();
                }
                throw error;
            }
            if (generation !== this._generation) {
                return;
            }
            this._clearError();
            await this._rebuild(conversation);
        }

        /** "Start over": nothing is deleted on the server; we just forget the id. */
        _startOver() {
            this._generation += 1;
            this._loading = null;
            this._sending = false;
            this._id = null;
            storageSet(this._storageKey, null);
            this._clearChat();
            this.$.input.focus();
            return this._ensureConversation();
        }

        _clearChat() {
            this.$.messages.replaceChildren();
            this.$.quick.replaceChildren();
            this.$.live.replaceChildren();
            this._clearError();
            this._banner = null;
            this.$.banner.hidden = true;
            this._hideStepCard();
        }

        // -------------------------------------------------------------- sending

        _sendText() {
            const text = this.$.input.value.trim();
            if (!text || this._sending) {
                return;
            }
            this.$.input.value = '';
            this._send({ text }, text, () => {
                // Keep what they typed if the message didn't go through.
                if (!this.$.input.value) {
                    this.$.input.value = text;
                }
            });
        }

        _sendReply(payload, title) {
            if (this._sending || !payload) {
                return;
            }
            this._send({ payload }, title, () => {});
        }

        async _send(body, shownText, restoreInput) {
            this._sending = true;
            // Busy from the press until the answer is on screen (rendering awaits, too), so nothing, not even a
            // test, acts on the previous turn's buttons in between.
            this._setBusy(1, false);
            const generation = this._generation;
            this._clearError();
            let bubble = null;
            try {
                // Typed before the greeting arrived? Let the greeting come first.
                await this._ensureConversation();
                if (generation !== this._generation) {
                    return;
                }
                if (!this._id) {
                    throw new ApiError(0, 'network', TEXT.offline);
                }
                // Show the user's words at once; take them back if the server never got them.
                bubble = this._addBubble('user', body.payload ? 'quick_reply' : 'text', shownText, new Date());
                this._scrollToEnd();
                const turn = await this._request('POST',
                    '/conversations/' + encodeURIComponent(this._id) + '/messages', body, true);
                if (generation === this._generation) {
                    this._sending = false;
                    await this._applyTurn(turn, { announce: true });
                }
            } catch (error) {
                if (generation !== this._generation) {
                    return;
                }
                this._sending = false;
                const advice = error instanceof ApiError && error.data && Array.isArray(error.data.messages)
                    ? error.data.messages : [];
                if (advice.length > 0) {
                    // The conversation could not be saved, but a red flag still gets its advice at once.
                    const now = new Date();
                    advice.filter((m) => shownInChat(m.kind, false))
                        .forEach((m) => this._addBubble('guide', m.kind, m.text, now));
                    this._announce(advice.map((m) => m.text || ''));
                    const escalation = advice.filter((m) => m.kind === 'escalation').pop();
                    this._updateBanner(error.data.triage, escalation && escalation.text);
                    this._scrollToEnd();
                    this._showError(this._describe(error));
                    return;
                }
                if (bubble) {
                    bubble.remove();
                }
                restoreInput();
                if (error instanceof ApiError && error.status === 404) {
                    await this._expired();
                } else {
                    this._showError(this._describe(error));
                }
            } finally {
                this._setBusy(-1, false);
                if (generation === this._generation) {
                    this._sending = false;
                }
            }
        }

        /** The server forgot this conversation (it expired): begin a clean one and say so calmly. */
        async _expired() {
            this._generation += 1;
            this._loading = null;
            this._id = null;
            storageSet(this._storageKey, null);
            this._clearChat();
            await this._ensureConversation();
            if (this.$.error.hidden) {
                this._showError(TEXT.expired);
            }
        }

        // -------------------------------------------------------------- rendering a turn

        /** Renders a Turn from the server; only its new guide messages are announced. */
        async _applyTurn(turn, options) {
            this._remember(turn.conversation_id);
            const messages = Array.isArray(turn.messages) ? turn.messages : [];
            const now = new Date();
            const walking = Boolean(turn.state && turn.state.technique);
            messages.filter((m) => shownInChat(m.kind, walking))
                .forEach((m) => this._addBubble('guide', m.kind, m.text, now));
            if (options.announce) {
                this._announce(messages.map((m) => (m.kind === 'warning' ? 'Note: ' : '') + (m.text || '')));
                messages.forEach((m) => this._handsFree.say(m.text));
            }
            const escalation = messages.filter((m) => m.kind === 'escalation').pop();
            this._updateBanner(turn.triage, escalation && escalation.text);
            this._renderQuickReplies(turn.quick_replies, walking);
            this._scrollToEnd();
            await this._updateStepCard(turn.state, messages);
            this._scrollToEnd(); // the card may have appeared and shrunk the messages area
        }

        /** Rebuilds the chat from a stored conversation, silently (history is not re-announced). */
        async _rebuild(conversation) {
            this._remember(conversation.conversation_id);
            const transcript = Array.isArray(conversation.transcript) ? conversation.transcript : [];
            const state = conversation.state || (conversation.last_turn || {}).state;
            const walking = Boolean(state && state.technique);
            transcript.forEach((entry) => {
                const from = entry.from === 'user' ? 'user' : 'guide';
                if (from === 'user' || shownInChat(entry.kind, walking)) {
                    this._addBubble(from, entry.kind, entry.text, entry.at ? new Date(entry.at) : null);
                }
            });
            const guide = transcript.filter((e) => e.from !== 'user');
            const escalation = guide.filter((e) => e.kind === 'escalation').pop();
            this._updateBanner(conversation.triage, escalation && escalation.text);
            const last = conversation.last_turn || {};
            this._renderQuickReplies(last.quick_replies, walking);
            this._scrollToEnd();
            // The step card wants the latest step and the notes after it; the last turn adds hold times.
            const lastStep = guide.map((e) => e.kind).lastIndexOf('step');
            const recent = lastStep >= 0 ? guide.slice(lastStep) : guide.filter((e) => e.kind === 'warning');
            const lastMessages = Array.isArray(last.messages) ? last.messages : [];
            const withHolds = recent.map((e) => {
                const match = lastMessages.find((m) => m.kind === e.kind && m.text === e.text);
                return match ? Object.assign({}, e, { hold_seconds: match.hold_seconds, step: match.step }) : e;
            });
            await this._updateStepCard(conversation.state || last.state, withHolds, { restoring: true });
            this._scrollToEnd();
        }

        _remember(id) {
            if (id) {
                this._id = id;
                storageSet(this._storageKey, id);
            }
        }

        _addBubble(from, kind, text, at) {
            const side = from === 'user' ? 'kw-user' : 'kw-guide';
            const bubble = el('div', 'kw-msg ' + side, String(text == null ? '' : text));
            bubble.dataset.kind = kind || 'text';
            if (at && !isNaN(at.getTime())) {
                bubble.title = at.toLocaleString();
                bubble.dataset.time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
            }
            this.$.messages.appendChild(bubble);
            return bubble;
        }

        /** The live region holds only the newest guide words, so screen readers never re-read history. */
        _announce(texts) {
            const lines = texts.filter((t) => t && t.trim());
            if (!lines.length) {
                return;
            }
            this.$.live.replaceChildren(...lines.map((t) => el('p', null, t)));
        }

        /** The buttons on offer; while a technique is walked through, the card's own timer replaces "Start timer". */
        _renderQuickReplies(replies, walking) {
            const list = (Array.isArray(replies) ? replies : [])
                .filter((r) => !(walking && r.payload === '/start_timer'));
            this.$.quick.replaceChildren(...list.map((r) => {
                const button = el('button', 'kw-qr', r.title || r.payload);
                button.type = 'button';
                button.dataset.payload = r.payload || '';
                return button;
            }));
        }

        _scrollToEnd() {
            const box = this.$.messages;
            box.scrollTop = box.scrollHeight;
        }

        _showError(text) {
            this.$.error.textContent = text;
            this.$.error.hidden = false;
        }

        _clearError() {
            this.$.error.textContent = '';
            this.$.error.hidden = true;
        }

        // -------------------------------------------------------------- safety banner

        /**
         * Shows the red or amber banner once the conversation escalates. It only ever gets
         * more serious and stays until the conversation ends ("Start over").
         */
        _updateBanner(triage, escalationText) {
            const tier = triage && triage.tier;
            const tierRank = TIER_RANK[tier] || 0;
            if (tierRank < TIER_RANK.see_doctor && !escalationText && !this._banner) {
                return;
            }
            const banner = this._banner || { rank: 0, text: '', number: null };
            // An escalation without a known tier is treated as urgent: better too red than too calm.
            const rank = Math.max(banner.rank, tierRank >= TIER_RANK.see_doctor ? tierRank : 0,
                escalationText && tierRank < TIER_RANK.see_doctor ? TIER_RANK.urgent : 0);
            if (escalationText) {
                banner.text = escalationText;
            }
            // The number to call comes with the triage, for the conversation's locale: never read out of the text.
            if (triage && triage.emergency_number && rank >= TIER_RANK.urgent) {
                banner.number = triage.emergency_number;
            }
            banner.rank = rank;
            this._banner = banner;
            this._paintBanner();
        }

        _paintBanner() {
            const { rank, text, number } = this._banner;
            this.$.banner.dataset.tone = rank >= TIER_RANK.urgent ? 'danger' : 'amber';
            this.$.bannerLead.textContent = BANNER_LEAD[rank] || BANNER_LEAD[3];
            this.$.bannerText.textContent = text;
            if (number) {
                this.$.call.href = 'tel:' + number.replace(/[^\d+]/g, '');
                this.$.call.textContent = 'Call ' + number;
                this.$.call.hidden = false;
            } else {
                this.$.call.removeAttribute('href');
                this.$.call.hidden = true;
            }
            this.$.banner.hidden = false;
        }

        // -------------------------------------------------------------- step card

        /**
         * Follows `state`: shows the card while a technique is walked through. `messages` are
         * the newest guide messages: a `step` sets the instruction, each `warning` after it a
         * note, and `timer_seconds` (re)starts the hold timer.
         */
        async _updateStepCard(state, messages, options) {
            // Read before the card is rebuilt: setting up the card saves its fresh timer over the old one.
            const savedTimer = options && options.restoring ? this._savedTimer() : null;
            if (!state || !state.technique) {
                this._hideStepCard();
                return;
            }
            const key = state.technique + '#' + state.step;
            if (!this._walk || this._walk.technique !== state.technique) {
                // Each technique starts as a strip on a desktop, so the chat stays in view; "More" shows the rest.
                this._setStepDetails(!window.matchMedia || !window.matchMedia('(min-width: 900px)').matches);
            }
            if (!this._walk || this._walk.key !== key) {
                this._walk = {
                    key, technique: state.technique, step: Number(state.step) || 1,
                    total: Number(state.total_steps) || 1, text: null, hold: undefined, notes: [], meta: null,
                    areas: null,
                };
                this._timer.set(0);
                this._timerStatus(null);
            }
            const walk = this._walk;
            let timerSeconds = null;
            (messages || []).forEach((m) => {
                if (m.kind === 'step') {
                    // The step as data: its instruction alone, and the body areas with the guide's words for them.
                    // (a step restored from the transcript has no data: the technique's own text is shown instead)
                    walk.text = m.step ? m.step.instruction : null;
                    walk.areas = m.step && Array.isArray(m.step.body_areas) ? m.step.body_areas : walk.areas;
                    walk.hold = m.hold_seconds != null ? Number(m.hold_seconds) : (options && options.restoring
                        ? undefined : null);
                    walk.notes = [];
                } else if (m.kind === 'warning' && m.text && !walk.notes.includes(m.text)) {
                    walk.notes.push(m.text);
                }
                if (m.timer_seconds != null) {
                    timerSeconds = Number(m.timer_seconds);
                }
            });
            this._paintStepCard();
            if (walk.hold !== undefined) {
                this._configureTimer(walk, timerSeconds);
            }
            walk.meta = await this._technique(walk.technique);
            if (this._walk !== walk) {
                return; // moved on while the details were loading
            }
            if (walk.hold === undefined) {
                const step = walk.meta && walk.meta.steps && walk.meta.steps[walk.step - 1];
                walk.hold = step && step.hold_seconds != null ? Number(step.hold_seconds) : null;
                this._configureTimer(walk, timerSeconds);
            }
            if (savedTimer) {
                this._restoreTimer(walk, savedTimer);
            }
            this._paintStepCard();
        }

        _setStepDetails(shown) {
            this.$.step.classList.toggle('kw-collapsed', !shown);
            this.$.stepDetails.setAttribute('aria-expanded', shown ? 'true' : 'false');
            this.$.stepDetails.textContent = shown ? 'Less' : 'More';
        }

        _hideStepCard() {
            this._walk = null;
            this.$.step.hidden = true;
            if (this._timer) {
                this._timer.stop();
            }
        }

        _paintStepCard() {
            const walk = this._walk;
            const meta = walk.meta || {};
            const $ = this.$;
            $.stepTitle.textContent = meta.name || humanize(walk.technique);
            $.stepCount.textContent = 'Step ' + walk.step + ' of ' + walk.total;
            $.progress.setAttribute('aria-valuemin', '0');
            $.progress.setAttribute('aria-valuemax', String(walk.total));
            $.progress.setAttribute('aria-valuenow', String(walk.step));
            $.progress.setAttribute('aria-valuetext', 'Step ' + walk.step + ' of ' + walk.total);
            $.progressBar.style.width = Math.min(100, (walk.step / walk.total) * 100) + '%';
            const fallback = meta.steps && meta.steps[walk.step - 1] && meta.steps[walk.step - 1].text;
            $.stepText.textContent = walk.text || fallback || '';
            const targets = Array.isArray(meta.targets) ? meta.targets : [];
            $.stepTargets.textContent = targets.length ? 'Targets: ' + targets.join(', ') : '';
            $.stepTargets.hidden = !targets.length;
            $.stepNoteText.textContent = walk.notes.join('\n');
            $.stepNote.hidden = !walk.notes.length;
            this._paintBodyMap(walk.areas || (Array.isArray(meta.body_areas)
                ? meta.body_areas.map((id) => ({ id, name: humanize(id) })) : []));
            $.step.hidden = false;
        }

        /** `areas`: the step's body areas, each `{id, name}` as the server names them. */
        _paintBodyMap(areas) {
            const ids = areas.map((a) => a.id);
            const all = ids.includes('upper_back');
            this.$.bodymap.querySelectorAll('.kw-region').forEach((region) => {
                region.classList.toggle('active', all || ids.includes(region.dataset.area));
            });
            const names = areas.map((a) => a.name);
            this.$.bodymap.setAttribute('aria-label', 'Upper back seen from behind. '
                + (names.length ? 'Highlighted: ' + names.join(', ') + '. ' : '')
                + 'Spine: never press here.');
        }

        /** Fetches a technique once per page (per server) and caches it; null when it can't. */
        _technique(id) {
            const key = this._server + '|' + id;
            if (!techniqueCache.has(key)) {
                const pending = this._request('GET', '/techniques/' + encodeURIComponent(id), null, false)
                    .catch(() => {
                        techniqueCache.delete(key); // try again next time
                        return null;
                    });
                techniqueCache.set(key, pending);
            }
            return techniqueCache.get(key);
        }

        // -------------------------------------------------------------- hold timer

        _configureTimer(walk, timerSeconds) {
            const seconds = timerSeconds || walk.hold;
            this.$.timer.hidden = !(seconds > 0);
            if (timerSeconds > 0) {
                // "Time me": the server answered with a hold to time, so start it for them.
                this._timerStatus(null);
                this._timer.set(timerSeconds);
                this._timer.start();
            } else if (seconds > 0 && !this._timer.running && this._timer.totalMs === 0) {
                this._timer.set(seconds);
            }
        }

        _showTime(seconds) {
            this.$.timerDisplay.textContent = formatSeconds(seconds);
            this._saveTimer();
            // Counted down aloud in hands-free mode, once each: "ten seconds", "five".
            const whole = Math.ceil(seconds);
            if (this._timer && this._timer.running && whole !== this._lastSpokenSecond) {
                this._lastSpokenSecond = whole;
                if (whole === 10) {
                    this._handsFree.say(TEXT.tenSeconds);
                } else if (whole === 5) {
                    this._handsFree.say(TEXT.fiveSeconds);
                }
            }
        }

        /** Keeps the hold timer of the step shown, so a reload finds it where it was (still running, if it was). */
        _saveTimer() {
            if (!this._walk || !this._timer) {
                return;
            }
            // A running timer is kept as its deadline, a stopped one as its time left: ticks change neither, so the
            // storage is written when the timer is set, started or paused, not four times a second.
            const running = this._timer.running;
            const saved = JSON.stringify({
                key: this._walk.key, totalMs: this._timer.totalMs,
                remainingMs: running ? null : this._timer.remainingMs, deadline: running ? this._timer.deadline : null,
            });
            if (saved !== this._lastSavedTimer) {
                this._lastSavedTimer = saved;
                storageSet(this._storageKey + ':timer', saved);
            }
        }

        _savedTimer() {
            try {
                return JSON.parse(storageGet(this._storageKey + ':timer') || 'null');
            } catch (e) {
                return null;
            }
        }

        /** After a reload: the saved timer of this step, counted on from where it was. */
        _restoreTimer(walk, saved) {
            if (saved.key !== walk.key || !(saved.totalMs > 0)) {
                return;
            }
            this._timer.set(saved.totalMs / 1000);
            const remaining = saved.deadline ? saved.deadline - Date.now() : saved.remainingMs;
            if (remaining <= 0) {
                this._timer.remainingMs = 0;
                this._showTime(0);
                this._timerStatus(TEXT.timesUp);
                return;
            }
            this._timer.remainingMs = remaining;
            this._showTime(remaining / 1000);
            if (saved.deadline) {
                this._timer.start();
            }
        }

        _timerStatus(text) {
            this.$.timerStatus.textContent = text || '';
            this.$.timerStatus.hidden = !text;
        }

        _timeUp() {
            this._timerStatus(TEXT.timesUp);
            this._announce([TEXT.timesUp]);
            this._handsFree.say(TEXT.timesUpAloud);
            this._lastSpokenSecond = null;
            beep();
            if (typeof navigator.vibrate === 'function') {
                try {
                    navigator.vibrate(200);
                } catch (e) {
                    /* not allowed: fine */
                }
            }
        }
    }

    // ------------------------------------------------------------------ registration

    if (!customElements.get(TAG)) {
        customElements.define(TAG, KnotwiseChat);
    }

    // Wait for the whole page so a hand-placed <knotwise-chat> further down is found.
    function mount() {
        if (!document.querySelector(TAG)) {
            document.body.appendChild(document.createElement(TAG));
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', mount);
    } else {
        mount();
    }
})();
