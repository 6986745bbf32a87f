package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.Guidebook;
import io.knotwise.nlu.IntentScore;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two engines over one store behave like two instances over a shared Redis: their turns on one conversation race,
 * and none may be lost or audited twice.
 */
class ConcurrentTurnsTest {

    private static final Guidebook BOOK = Fixtures.dialogs();

    private final ConversationStore shared = new MemoryConversationStore(Duration.ofMinutes(30), 1000);
    private final List<Escalation> audited = new CopyOnWriteArrayList<>();

    /** Enough to keep every entry of the race, so the transcript shows each message exactly once. */
    private static final int WHOLE_TRANSCRIPT = 10_000;

    private Engine instance() {
        var parser = Fixtures.parser(words -> List.of(new IntentScore("describe_symptom", 0.99)));
        return new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())), shared, Clock.systemUTC(),
                null, null, audited::add, false, WHOLE_TRANSCRIPT);
    }

    @Test
    void racingTurnsOnTwoInstancesAreAllAppliedOnceAndAuditedOnce() throws Exception {
        Engine first = instance();
        Engine second = instance();
        String id = first.start("en-GB").conversationId();
        int threads = 8;
        int messagesEach = 25;
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        var sent = new ArrayList<Future<?>>();
        for (int t = 0; t < threads; t++) {
            Engine engine = t % 2 == 0 ? first : second;
            int thread = t;
            sent.add(pool.submit(() -> {
                go.await();
                for (int m = 0; m < messagesEach; m++) {
                    String text = m == 0 ? "thread " + thread + " has crushing chest pain" : "message " + thread + "-"
                            + m;
                    engine.handle(id, Input.text(text));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : sent) {
            future.get();
        }
        pool.shutdown();

        List<String> said = first.find(id).transcript().stream().filter(e -> e.from().equals("user"))
                .map(TranscriptEntry::text).toList();
        assertThat(said).hasSize(threads * messagesEach).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            assertThat(said).contains("message " + t + "-" + (messagesEach - 1));
        }
        assertThat(audited).filteredOn(e -> e.flags().contains("chest_pain")).hasSize(threads);
    }
}
