package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegationTest {

    private static Negation presupposing(List<String> hypothetical, List<String> presupposable) {
        List<String> none = List.of();
        return new Negation(5, none, none, none, none, hypothetical, none, none, none, none, none, none, none,
                List.of("ok to"), presupposable, none, none, List.of());
    }

    @Test
    void aPresupposableTriggerThatIsNoHypotheticalTriggerIsRefusedAtStartUp() {
        assertThatThrownBy(() -> presupposing(List.of("if"), List.of("if", "if i've got")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"if i've got\" is not one of the hypothetical triggers");
    }

    @Test
    void presupposableTriggersThatAreHypotheticalAreKept() {
        assertThat(presupposing(List.of("if", "if i have"), List.of("if i have")).presupposable())
                .containsExactly("if i have");
    }
}
