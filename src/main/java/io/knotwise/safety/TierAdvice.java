package io.knotwise.safety;

/**
 * What a tier's advice says (safety/advice.yml): a short headline, the first line of a banner ("Stop and get help
 * now"), and the advice itself, with {@code {number}} and {@code {urgent_contact}} filled in for the conversation.
 */
public record TierAdvice(String headline, String text) {
}
