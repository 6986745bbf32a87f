// element.js: the <knotwise-chat> custom element: its shadow root and events, the panel, one conversation's life
// (start, restore after a reload, send, "Start over", expiry) and what each turn shows: bubbles, the live region,
// the buttons, the banner and the step card (step-card.js). What a turn changes is worked out in state.js.

// One cache for every widget on the page: technique details never change while it is open.
const techniqueCache = new Map();

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
        this._banner = null;        // { rank, text, number }: nextBanner's
        this._handsFree = new HandsFree((heard) => this._heard(heard));
    }

    connectedCallback() {
        if (this._built) {
            return;
        }
        this._built = true;
        this._server = resolveServer(this.getAttribute('server'), DEFAULT_SERVER);
        this._keys = storageKeys(this._server);
        this._render();
        this._card = new StepCard(this.$, this._keys.timer, {
            technique: (id) => this._technique(id),
            say: (text) => this._handsFree.say(text),
            announce: (lines) => this._announce(lines),
        });
        this._offerHandsFree();
        // A remembered conversation is restored at once; a new one waits for the first open. A panel left open
        // before a reload opens again.
        if (storageGet(this._keys.conversation)) {
            this._ensureConversation();
        }
        if (storageGet(this._keys.open) === 'yes') {
            this.open();
        }
    }

    disconnectedCallback() {
        if (this._card) {
            this._card.stopTimer();
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
        if (pausesTheTimer(text) && this._card) {
            this._card.pauseTimer();
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
        storageSet(this._keys.open, 'yes');
        this.$.panel.hidden = false;
        this.$.launcher.setAttribute('aria-expanded', 'true');
        this.$.input.focus();
        this._scrollToEnd();
        this._ensureConversation();
    }

    /** Closes the panel and gives focus back to the launcher. */
    close() {
        storageSet(this._keys.open, null);
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
            timerStart: q('.kw-timer-start'), timerPause: q('.kw-timer-pause'), timerReset: q('.kw-timer-reset'),
            messages: q('.kw-messages'), typing: q('.kw-typing'), error: q('.kw-error'),
            quick: q('.kw-quick'), form: q('.kw-form'), input: q('.kw-input'), live: q('.kw-live'),
        };
        this.$.launcher.addEventListener('click', () => (this.$.panel.hidden ? this.open() : this.close()));
        this.$.close.addEventListener('click', () => this.close());
        this.$.restart.addEventListener('click', () => this._startOver());
        this.$.handsFree.addEventListener('click', () => this._setHandsFree(!this._handsFree.on, true));
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
    }

    // -------------------------------------------------------------- requests

    /** One JSON request (requestJson); counts towards `data-busy` (and the typing dots when `typing`). */
    async _request(method, path, body, typing) {
        this._setBusy(1, typing);
        try {
            return await requestJson(this._server, method, path, body);
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

    /** Calm wording for failures (describeFailure). */
    _describe(error) {
        return describeFailure(error instanceof ApiError ? error : null);
    }

    // -------------------------------------------------------------- conversation lifecycle

    /** Shows a conversation: the remembered one if any, else a new one. Shared while under way. */
    _ensureConversation() {
        if (this._id || this._loading) {
            return this._loading || Promise.resolve();
        }
        const generation = this._generation;
        const stored = storageGet(this._keys.conversation);
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
                storageSet(this._keys.conversation, null);
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
        storageSet(this._keys.conversation, null);
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
        this._card.hide();
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
            const advice = error instanceof ApiError ? adviceInFailure(error.data) : null;
            if (advice) {
                // The conversation could not be saved, but a red flag still gets its advice at once.
                const now = new Date();
                advice.bubbles.forEach((m) => this._addBubble('guide', m.kind, m.text, now));
                this._announce(advice.announced);
                this._updateBanner(advice.triage, advice.escalation);
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
        storageSet(this._keys.conversation, null);
        this._clearChat();
        await this._ensureConversation();
        if (this.$.error.hidden) {
            this._showError(TEXT.expired);
        }
    }

    // -------------------------------------------------------------- rendering a turn

    /** Renders a Turn from the server (turnChanges); only its new guide messages are announced. */
    async _applyTurn(turn, options) {
        const changes = turnChanges(turn);
        this._remember(changes.id);
        const now = new Date();
        changes.bubbles.forEach((m) => this._addBubble('guide', m.kind, m.text, now));
        if (options.announce) {
            this._announce(changes.announced);
            changes.spoken.forEach((text) => this._handsFree.say(text));
        }
        this._updateBanner(changes.triage, changes.escalation);
        this._renderQuickReplies(changes.quickReplies);
        this._scrollToEnd();
        await this._card.update(changes.state, changes.stepMessages, false);
        this._scrollToEnd(); // the card may have appeared and shrunk the messages area
    }

    /** Rebuilds the chat from a stored conversation (restoredChat), silently: history is not re-announced. */
    async _rebuild(conversation) {
        const chat = restoredChat(conversation);
        this._remember(chat.id);
        chat.bubbles.forEach((b) => this._addBubble(b.from, b.kind, b.text, b.at ? new Date(b.at) : null));
        this._updateBanner(chat.triage, chat.escalation);
        this._renderQuickReplies(chat.quickReplies);
        this._scrollToEnd();
        await this._card.update(chat.state, chat.stepMessages, true);
        this._scrollToEnd();
    }

    _remember(id) {
        if (id) {
            this._id = id;
            storageSet(this._keys.conversation, id);
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

    /** The buttons on offer (quickRepliesOnOffer). */
    _renderQuickReplies(replies) {
        this.$.quick.replaceChildren(...replies.map((r) => {
            const button = el('button', 'kw-qr', r.title);
            button.type = 'button';
            button.dataset.payload = r.payload;
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

    // -------------------------------------------------------------- safety banner and step card

    /** Shows the safety banner when the conversation calls for it (nextBanner); it only ever gets more serious. */
    _updateBanner(triage, escalationText) {
        const banner = nextBanner(this._banner, triage, escalationText);
        if (banner) {
            this._banner = banner;
            paintBanner(this.$, bannerView(banner));
        }
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
}
