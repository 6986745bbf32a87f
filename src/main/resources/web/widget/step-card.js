// step-card.js: the step card while a technique is walked through: title, progress, the step's instruction and
// notes, the body map, and the hold timer (shown, started, counted down aloud in hands-free mode, kept across a
// reload). What changes and what is shown is worked out in state.js; this part paints it and runs the timer.

class StepCard {
    /**
     * `$`: the widget's elements; `timerKey`: where the hold timer is kept; `technique(id)`: a promise of the
     * technique's details (null when they cannot be had); `say(text)`: reads aloud in hands-free mode;
     * `announce(lines)`: tells screen readers.
     */
    constructor($, timerKey, { technique, say, announce }) {
        this.$ = $;
        this._timerKey = timerKey;
        this._technique = technique;
        this._say = say;
        this._announce = announce;
        this._walk = null;          // the step shown: what the card knows of it
        this._spokenSecond = null;  // the countdown's last whole second, so each is said once
        this._savedTimer = null;    // the timer as last kept, so ticks do not write it again
        this._timer = new HoldTimer((s) => this._showTime(s), () => this._timeUp());
        $.stepDetails.addEventListener('click',
            () => this.showDetails($.stepDetails.getAttribute('aria-expanded') !== 'true'));
        $.timerStart.addEventListener('click', () => {
            primeAudio();
            this._timerStatus(null);
            this._timer.start();
        });
        $.timerPause.addEventListener('click', () => this._timer.pause());
        $.timerReset.addEventListener('click', () => {
            this._timerStatus(null);
            this._timer.reset();
        });
    }

    /**
     * Follows `state`: shows the card while a technique is walked through. `messages` are the newest guide messages
     * (readStepMessages); `restoring` after a reload, when the saved hold timer is counted on from where it was.
     */
    async update(state, messages, restoring) {
        // Read before the card is rebuilt: setting up the card saves its fresh timer over the old one.
        const savedTimer = restoring ? storageGet(this._timerKey) : null;
        if (!state || !state.technique) {
            this.hide();
            return;
        }
        if (!this._walk || this._walk.technique !== state.technique) {
            // Each technique starts as a strip on a desktop, so the chat stays in view; "More" shows the rest.
            this.showDetails(!window.matchMedia || !window.matchMedia('(min-width: 900px)').matches);
        }
        const walk = walkFor(this._walk, state);
        if (walk !== this._walk) {
            this._walk = walk;
            this._timer.set(0);
            this._timerStatus(null);
        }
        const read = readStepMessages(walk, messages, restoring);
        Object.assign(walk, read.step);
        this._paint();
        if (walk.hold !== undefined) {
            this._configureTimer(walk, read.timerSeconds);
        }
        walk.meta = await this._technique(walk.technique);
        if (this._walk !== walk) {
            return; // moved on while the details were loading
        }
        if (walk.hold === undefined) {
            walk.hold = techniqueHold(walk.meta, walk.step);
            this._configureTimer(walk, read.timerSeconds);
        }
        if (savedTimer) {
            this._restoreTimer(walk, savedTimer);
        }
        this._paint();
    }

    /** The whole card, or a strip of the instruction and its timer ("More" / "Less"). */
    showDetails(shown) {
        this.$.step.classList.toggle('kw-collapsed', !shown);
        this.$.stepDetails.setAttribute('aria-expanded', shown ? 'true' : 'false');
        this.$.stepDetails.textContent = shown ? 'Less' : 'More';
    }

    hide() {
        this._walk = null;
        this.$.step.hidden = true;
        this._timer.stop();
    }

    pauseTimer() {
        this._timer.pause();
    }

    stopTimer() {
        this._timer.stop();
    }

    _paint() {
        const view = stepCardView(this._walk);
        const $ = this.$;
        $.stepTitle.textContent = view.title;
        $.stepCount.textContent = view.count;
        $.progress.setAttribute('aria-valuemin', '0');
        $.progress.setAttribute('aria-valuemax', String(view.total));
        $.progress.setAttribute('aria-valuenow', String(view.step));
        $.progress.setAttribute('aria-valuetext', view.count);
        $.progressBar.style.width = view.progress + '%';
        $.stepText.textContent = view.text;
        $.stepTargets.textContent = view.targets;
        $.stepTargets.hidden = !view.targets;
        $.stepNoteText.textContent = view.notes;
        $.stepNote.hidden = !view.notes;
        const map = bodyMapView(view.areas);
        $.bodymap.querySelectorAll('.kw-region').forEach((region) => {
            region.classList.toggle('active', map.lit(region.dataset.area));
        });
        $.bodymap.setAttribute('aria-label', map.label);
        $.step.hidden = false;
    }

    _configureTimer(walk, timerSeconds) {
        const plan = timerPlan(walk.hold, timerSeconds, this._timer);
        this.$.timer.hidden = !plan.shown;
        if (plan.start) {
            // "Time me": the server answered with a hold to time, so start it for them.
            this._timerStatus(null);
            this._timer.set(plan.start);
            this._timer.start();
        } else if (plan.set) {
            this._timer.set(plan.set);
        }
    }

    _showTime(seconds) {
        this.$.timerDisplay.textContent = formatSeconds(seconds);
        this._saveTimer();
        // Counted down aloud in hands-free mode while it runs: "ten seconds", "five", "time's up".
        if (this._timer.running) {
            const cue = countdownCue(seconds, this._spokenSecond);
            this._spokenSecond = cue.second;
            if (cue.say) {
                this._say(cue.say);
            }
        }
    }

    /** Keeps the hold timer of the step shown, so a reload finds it where it was (still running, if it was). */
    _saveTimer() {
        if (!this._walk) {
            return;
        }
        const saved = timerToSave(this._walk.key, this._timer);
        if (saved !== this._savedTimer) {
            this._savedTimer = saved;
            storageSet(this._timerKey, saved);
        }
    }

    /** After a reload: the saved timer of this step, counted on from where it was. */
    _restoreTimer(walk, saved) {
        const restored = timerToRestore(saved, walk.key, Date.now());
        if (!restored) {
            return;
        }
        this._timer.set(restored.totalMs / 1000);
        this._timer.remainingMs = restored.remainingMs;
        this._showTime(restored.remainingMs / 1000);
        if (restored.timesUp) {
            this._timerStatus(TEXT.timesUp);
        } else if (restored.running) {
            this._timer.start();
        }
    }

    _timerStatus(text) {
        this.$.timerStatus.textContent = text || '';
        this.$.timerStatus.hidden = !text;
    }

    /** The hold is over: shown, announced and chimed (hands-free mode has said so already: countdownCue at zero). */
    _timeUp() {
        this._timerStatus(TEXT.timesUp);
        this._announce([TEXT.timesUp]);
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
