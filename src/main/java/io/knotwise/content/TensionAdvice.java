package io.knotwise.content;

import io.knotwise.Copies;
import java.util.Map;

/**
 * What the guides advise for one kind of tension (occasional or accumulated), and the routine it points to.
 *
 * @param cautions the advice as it must be given while a caution category (by id) is raised
 * @param withWhatTheyHave the advice when the person lacks a tool the routine needs (only their hands, say); null
 *     for {@code text}
 */
public record TensionAdvice(String text, String routine, String source, Map<String, String> cautions,
                            String withWhatTheyHave) {

    public TensionAdvice {
        cautions = Copies.map(cautions);
    }
}
