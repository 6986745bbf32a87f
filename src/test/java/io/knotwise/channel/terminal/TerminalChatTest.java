package io.knotwise.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test
    void aHoldTimedInTheTerminalEndsWithTimesUp() throws Exception {
        var typed = new PipedWriter();
        var out = new ByteArrayOutputStream();
        var chat = new TerminalChat(RealGuide.channelsWithOwnStore(), new BufferedReader(new PipedReader(typed)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        var running = new Thread(chat::run);
        running.start();
        for (String line : List.of("how do I release knots between my shoulder blades", "about two weeks",
                "6 out of 10", "I have a tennis ball", "10 minutes", "no, none of those",
                "/request_technique{\"technique\":\"tennis_ball_wall\"}", "next", "next", "next", "start timer")) {
            typed.write(line + "\n");
            typed.flush();
        }

        for (int i = 0; i < 100 && !out.toString(StandardCharsets.UTF_8).contains("Time's up"); i++) {
            Thread.sleep(50);
        }
        typed.close();
        running.join(5_000);

        String screen = out.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("Step 4 of 6").contains("Timer started");
        assertThat(screen.indexOf("Time's up")).as("a time's up after the timer started")
                .isGreaterThan(screen.indexOf("Timer started"));
    }
}
