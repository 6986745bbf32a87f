package io.knotwise.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A user's replies leave in the order they were handed over; other users' replies do not wait for them. */
class DeliveriesTest {

    @Test
    void aSlowReplyIsNotOvertakenByTheNextButOtherUsersGoAhead() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        var deliveries = new Deliveries(pool);
        var sent = new CopyOnWriteArrayList<String>();
        var release = new CountDownLatch(1);
        var otherUserSent = new CountDownLatch(1);
        try {
            deliveries.send("chat-1", "step 2", () -> {
                await(release);
                sent.add("chat-1: step 2");
            });
            var allSent = new CountDownLatch(1);
            deliveries.send("chat-1", "step 3", () -> {
                sent.add("chat-1: step 3");
                allSent.countDown();
            });
            deliveries.send("chat-2", "greeting", () -> {
                sent.add("chat-2: greeting");
                otherUserSent.countDown();
            });

            assertThat(otherUserSent.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sent).containsExactly("chat-2: greeting");
            release.countDown();
            assertThat(allSent.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(sent).containsExactly("chat-2: greeting", "chat-1: step 2", "chat-1: step 3");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReplyIsCountedAndDoesNotStopTheNext() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        var failures = new AtomicInteger();
        var deliveries = new Deliveries(pool, failures::incrementAndGet);
        var sent = new CopyOnWriteArrayList<String>();

        deliveries.send("chat-1", "broken", () -> {
            throw new IllegalStateException("the platform refused");
        });
        var done = new CountDownLatch(1);
        deliveries.send("chat-1", "next", () -> {
            sent.add("next");
            done.countDown();
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).isEqualTo(List.of("next"));
        assertThat(failures).as("failed replies counted").hasValue(1);
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
