package io.knotwise.engine;

/**
 * Where a conversation is: its node and, while a technique is walked through, which step of how many (from 1); and
 * what its advice leads with and who it sends the user to, for its locale.
 */
public record TurnState(String node, String technique, Integer step, Integer totalSteps, Advice advice) {

    /**
     * The headline of the conversation's triage tier ("Stop and get help now"; null before any triage), and the
     * emergency number and who to contact today, as the conversation's advice gives them.
     */
    public record Advice(String headline, String emergencyNumber, String urgentContact) {
    }
}
