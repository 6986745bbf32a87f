package io.knotwise.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A hold started on a chat channel ends with a "time's up", unless the user moves on first. */
class ChatTimersTest {

    private static Turn timed(int seconds) {
        return new Turn("c1", List.of(Message.timer("Timer started: 1 second.", seconds)), List.of(),
                null, null, null, List.of());
    }

    private static Turn untimed() {
        return new Turn("c1", List.of(new Message(Message.STEP, "Step 2 of 6: ...", 10, null, null)), List.of(), null,
                null,
                null, List.of());
    }

    @Test
    void aStartedTimerEndsWithTimesUp() throws Exception {
        try (var timers = new ChatTimers()) {
            var timesUp = new CountDownLatch(1);

            timers.after("telegram", "chat-1", timed(1), timesUp::countDown);

            assertThat(timesUp.await(3, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theUsersNextMessageCancelsTheRunningTimer() throws Exception {
        try (var timers = new ChatTimers(Duration.ofMillis(100))) {
            var fired = new AtomicInteger();
            timers.after("telegram", "chat-1", timed(2), fired::incrementAndGet);
            timers.after("telegram", "chat-2", timed(2), fired::incrementAndGet);

            timers.cancel("telegram", "chat-1");
            timers.after("telegram", "chat-2", untimed(), fired::incrementAndGet);
            Thread.sleep(500);

            assertThat(fired).hasValue(0);
        }
    }

    @Test
    void theSameIdOnTwoChannelsIsTwoUsers() throws Exception {
        try (var timers = new ChatTimers(Duration.ofMillis(50))) {
            var fired = new CountDownLatch(1);
            timers.after("slack", "U1", timed(1), fired::countDown);

            timers.cancel("whatsapp", "U1");

            assertThat(fired.await(2, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void onlyATurnThatStartsATimerSetsOne() {
        assertThat(ChatTimers.started(timed(30))).contains(30);
        assertThat(ChatTimers.started(untimed())).isEmpty();
    }
}
