package io.knotwise.engine;

import io.knotwise.dialog.QuickReply;
import io.knotwise.safety.Tier;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one conversation. Mutable, but the engine changes only a private copy during a turn and stores it
 * when the turn has finished, so a failing turn leaves the stored conversation as it was.
 */
public final class Conversation {

    private final String id;
    private final String locale;
    private final Instant createdAt;
    private String node;
    private final Map<String, Object> slots = new HashMap<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private Tier tier;
    private final Map<String, Tier> flags = new LinkedHashMap<>();
    private List<String> plan = List.of();
    private int planIndex;
    private int step;
    private int attempts;
    private String pending;
    private String resume;
    private List<Message> lastMessages = List.of();
    private List<QuickReply> lastQuickReplies = List.of();
    /** The newest transcript entries, at most the engine's cap of them: the oldest leave first. */
    private final ArrayDeque<TranscriptEntry> transcript = new ArrayDeque<>();
    /** How many entries the transcript has had in all, including those that left it. */
    private long recorded;
    /** How many of them the store this conversation came from has written; the rest are new in this turn. */
    private long written;
    /** Whether entries the store had written have left the transcript since, so that it deletes them. */
    private boolean forgotWritten;

    Conversation(String id, String locale, Instant createdAt) {
        this.id = id;
        this.locale = locale;
        this.createdAt = createdAt;
    }

    /** A deep copy: a turn works on one and only a finished turn replaces the stored conversation. */
    Conversation copy() {
        var copy = new Conversation(id, locale, createdAt);
        copy.node = node;
        copy.slots.putAll(slots);
        copy.skipped.addAll(skipped);
        copy.tier = tier;
        copy.flags.putAll(flags);
        copy.plan = plan;
        copy.planIndex = planIndex;
        copy.step = step;
        copy.attempts = attempts;
        copy.pending = pending;
        copy.resume = resume;
        copy.lastMessages = lastMessages;
        copy.lastQuickReplies = lastQuickReplies;
        copy.transcript.addAll(transcript);
        copy.recorded = recorded;
        copy.written = written;
        copy.forgotWritten = forgotWritten;
        return copy;
    }

    /** This conversation as plain values, its transcript included. */
    public ConversationSnapshot snapshot() {
        return snapshot(transcript.stream().map(TranscriptEntry::values).toList());
    }

    /** This conversation without its transcript, for a store that keeps the transcript apart ({@link #unwritten()}). */
    public ConversationSnapshot state() {
        return snapshot(List.of());
    }

    private ConversationSnapshot snapshot(List<List<String>> entries) {
        var flagTiers = new LinkedHashMap<String, String>();
        flags.forEach((flag, at) -> flagTiers.put(flag, at.id()));
        return new ConversationSnapshot(id, locale, createdAt.toString(), node, new HashMap<>(slots),
                List.copyOf(skipped), tier == null ? null : tier.id(), flagTiers, plan, planIndex, step, attempts,
                pending, resume, lastMessages, lastQuickReplies, recorded, entries);
    }

    /** The conversation a snapshot was taken of, its transcript included. */
    public static Conversation restore(ConversationSnapshot snapshot) {
        return restore(snapshot, List.of());
    }

    /**
     * The conversation a snapshot without its transcript was taken of, with the transcript entries its store kept
     * apart (all written). A snapshot that still carries its transcript, as stores wrote them before they kept it
     * apart, counts none of it as written, so the store's next save writes it the new way.
     */
    public static Conversation restore(ConversationSnapshot snapshot, List<TranscriptEntry> written) {
        var conversation = new Conversation(snapshot.id(), snapshot.locale(), Instant.parse(snapshot.createdAt()));
        conversation.node = snapshot.node();
        conversation.slots.putAll(snapshot.slots());
        conversation.skipped.addAll(snapshot.skipped());
        conversation.tier = snapshot.tier() == null ? null : Tier.fromId(snapshot.tier());
        snapshot.flags().forEach((flag, at) -> conversation.flags.put(flag, Tier.fromId(at)));
        conversation.plan = List.copyOf(snapshot.plan());
        conversation.planIndex = snapshot.planIndex();
        conversation.step = snapshot.step();
        conversation.attempts = snapshot.attempts();
        conversation.pending = snapshot.pending();
        conversation.resume = snapshot.resume();
        conversation.lastMessages = List.copyOf(snapshot.lastMessages());
        conversation.lastQuickReplies = List.copyOf(snapshot.lastQuickReplies());
        snapshot.transcript().forEach(e -> conversation.transcript.add(TranscriptEntry.of(e)));
        conversation.transcript.addAll(written);
        conversation.recorded = Math.max(snapshot.recorded(), conversation.transcript.size());
        conversation.written = snapshot.transcript().isEmpty() ? conversation.recorded : 0;
        return conversation;
    }

