// state.js: the widget's decisions as functions over plain data, with no page, storage, speech, timers or clock (the
// time is passed in): what a turn changes, the safety banner, the step card, the hold timer's arithmetic and what it
// says aloud, what a reload keeps, and what hands-free mode hears. The other parts call these and do what they say;
// WidgetStateTest runs this file alone in GraalJS, without a browser.

const TIER_RANK = { caution: 1, see_doctor: 2, urgent: 3, emergency: 4 };
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
// What a running hold says aloud at these whole seconds left.
const COUNTDOWN = { 10: TEXT.tenSeconds, 5: TEXT.fiveSeconds, 0: TEXT.timesUpAloud };

// What the widget keeps in the browser's storage: per server, the conversation id (restored on the next page), 'yes'
// while the panel is open and the hold timer (timerToSave); for every server, 'on' while hands-free mode is chosen.
const STORAGE_PREFIX = 'knotwise:conversation:';
const HANDS_FREE_KEY = 'knotwise:handsfree';

function storageKeys(server) {
    const conversation = STORAGE_PREFIX + server;
    return { conversation, open: conversation + ':open', timer: conversation + ':timer' };
}

// ------------------------------------------------------------------ formatting

function humanize(id) {
    const s = String(id || '').replace(/[_-]+/g, ' ').trim();
    return s.charAt(0).toUpperCase() + s.slice(1);
}

