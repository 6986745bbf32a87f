package io.knotwise.safety;

/** A red-flag category found in a message, at the tier it was raised to. Immutable. */
public record RedFlag(String id, Tier tier) {
}
