package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.ConversationStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real redis-server, plus what an outage does: fail fast, lose nothing, recover alone. */
class RedisConversationStoreTest extends ConversationStoreContract {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @TempDir
    static Path folder;
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(folder);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Store open(Duration idle) {
        redis.flush();
        return new RedisConversationStore(redis.uri(), idle, TIMEOUT);
    }

    @Override
    protected Store reopen(Duration idle) {
        return new RedisConversationStore(redis.uri(), idle, TIMEOUT);
    }

    @Override
    protected void pass(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOutageFailsFastLosesNothingAcknowledgedAndHealsByItself() {
        ConversationStore store = store(Duration.ofMinutes(30));
        store.save(conversation("kept", "ask_onset"), 0);
        store.save(conversation("kept", "ask_severity"), 1);

        redis.kill();
        Instant asked = Instant.now();
        assertThatThrownBy(() -> store.find("kept")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.save(conversation("kept", "ask_tools"), 2))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.between(asked, Instant.now())).isLessThan(TIMEOUT.multipliedBy(4));
        assertThat(store.ready()).isFalse();

        redis.startAgain();

        var found = awaitFound(store, "kept");
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.conversation().node()).isEqualTo("ask_severity");
        assertThat(store.ready()).isTrue();
    }

    @Test
    void afterALongOutageTheStoreIsReadyWithinTwoSecondsOfRedisReturning() {
        ConversationStore store = store(Duration.ofMinutes(30));
        store.save(conversation("kept", "ask_onset"), 0);

        redis.kill();
        // Long enough for a backoff growing without a cap (Lettuce's default doubles from 1 ms: attempts about 4.1 s
        // and 8.2 s in) to be waiting over 3 s for its next attempt when Redis comes back.
        pass(Duration.ofSeconds(5));
        assertThat(store.ready()).isFalse();
        redis.startAgain();
        Instant back = Instant.now();
        while (!store.ready() && Duration.between(back, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0) {
            pass(Duration.ofMillis(50));
        }

        assertThat(store.ready()).isTrue();
        assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHungRedisCostsACallNoMoreThanTheTimeout() {
        ConversationStore store = store(Duration.ofMinutes(30));
        store.save(conversation("kept", "ask_onset"), 0);

        redis.pause();
        try {
            Instant asked = Instant.now();
            assertThatThrownBy(() -> store.find("kept")).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.between(asked, Instant.now())).isLessThan(TIMEOUT.multipliedBy(3));
        } finally {
            redis.resume();
        }

        assertThat(awaitFound(store, "kept").conversation().node()).isEqualTo("ask_onset");
    }

    @Test
    void aRedisSlowToAnswerTheFirstHandshakeIsWaitedForAtStartUp() throws Exception {
        redis.pause();
        Instant opened = Instant.now();
        // Resumed from another thread once the store's handshake has waited longer than a call may.
        var resumed = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(TIMEOUT.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis.resume();
        });
        try (Store store = new RedisConversationStore(redis.uri(), Duration.ofMinutes(30), TIMEOUT)) {
            assertThat(Duration.between(opened, Instant.now())).isGreaterThanOrEqualTo(TIMEOUT.multipliedBy(3));
            store.save(conversation("late", "ask_onset"), 0);
            assertThat(store.find("late").orElseThrow().conversation().node()).isEqualTo("ask_onset");
        } finally {
            resumed.get();
        }
    }

    /** The client reconnects in the background; a few calls may still fail fast meanwhile. */
    private static ConversationStore.Stored awaitFound(ConversationStore store, String id) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try {
                return store.find(id).orElseThrow();
            } catch (StoreUnavailableException stillDown) {
                if (Instant.now().isAfter(deadline)) {
                    throw stillDown;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
