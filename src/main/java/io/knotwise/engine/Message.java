package io.knotwise.engine;

/**
 * One message from the guide. Immutable. Its text is interned: the guide says the same steps and questions to
 * everyone, so the transcripts of thousands of stored conversations share one copy of each.
 *
 * @param kind {@code text}, {@code step}, {@code warning}, {@code escalation} or {@code summary}
 * @param holdSeconds on a step: how long to hold, when the guide gives a hold time
 * @param timerSeconds on a timer message: how long the client should count down
 * @param step on a step: the step as data, or null on other messages
 */
public record Message(String kind, String text, Integer holdSeconds, Integer timerSeconds, StepView step) {

    public static final String TEXT = "text";
    public static final String STEP = "step";
    public static final String WARNING = "warning";
    public static final String ESCALATION = "escalation";
    public static final String SUMMARY = "summary";

    public Message {
        text = text == null ? null : text.intern();
    }

    public static Message of(String kind, String text) {
        return new Message(kind, text, null, null, null);
    }

    /** A message that starts or reports a timer of this many seconds. */
    public static Message timer(String text, int seconds) {
        return new Message(TEXT, text, null, seconds, null);
    }
}
