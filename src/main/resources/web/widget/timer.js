// timer.js: the hold timer's clock: a countdown to a deadline on the page's clock, ticking four times a second, and
// the chime at its end. The step card shows it, says it aloud and keeps it across reloads (step-card.js).

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
        this.remainingMs = timeLeftMs(this.deadline, Date.now());
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
        this.remainingMs = timeLeftMs(this.deadline, Date.now());
        this.onTick(this.remainingMs / 1000);
        if (this.remainingMs <= 0) {
            this.stop();
            this.onDone();
        }
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
