package io.knotwise.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalChatTest {

    @Test
    void quickRepliesAreNumberedAndANumberPressesOne() {
        var out = new ByteArrayOutputStream();
        var input = "how do I release knots between my shoulder blades\n4\n\n";
        new TerminalChat(RealGuide.channelsWithOwnStore(),
                new BufferedReader(new StringReader(input)), new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        String screen = out.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("  1. Knots between my shoulder blades");
        assertThat(screen).contains("How long has it been bothering you");
        assertThat(screen).contains("How bad is it right now");
    }
}
