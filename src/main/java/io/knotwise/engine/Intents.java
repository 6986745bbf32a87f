package io.knotwise.engine;

import java.util.List;

/**
 * The intents the engine itself branches on, named once. Each must be one the intent model knows (the validator
 * checks them against the model at start-up); every other intent is handled by the dialog graph's data alone.
 */
final class Intents {

    static final String AFFIRM = "affirm";
    static final String DENY = "deny";
    static final String NEXT = "next";
    static final String BACK = "back";
    static final String REPEAT = "repeat";
    static final String START_TIMER = "start_timer";
    static final String STOP = "stop";
    static final String DISCOMFORT = "discomfort";
    static final String DESCRIBE_SYMPTOM = "describe_symptom";
    static final String REQUEST_TECHNIQUE = "request_technique";
    static final String REQUEST_ROUTINE = "request_routine";
    static final String EXPLAIN_TECHNIQUE = "explain_technique";
    static final String FEEDBACK_BETTER = "feedback_better";
    static final String FEEDBACK_WORSE = "feedback_worse";
    static final String HELP = "help";
    static final String ASK_SAFETY = "ask_safety";
    static final String ASK_FREQUENCY = "ask_frequency";
    static final String ASK_EQUIPMENT = "ask_equipment";
    static final String GOODBYE = "goodbye";

    /** Every intent above. */
    static final List<String> ALL = List.of(AFFIRM, DENY, NEXT, BACK, REPEAT, START_TIMER, STOP, DISCOMFORT,
            DESCRIBE_SYMPTOM, REQUEST_TECHNIQUE, REQUEST_ROUTINE, EXPLAIN_TECHNIQUE, FEEDBACK_BETTER, FEEDBACK_WORSE,
            HELP, ASK_SAFETY, ASK_FREQUENCY, ASK_EQUIPMENT, GOODBYE);

    private Intents() {
    }
}
