package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.EngineEvents;
import io.knotwise.engine.Input;
import io.knotwise.engine.Models;
import io.knotwise.engine.Turn;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.Patterns;
import io.knotwise.safety.RedFlagDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations survive a restart: a new engine over the same SQLite file carries on where the old one stopped. */
class RestartTest {

    private final FakeTime clock = new FakeTime();

    /** A guide as it would be after a fresh start on the same folder. */
    private Engine restartedGuide(Path folder) {
        return restartedGuide(restartedStore(folder));
    }

    private SqliteConversationStore restartedStore(Path folder) {
        return new SqliteConversationStore(folder.resolve("knotwise.db"), Duration.ofMinutes(30), 1000, clock);
    }

    /** A Telegram channel's users as they would be after a fresh start on the same folder. */
    private ChannelConversations restartedChannel(Path folder) {
        var store = restartedStore(folder);
        return new ChannelConversations(restartedGuide(store), store, "en-GB");
    }

    private Engine restartedGuide(SqliteConversationStore store) {
        Guidebook book = RealGuide.guide().book();
        var parser = new MessageParser(words -> List.of(
                new IntentScore("next", 0.99)),
                new EntityExtractor(Map.of(), emptyPatterns()), 0.5, 0.2);
        return new Engine(book, Models.loaded(parser, new RedFlagDetector(book.safety())), store, clock, null, null,
                EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);
    }

    private static Patterns emptyPatterns() {
        return new Patterns(Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
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
    void aTelegramChatKeepsItsConversationAcrossARestart(@TempDir Path folder) {
        Turn first = restartedChannel(folder).send("telegram", "9007199254740993", Input.text("hello"));

        Turn again = restartedChannel(folder).send("telegram", "9007199254740993", Input.payload("/next"));

        assertThat(again.conversationId()).isEqualTo(first.conversationId());
    }
}
