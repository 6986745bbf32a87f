package io.knotwise.engine;

/**
 * Where a conversation is: its node and, while a technique is walked through, which step of how many (from 1); and
 * who its advice sends the user to, for its locale: the emergency number and the urgent contact.
 */
public record TurnState(String node, String technique, Integer step, Integer totalSteps, Contacts contacts) {

    /** The emergency number and who to contact today, as the conversation's advice gives them. */
    public record Contacts(String emergencyNumber, String urgentContact) {
    }
}
