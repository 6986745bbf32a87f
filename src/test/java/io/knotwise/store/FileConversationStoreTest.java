package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import io.knotwise.safety.RedFlagDetector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations survive a restart: a new engine over the same folder carries on where the old one stopped. */
class FileConversationStoreTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    /** A guide as it would be after a fresh start on the same folder. */
    private Engine restartedGuide(Path folder) {
        Guidebook book = RealGuide.wiring().book();
        var store = new FileConversationStore(folder, Duration.ofMinutes(30), 1000, clock);
        var parser = new io.knotwise.nlu.MessageParser(words -> java.util.List.of(
                new io.knotwise.nlu.IntentScore("next", 0.99)),
                new io.knotwise.nlu.EntityExtractor(java.util.Map.of(), emptyPatterns()), 0.5, 0.2);
        return new Engine(book, parser, new RedFlagDetector(book.safety()), store, clock, null);
    }

    private static io.knotwise.nlu.Patterns emptyPatterns() {
        return new io.knotwise.nlu.Patterns(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.List.of());
    }

    @Test
    void aConversationCarriesOnAfterARestartAtTheSameStep(@TempDir Path folder) {
        Engine before = restartedGuide(folder);
        String id = before.start("en-US").conversationId();
        before.handle(id, Input.payload("/request_technique{\"technique\": \"tennis_ball_wall\"}"));
        before.handle(id, Input.payload("/next"));
        before.handle(id, Input.payload("/next"));
        Turn walking = before.handle(id, Input.payload("/deny"));
        before.handle(id, Input.payload("/next"));

        Engine after = restartedGuide(folder);
        Turn next = after.handle(id, Input.payload("/next"));

        assertThat(walking.state().step()).isEqualTo(1);
        assertThat(next.state().technique()).isEqualTo("tennis_ball_wall");
        assertThat(next.state().step()).isEqualTo(3);
        assertThat(after.find(id).transcript()).hasSizeGreaterThan(10);
        assertThat(after.find(id).locale()).isEqualTo("en-US");
    }

    @Test
    void anIdleConversationIsGoneAfterARestart(@TempDir Path folder) {
        String id = restartedGuide(folder).start("en-GB").conversationId();
        now.set(now.get().plus(Duration.ofMinutes(31)));

        assertThat(new FileConversationStore(folder, Duration.ofMinutes(30), 1000, clock).find(id)).isEmpty();
    }

    @Test
    void aDeletedConversationIsGoneFromDiskToo(@TempDir Path folder) {
        Engine guide = restartedGuide(folder);
        String id = guide.start("en-GB").conversationId();
        guide.delete(id);

        assertThat(new FileConversationStore(folder, Duration.ofMinutes(30), 1000, clock).find(id)).isEmpty();
    }

    @Test
    void anIdThatIsNotOneOfOursIsNeverLookedUpOnDisk(@TempDir Path folder) {
        var store = new FileConversationStore(folder, Duration.ofMinutes(30), 1000, clock);

        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.delete("../secrets")).isFalse();
    }

    @Test
    void aTelegramChatKeepsItsConversationAcrossARestart(@TempDir Path folder) {
        Path mapping = folder.resolve("channels.properties");
        Turn first = new ChannelConversations(restartedGuide(folder.resolve("c")), "en-GB", mapping)
                .send("telegram", "9007199254740993", Input.text("hello"));

        Turn again = new ChannelConversations(restartedGuide(folder.resolve("c")), "en-GB", mapping)
                .send("telegram", "9007199254740993", Input.payload("/next"));

        assertThat(again.conversationId()).isEqualTo(first.conversationId());
    }
}
