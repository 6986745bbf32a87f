package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import io.knotwise.safety.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances, each with its own connection to one real redis-server, take new channel users' first messages at
 * the same moment: each user gets exactly one conversation, and an emergency in either first message is kept.
 */
class ChannelRaceTest {

    private static final int SENDERS = 20;

    @TempDir
    Path folder;
    private RedisServer redis;
    private final List<RedisConversationStore> stores = new ArrayList<>();
    private final List<ChannelConversations> instances = new ArrayList<>();
    private ExecutorService pool;

    @BeforeEach
    void startTwoInstances() {
        redis = RedisServer.start(folder);
        for (int i = 0; i < 2; i++) {
            var store = new RedisConversationStore(redis.uri(), Duration.ofMinutes(30), Duration.ofSeconds(2));
            stores.add(store);
            instances.add(new ChannelConversations(RealGuide.guide().engine().withStore(store), store, "en-GB"));
        }
        pool = Executors.newFixedThreadPool(2 * SENDERS);
    }

    @AfterEach
    void stop() {
        if (redis == null) {
            return; // no Redis on this machine: the test was skipped before anything started
        }
        pool.shutdownNow();
        stores.forEach(RedisConversationStore::close);
        redis.close();
    }

    @Test
    void newUsersRacingOnTwoInstancesGetOneConversationEachAndNoEmergencyIsLost() throws Exception {
        var gate = new CountDownLatch(1);
        var first = new ArrayList<List<Future<Turn>>>();
        for (int sender = 0; sender < SENDERS; sender++) {
            String user = "racer" + sender;
            // Half the senders tell an emergency on one instance while their other message reaches the other.
            String a = sender % 2 == 0 ? "I have crushing chest pain" : "my upper back is stiff";
            String b = "the top of my shoulders is really tight";
            first.add(List.of(pool.submit(racing(gate, 0, user, a)), pool.submit(racing(gate, 1, user, b))));
        }
        gate.countDown();

        for (int sender = 0; sender < SENDERS; sender++) {
            Turn a = first.get(sender).get(0).get();
            Turn b = first.get(sender).get(1).get();
            assertThat(a.conversationId()).as("sender %d", sender).isEqualTo(b.conversationId());
            Turn next = instances.get(sender % 2).send("rest", "racer" + sender, Input.text("show me a technique"));
            assertThat(next.conversationId()).isEqualTo(a.conversationId());
            if (sender % 2 == 0) {
                assertThat(next.triage().tier()).as("sender %d after an emergency", sender).isEqualTo(Tier.EMERGENCY);
                assertThat(next.state().node()).isEqualTo("escalation");
            }
        }
        assertThat(stores.get(0).count()).isEqualTo(SENDERS);
    }

    private Callable<Turn> racing(CountDownLatch gate, int instance, String user, String text) {
        return () -> {
            gate.await();
            return instances.get(instance).send("rest", user, Input.text(text));
        };
    }
}
