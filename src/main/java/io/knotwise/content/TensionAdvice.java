package io.knotwise.content;

/** What the guides advise for one kind of tension (occasional or accumulated), and the routine it points to. */
public record TensionAdvice(String text, String routine, String source) {
}
