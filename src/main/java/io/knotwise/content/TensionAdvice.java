package io.knotwise.content;

import java.util.Map;

/**
 * What the guides advise for one kind of tension (occasional or accumulated), and the routine it points to.
 *
 * @param cautions the advice as it must be given while a caution category (by id) is raised
 */
public record TensionAdvice(String text, String routine, String source, Map<String, String> cautions) {

    public TensionAdvice {
        cautions = cautions == null ? Map.of() : Map.copyOf(cautions);
    }
}