    public String id() {
        return id;
    }

    public String locale() {
        return locale;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String node() {
        return node;
    }

    void node(String node) {
        this.node = node;
    }

    Map<String, Object> slots() {
        return slots;
    }

    /** Slots the user chose not to answer: their questions are not asked again. */
    Set<String> skipped() {
        return skipped;
    }

    public Tier tier() {
        return tier;
    }

    /** The flags raised so far, in order, with the tier each was raised at. */
    Set<String> flags() {
        return Collections.unmodifiableSet(flags.keySet());
    }

    /** Raises a flag (keeping its highest tier) and the conversation's tier; returns whether the flag is new. */
    boolean raise(String flag, Tier at) {
        Tier before = flags.get(flag);
        if (before == null || at.isHigherThan(before)) {
            flags.put(flag, at);
        }
        if (at.isHigherThan(tier)) {
            tier = at;
        }
        return before == null;
    }

    /** After a confirmed misunderstanding: withdraws the flags that stopped or paused guidance. */
    void withdrawStoppingFlags() {
        flags.values().removeIf(Tier::stopsGuidance);
        tier = flags.values().stream().min(Comparator.naturalOrder()).orElse(null);
    }

    /** The triage so far, or null when nothing has been raised. */
    public Triage triage() {
        return tier == null ? null : new Triage(tier, List.copyOf(flags.keySet()));
    }

    List<String> plan() {
        return plan;
    }

    void plan(List<String> plan) {
        this.plan = List.copyOf(plan);
        this.planIndex = 0;
        this.step = 0;
    }

    int planIndex() {
        return planIndex;
    }

    void planIndex(int planIndex) {
        this.planIndex = planIndex;
    }

    /** The current step, from 0. */
    int step() {
        return step;
    }

    void step(int step) {
        this.step = step;
    }

    int attempts() {
        return attempts;
    }

    void attempts(int attempts) {
        this.attempts = attempts;
    }

    /** The red-flag category a clarifying question is pending about, or null. */
    String pending() {
        return pending;
    }

    /** Asks about a category, to come back to {@code node} if the answer is no. */
    void clarify(String category, String node) {
        this.pending = category;
        this.resume = node;
    }

    /** Ends a clarification; returns the node to come back to. */
    String resolved() {
        String back = resume;
        pending = null;
        resume = null;
        return back;
    }

    /** What the guide said last, so a client can restore the screen. */
    public List<Message> lastMessages() {
        return lastMessages;
    }

    /** The buttons offered last, so a client can restore them. */
    public List<QuickReply> lastQuickReplies() {
        return lastQuickReplies;
    }

    void last(List<Message> messages, List<QuickReply> quickReplies) {
        this.lastMessages = List.copyOf(messages);
        this.lastQuickReplies = List.copyOf(quickReplies);
    }

    /** The newest transcript entries, oldest first (those beyond the engine's cap have left). */
    public List<TranscriptEntry> transcript() {
        return List.copyOf(transcript);
    }

    /** How many transcript entries there have been in all, including those that left it. */
    public long recorded() {
        return recorded;
    }

    /**
     * What a store that keeps the transcript apart writes in a save: the entries it has not written yet, numbered
     * on from {@code from}, and the number of the oldest entry still kept (older ones are deleted, when any left).
     */
    public Unwritten unwritten() {
        long oldest = recorded - transcript.size();
        long from = Math.max(written, oldest);
        // The new entries are the newest: walk back over just them, not the whole transcript, on every save.
        var entries = new ArrayDeque<TranscriptEntry>();
        var newestFirst = transcript.descendingIterator();
        for (long n = recorded - from; n > 0; n--) {
            entries.addFirst(newestFirst.next());
        }
        return new Unwritten(from, List.copyOf(entries), oldest, forgotWritten);
    }

    /** Called by a store when it has written {@link #unwritten()}. */
    public void written() {
        written = recorded;
        forgotWritten = false;
    }

    /** Adds a transcript entry, and lets the oldest go once there are more than {@code cap}. */
    void record(TranscriptEntry entry, int cap) {
        transcript.addLast(entry);
        recorded++;
        while (transcript.size() > cap) {
            // The entry leaving is number recorded - size.
            forgotWritten |= recorded - transcript.size() < written;
            transcript.removeFirst();
        }
    }

    /**
     * Transcript entries a store has not written yet.
     *
     * @param from the number (from 0, in order of recording) of the first of {@code entries}
     * @param oldest the number of the oldest entry the conversation still keeps
     * @param forgets whether entries older than {@code oldest} had been written, and are to be deleted
     */
    public record Unwritten(long from, List<TranscriptEntry> entries, long oldest, boolean forgets) {
    }
}
