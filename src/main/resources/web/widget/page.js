// page.js: what the widget reads from the host page as it loads: the <script> tag that loaded it (its data-server,
// else its origin, is the server to talk to) and the browser's language.

// document.currentScript is only set while this script first runs, so read it now.
const SCRIPT = document.currentScript || document.querySelector('script[src*="widget.js"]');
const DEFAULT_SERVER = resolveServer(SCRIPT && SCRIPT.getAttribute('data-server'), scriptOrigin(SCRIPT));

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

/** The browser's language, when it is a tag the server accepts; else null. */
function plainLocale() {
    return plainLanguageTag(navigator.language);
}
