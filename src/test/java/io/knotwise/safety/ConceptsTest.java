package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptsTest {

    private static final Map<String, List<String>> LEXICON = Map.of(
            "seat", List.of("hard chair"), "saddle_numb", List.of("bum"), "brushed_off", List.of("lol"),
            "lasting", List.of("still"));

    private static Concepts explaining(Map<String, List<String>> causes, List<String> unless) {
        return new Concepts(LEXICON, Map.of(), Map.of(), Map.of(),
                new Concepts.Explaining(causes, unless, List.of(), List.of("brushed_off"), List.of("but"),
                        List.of("like")));
    }

    @Test
    void aCauseNamingAConceptTheLexiconLacksIsRefusedAtStartUp() {
        assertThatThrownBy(() -> explaining(Map.of("sofa", List.of("saddle_numb")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown concept sofa");
        assertThatThrownBy(() -> explaining(Map.of("seat+giggles", List.of("saddle_numb")), List.of()))
                .hasMessageContaining("unknown concept giggles");
        assertThatThrownBy(() -> explaining(Map.of("seat", List.of("numb_legs")), List.of()))
                .hasMessageContaining("unknown concept numb_legs");
        assertThatThrownBy(() -> explaining(Map.of(), List.of("forever")))
                .hasMessageContaining("unless: unknown concept forever");
    }

    @Test
    void knownConceptsAreKeptAsWritten() {
        var concepts = explaining(Map.of("seat+brushed_off", List.of("saddle_numb")), List.of("lasting"));

        assertThat(concepts.explains().causes()).containsEntry("seat+brushed_off", List.of("saddle_numb"));
        assertThat(concepts.explains().unless()).containsExactly("lasting");
    }
}
