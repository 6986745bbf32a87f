package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.InvalidDataException;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.Tier;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** A guide greets while its models load; a message waits for them, so nothing is ever taken unscreened. */
class LoadingModelsTest {

    private final Guidebook book = Fixtures.dialogs();
    private final CompletableFuture<MessageParser> parsing = new CompletableFuture<>();
    private final CompletableFuture<RedFlagDetector> screening = new CompletableFuture<>();
    private final Engine engine = new Engine(book, new Models(parsing, screening, new CompletableFuture<>()),
            new MemoryConversationStore(Duration.ofMinutes(30), 100, System::nanoTime), Clock.systemUTC(), null,
            "en-GB", EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);

    private void finishLoading() {
        parsing.complete(Fixtures.parser(words -> List.of(new IntentScore("describe_symptom", 0.99))));
        screening.complete(new RedFlagDetector(book.safety()));
    }

    @Test
    void aConversationIsGreetedWhileTheModelsAreStillLoading() {
        Turn greeting = engine.start("en-GB");

        assertThat(greeting.messages()).isNotEmpty();
        assertThat(engine.ready()).isFalse();
        assertThat(engine.models().ready()).isFalse();
    }

    @Test
    void aMessageSentWhileTheModelsLoadWaitsAndIsScreenedOnceTheyHaveLoaded() throws Exception {
        String id = engine.start("en-GB").conversationId();

        var answer = CompletableFuture.supplyAsync(() -> engine.handle(id, Input.text("I have chest pain")));

        assertThatThrownBy(() -> answer.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        finishLoading();
        Turn turn = answer.get(10, TimeUnit.SECONDS);
        assertThat(turn.triage().tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(engine.ready()).isTrue();
    }

    @Test
    void aModelThatFailedToLoadFailsEachMessageWithItsOwnReasonAndTheGuideIsNeverReady() {
        String id = engine.start("en-GB").conversationId();
        parsing.completeExceptionally(new InvalidDataException("models/intent.bin: cannot load the intent model"));
        screening.complete(new RedFlagDetector(book.safety()));

        assertThatThrownBy(() -> engine.handle(id, Input.text("next"))).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cannot load the intent model");
        assertThatThrownBy(() -> engine.models().await()).isInstanceOf(InvalidDataException.class);
        assertThat(engine.ready()).isFalse();
    }

    @Test
    void warmingUpKeepsTheGuideUnreadyWhileMessagesAreStillAnsweredAndReadsJoinedTextsTheNumberOfTimesAsked()
            throws Exception {
        var sampled = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var read = new CopyOnWriteArrayList<String>();
        var warming = CompletableFuture.runAsync(() -> engine.warmUp(() -> {
            sampled.countDown();
            await(release);
            return List.of("my neck is stiff", "what is a trigger point");
        }, 5));
        finishLoading();
        assertThat(sampled.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(engine.warmingUp()).isTrue();
        assertThat(engine.ready()).isFalse();
        String id = engine.start("en-GB").conversationId();
        assertThat(engine.handle(id, Input.text("I have chest pain")).triage().tier()).isEqualTo(Tier.EMERGENCY);

        parsing.obtrudeValue(Fixtures.parser(words -> {
            read.add(String.join(" ", words));
            return List.of(new IntentScore("describe_symptom", 0.99));
        }));
        release.countDown();
        warming.get(10, TimeUnit.SECONDS);
        assertThat(engine.warmingUp()).isFalse();
        assertThat(engine.ready()).isTrue();
        assertThat(read).hasSize(5).anyMatch(text -> text.contains("stiff") && text.contains("trigger"));
    }

    @Test
    void noWarmUpMeansReadyAsSoonAsTheModelsHaveLoaded() {
        finishLoading();

        engine.warmUp(() -> {
            throw new AssertionError("no sample is needed");
        }, 0);

        assertThat(engine.ready()).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
