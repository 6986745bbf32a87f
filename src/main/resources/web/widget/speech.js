// speech.js: hands-free mode's use of the browser: speech synthesis reads aloud, speech recognition (where there is
// one) listens. What is heard and what a hold says aloud are decided in state.js.

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
        recognition.onresult = (event) => finalTranscripts(event).forEach((heard) => this.onHeard(heard));
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
