package io.knotwise.engine;

/** Where a conversation is: its node and, while a technique is walked through, which step of how many (from 1). */
public record TurnState(String node, String technique, Integer step, Integer totalSteps) {
}
