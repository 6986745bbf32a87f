package io.knotwise.dialog;

/** What a node does; the engine has one behaviour for each. */
public enum NodeType {
    /** Says something and moves straight on to {@code next}. */
    SAY,
    /** Asks for one slot, skipped when the slot (or a {@code skip_if} slot) is already known. */
    ASK,
    /** Asks the red-flag checklist question. */
    SCREEN,
    /** Recommends the techniques that fit what the user said. */
    RECOMMEND,
    /** Walks through the chosen technique (or routine) step by step; {@code next} follows the last step. */
    WALK,
    /** Waits for one of the intents in {@code on}. */
    CHOICE,
    /** Sums up: how often, common mistakes, when to see a professional; then moves on to {@code next}. */
    WRAPUP,
    /** Where a raised tier stops guidance; answers questions but offers no technique. */
    ESCALATION,
    /** Asks one clarifying question about a vague mention of a red flag; yes, or an unclear answer, raises it. */
    CLARIFY,
    /** After a confirmed misunderstanding: withdraws the flags that stopped guidance, then moves on to {@code next}. */
    CLEAR;

}
