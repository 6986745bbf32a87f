package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.StoreUnavailableException;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.IntentScore;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A turn waits for its save without holding a thread: the engine answers with a future that completes once the store
 * says the save holds, and a conversation's turns still go in the order they came.
 */
class TurnsWaitingForTheStoreTest {

    private static final Guidebook BOOK = Fixtures.dialogs();

    /** A store whose saves hold only when the test opens its gate, as a disk that is slow to sync. */
    private static final class GatedStore implements ConversationStore {

        private final ConversationStore store = new MemoryConversationStore(Duration.ofMinutes(30), 100);
        private final AtomicReference<CompletableFuture<Void>> gate =
                new AtomicReference<>(CompletableFuture.completedFuture(null));

        void shut() {
            gate.set(new CompletableFuture<>());
        }

        void open() {
            gate.get().complete(null);
        }

        void fail() {
            gate.get().completeExceptionally(new StoreUnavailableException("the disk went away"));
        }

        @Override
        public Optional<Stored> find(String id) {
            return store.find(id);
        }

        @Override
        public boolean save(Conversation conversation, long version) {
            return saveAsync(conversation, version).join();
        }

        @Override
        public CompletableFuture<Boolean> saveAsync(Conversation conversation, long version) {
            return gate.get().thenApply(open -> store.save(conversation, version));
        }

        @Override
        public boolean delete(String id) {
            return store.delete(id);
        }

        @Override
        public long count() {
            return store.count();
        }
    }

    private final GatedStore store = new GatedStore();
    private final Engine engine = new Engine(BOOK, Models.loaded(
            Fixtures.parser(words -> List.of(new IntentScore("describe_symptom", 0.99))),
            new RedFlagDetector(BOOK.safety())), store, Clock.systemUTC(), null, null, EngineEvents.none(), false, 100);

    @Test
    void aTurnIsAnsweredOnlyOnceItsSaveHoldsAndTheTurnsOfAConversationKeepTheirOrder() throws Exception {
        String id = engine.start("en-GB").conversationId();
        store.shut();

        CompletableFuture<Turn> first = engine.handleAsync(id, Input.text("first message"));
        CompletableFuture<Turn> second = engine.handleAsync(id, Input.text("second message"));

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        store.open();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        List<String> said = engine.find(id).transcript().stream().filter(e -> e.from().equals("user"))
                .map(TranscriptEntry::text).toList();
        assertThat(said).containsExactly("first message", "second message");
    }

    @Test
    void aSaveThatFailsLaterFailsItsTurnAndChangesNothing() {
        String id = engine.start("en-GB").conversationId();
        store.shut();

        CompletableFuture<Turn> turn = engine.handleAsync(id, Input.text("my upper back is stiff"));
        store.fail();

        assertThatThrownBy(turn::join).hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(engine.find(id).transcript()).noneMatch(e -> e.text().equals("my upper back is stiff"));
    }
}