function formatSeconds(total) {
    const s = Math.max(0, Math.ceil(total));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

/** The server rejects odd language tags with a 400, so only a plain one is sent: the tag, or null. */
function plainLanguageTag(tag) {
    const plain = tag || '';
    return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(plain) ? plain : null;
}

/** Calm wording for a failed request (an ApiError, or null): the server's message for bad input, else "try again". */
function describeFailure(error) {
    if (error && error.status >= 400 && error.status < 500 && error.message && error.status !== 404) {
        return error.message;
    }
    return TEXT.offline;
}

// ------------------------------------------------------------------ turns

/**
 * Whether a guide message is shown as a chat bubble: the emergency advice is shown whole in the banner and a step
 * on the step card while a technique is walked through, so neither is said twice.
 */
function shownInChat(kind, walking) {
    return kind !== 'escalation' && !(walking && kind === 'step');
}

function lastEscalation(messages) {
    const escalation = messages.filter((m) => m.kind === 'escalation').pop();
    return escalation && escalation.text;
}

/** The buttons on offer; while a technique is walked through, the card's own timer replaces "Start timer". */
function quickRepliesOnOffer(replies, walking) {
    return (Array.isArray(replies) ? replies : [])
        .filter((r) => !(walking && r.payload === '/start_timer'))
        .map((r) => ({ title: r.title || r.payload, payload: r.payload || '' }));
}

/**
 * What a Turn from the server changes: the bubbles of its new guide messages, the lines announced to screen readers
 * and read aloud, the banner's triage and advice, the buttons, and the step card's state and messages.
 */
function turnChanges(turn) {
    const messages = Array.isArray(turn.messages) ? turn.messages : [];
    const walking = Boolean(turn.state && turn.state.technique);
    return {
        id: turn.conversation_id,
        bubbles: messages.filter((m) => shownInChat(m.kind, walking)).map((m) => ({ kind: m.kind, text: m.text })),
        announced: messages.map((m) => (m.kind === 'warning' ? 'Note: ' : '') + (m.text || '')),
        spoken: messages.map((m) => m.text),
        triage: turn.triage,
        escalation: lastEscalation(messages),
        quickReplies: quickRepliesOnOffer(turn.quick_replies, walking),
        state: turn.state,
        stepMessages: messages,
    };
}

/**
 * What a stored conversation shows after a reload, silently (history is not announced): every bubble with its time,
 * the banner, the last turn's buttons, and for the step card the latest step and the notes after it, with the hold
 * times the last turn adds.
 */
function restoredChat(conversation) {
    const transcript = Array.isArray(conversation.transcript) ? conversation.transcript : [];
    const last = conversation.last_turn || {};
    const state = conversation.state || last.state;
    const walking = Boolean(state && state.technique);
    const guide = transcript.filter((e) => e.from !== 'user');
    const lastStep = guide.map((e) => e.kind).lastIndexOf('step');
    const recent = lastStep >= 0 ? guide.slice(lastStep) : guide.filter((e) => e.kind === 'warning');
    const lastMessages = Array.isArray(last.messages) ? last.messages : [];
    return {
        id: conversation.conversation_id,
        bubbles: transcript
            .map((e) => ({ from: e.from === 'user' ? 'user' : 'guide', kind: e.kind, text: e.text, at: e.at || null }))
            .filter((b) => b.from === 'user' || shownInChat(b.kind, walking)),
        triage: conversation.triage,
        escalation: lastEscalation(guide),
        quickReplies: quickRepliesOnOffer(last.quick_replies, walking),
        state,
        stepMessages: recent.map((e) => {
            const match = lastMessages.find((m) => m.kind === e.kind && m.text === e.text);
            return match ? Object.assign({}, e, { hold_seconds: match.hold_seconds, step: match.step }) : e;
        }),
    };
}

/** The advice a failed request still carries (a red flag during a store outage), or null when it carries none. */
function adviceInFailure(data) {
    const advice = data && Array.isArray(data.messages) ? data.messages : [];
    if (advice.length === 0) {
        return null;
    }
    return {
        bubbles: advice.filter((m) => shownInChat(m.kind, false)).map((m) => ({ kind: m.kind, text: m.text })),
        announced: advice.map((m) => m.text || ''),
        triage: data.triage,
        escalation: lastEscalation(advice),
    };
}

// ------------------------------------------------------------------ safety banner

/**
 * The banner after a triage and the newest escalation advice: null while nothing called for one; once shown, it
 * only ever gets more serious and stays until the conversation ends ("Start over"). Returns a new banner.
 */
function nextBanner(banner, triage, escalationText) {
    const tierRank = TIER_RANK[triage && triage.tier] || 0;
    if (tierRank < TIER_RANK.see_doctor && !escalationText && !banner) {
        return null;
    }
    const before = banner || { rank: 0, text: '', number: null, headline: '' };
    // An escalation without a known tier is treated as urgent: better too red than too calm.
    const rank = Math.max(before.rank, tierRank >= TIER_RANK.see_doctor ? tierRank : 0,
        escalationText && tierRank < TIER_RANK.see_doctor ? TIER_RANK.urgent : 0);
    return {
        rank,
        text: escalationText ? escalationText : before.text,
        // The number to call comes with the triage, for the conversation's locale: never read out of the text.
        number: triage && triage.emergency_number && rank >= TIER_RANK.urgent ? triage.emergency_number : before.number,
        // The first line is the headline the server gives the highest tier so far, never written here.
        headline: triage && triage.headline && tierRank >= before.rank ? triage.headline : before.headline,
    };
}

/** How a banner is painted: red or amber, the server's headline, the whole advice, the number as a tel: link. */
function bannerView(banner) {
    const number = banner.number;
    return {
        tone: banner.rank >= TIER_RANK.urgent ? 'danger' : 'amber',
        lead: banner.headline || '',
        text: banner.text,
        call: number ? { href: 'tel:' + number.replace(/[^\d+]/g, ''), label: 'Call ' + number } : null,
    };
}

// ------------------------------------------------------------------ step card

/** The walk of the step in `state`: the same walk while on that step, a fresh one (nothing read yet) when it moves. */
function walkFor(walk, state) {
    const key = state.technique + '#' + state.step;
    if (walk && walk.key === key) {
        return walk;
    }
    return {
        key, technique: state.technique, step: Number(state.step) || 1, total: Number(state.total_steps) || 1,
        text: null, hold: undefined, notes: [], meta: null, areas: null,
    };
}

/**
 * What the newest guide messages change on the card: a `step` sets the instruction, body areas and hold (and clears
 * the notes), each `warning` after it adds a note once, and `timer_seconds` asks for a hold to be timed now. A step
 * restored from the transcript has no data: its hold stays undefined, to be looked up in the technique.
 */
function readStepMessages(walk, messages, restoring) {
    const step = { text: walk.text, areas: walk.areas, hold: walk.hold, notes: walk.notes.slice() };
    let timerSeconds = null;
    (messages || []).forEach((m) => {
        if (m.kind === 'step') {
            step.text = m.step ? m.step.instruction : null;
            step.areas = m.step && Array.isArray(m.step.body_areas) ? m.step.body_areas : step.areas;
            step.hold = m.hold_seconds != null ? Number(m.hold_seconds) : (restoring ? undefined : null);
            step.notes = [];
        } else if (m.kind === 'warning' && m.text && !step.notes.includes(m.text)) {
            step.notes.push(m.text);
        }
        if (m.timer_seconds != null) {
            timerSeconds = Number(m.timer_seconds);
        }
    });
    return { step, timerSeconds };
}

/** The hold of step `number` (from 1) in a technique's details, or null. */
function techniqueHold(meta, number) {
    const step = meta && meta.steps && meta.steps[number - 1];
    return step && step.hold_seconds != null ? Number(step.hold_seconds) : null;
}

/**
 * What the hold timer does for a step: whether it is shown; `start` seconds when the guide answered "time me" with a
 * hold to time at once; else `set` seconds when the timer is neither running nor set yet; null for nothing to do.
 */
function timerPlan(hold, timerSeconds, timer) {
    const seconds = timerSeconds || hold;
    const start = timerSeconds > 0 ? timerSeconds : null;
    return {
        shown: seconds > 0,
        start,
        set: !start && seconds > 0 && !timer.running && timer.totalMs === 0 ? seconds : null,
    };
}

/** What the card shows for a walk; `walk.meta` is the technique's details once fetched (its text fills gaps). */
function stepCardView(walk) {
    const meta = walk.meta || {};
    const known = meta.steps && meta.steps[walk.step - 1];
    const targets = Array.isArray(meta.targets) ? meta.targets : [];
    return {
        title: meta.name || humanize(walk.technique),
        step: walk.step,
        total: walk.total,
        count: 'Step ' + walk.step + ' of ' + walk.total,
        progress: Math.min(100, (walk.step / walk.total) * 100),
        text: walk.text || (known && known.text) || '',
        targets: targets.length ? 'Targets: ' + targets.join(', ') : '',
        notes: walk.notes.join('\n'),
        areas: walk.areas || (Array.isArray(meta.body_areas)
            ? meta.body_areas.map((id) => ({ id, name: humanize(id) })) : []),
    };
}

/** The body map for a step's areas (each `{id, name}` as the server names them): the regions lit, and its label. */
function bodyMapView(areas) {
    const ids = areas.map((a) => a.id);
    const names = areas.map((a) => a.name);
    return {
        lit: (area) => ids.includes('upper_back') || ids.includes(area),
        label: 'Upper back seen from behind. ' + (names.length ? 'Highlighted: ' + names.join(', ') + '. ' : '')
            + 'Spine: never press here.',
    };
}

// ------------------------------------------------------------------ hold timer

/**
 * Time left on a hold running to `deadline` at `now`, in ms and never below zero. A deadline rather than counted
 * ticks, because background tabs throttle intervals.
 */
function timeLeftMs(deadline, now) {
    return Math.max(0, deadline - now);
}

/**
 * What a running hold says aloud in hands-free mode as it shows `seconds` left: each whole second once, and only
 * "Ten seconds.", "Five." and at zero "Time's up...". `spokenSecond` is the second it last considered.
 */
function countdownCue(seconds, spokenSecond) {
    const second = Math.ceil(seconds);
    return { second, say: second === spokenSecond ? null : COUNTDOWN[second] || null };
}

/**
 * The hold timer of step `key` as kept across a reload: a running timer as its deadline, a stopped one as its time
 * left. Ticks change neither, so the stored form changes only when the timer is set, started or paused.
 */
function timerToSave(key, timer) {
    const running = timer.running;
    return JSON.stringify({
        key, totalMs: timer.totalMs,
        remainingMs: running ? null : timer.remainingMs, deadline: running ? timer.deadline : null,
    });
}

/**
 * After a reload, at `now`: the saved timer (as timerToSave wrote it) of step `key`, counted on from where it was:
 * its total, the time left, and whether it runs on (a running one does; at zero it is time's up). Null when the
 * saved timer is another step's, unset or unreadable.
 */
function timerToRestore(saved, key, now) {
    let timer;
    try {
        timer = JSON.parse(saved || 'null');
    } catch (e) {
        return null;
    }
    if (!timer || timer.key !== key || !(timer.totalMs > 0)) {
        return null;
    }
    const remaining = timer.deadline ? timer.deadline - now : timer.remainingMs;
    if (remaining <= 0) {
        return { totalMs: timer.totalMs, remainingMs: 0, running: false, timesUp: true };
    }
    return { totalMs: timer.totalMs, remainingMs: remaining, running: Boolean(timer.deadline), timesUp: false };
}

// ------------------------------------------------------------------ hands-free

/**
 * The final, non-empty transcripts of a speech recognition result event, trimmed, in order. Everything heard is
 * sent as if typed ("next", "back", "repeat", "pause", "stop", or anything else, a red flag included), so the
 * server reads it as it reads typed text.
 */
function finalTranscripts(event) {
    const heard = [];
    for (let i = event.resultIndex || 0; i < event.results.length; i += 1) {
        const result = event.results[i];
        const transcript = result && result[0] && result[0].transcript;
        if (result.isFinal !== false && transcript && transcript.trim()) {
            heard.push(transcript.trim());
        }
    }
    return heard;
}

/** Whether something said also pauses the hold timer at once, before the server answers: "pause", "hold on", "wait". */
function pausesTheTimer(heard) {
    return /^\s*(pause|hold on|wait)\b/i.test(heard);
}
