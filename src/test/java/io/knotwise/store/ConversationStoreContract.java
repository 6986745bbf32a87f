package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.ConversationSnapshot;
import io.knotwise.engine.Engine;
import io.knotwise.engine.EngineEvents;
import io.knotwise.engine.Input;
import io.knotwise.engine.Models;
import io.knotwise.engine.TranscriptEntry;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.safety.RedFlagDetector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store guarantees: versions that stop lost updates, deletion, idle expiry, and channel links and claims
 * that are atomic across instances.
 */
abstract class ConversationStoreContract {

    private static final Duration LONG = Duration.ofMinutes(30);
    private static final NluDataLoader NLU = new NluDataLoader(Path.of("models"));

    private final List<Store> opened = new ArrayList<>();

    /** A new, empty store that forgets a conversation after it has been idle for the given time. */
    protected abstract Store open(Duration idle);

    /**
     * Lets the given time pass for the store (on a fake clock, or really). On a real clock a pass can only run long,
     * so the idle tests leave their widest margin on the side where the store must still remember.
     */
    protected abstract void pass(Duration time);

    /** The same stored conversations seen afresh, as by another process or after a restart: nothing cached. */
    protected abstract Store reopen(Duration idle);

    protected final Store store(Duration idle) {
        Store store = open(idle);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    static Conversation conversation(String id, String node) {
        return Conversation.restore(new ConversationSnapshot(id, "en-GB", "2026-11-22T10:00:00Z", node,
                Map.of("area", "between_shoulder_blades", "severity", 4), List.of(), null, Map.of(), List.of(), 0,
                0, 0, null, null, List.of(), List.of(), 1,
                List.of(List.of("user", "text", "knots between my shoulder blades", "2026-11-22T10:00:01Z"))));
    }

    @Test
    void aLongConversationKeepsItsNewestEntriesUpToTheCapAndTheStoredStateStaysSmall() {
        Store store = store(LONG);
        Engine engine = engine(store, 12);
        String id = engine.start("en-GB").conversationId();
        String early = ConversationJson.write(engine.find(id));
        for (int message = 1; message <= 40; message++) {
            engine.handle(id, Input.text("message " + message));
        }

        var found = reopened(LONG).find(id).orElseThrow().conversation();
        engine(reopened(LONG), 12).handle(id, Input.text("message 41"));
        var later = reopened(LONG).find(id).orElseThrow().conversation();

        var kept = found.transcript();
        assertThat(kept).hasSize(12).extracting(TranscriptEntry::text)
                .contains("message 40").doesNotContain("message 30");
        assertThat(found.recorded()).isGreaterThan(80);
        assertThat(ConversationJson.write(found).length()).isLessThan(early.length() + 400);
        var after = later.transcript();
        int overlap = after.indexOf(kept.get(kept.size() - 1)) + 1;
        assertThat(after).hasSize(12);
        assertThat(after.subList(0, overlap)).isEqualTo(kept.subList(kept.size() - overlap, kept.size()));
        assertThat(after.subList(overlap, after.size())).extracting(TranscriptEntry::text).contains("message 41");
    }

    @Test
    void aConversationStoredWithItsTranscriptInsideIsReadAndCarriedOn() {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);

        Engine engine = engine(reopened(LONG), 12);
        engine.handle("c1", Input.text("since yesterday"));

        assertThat(reopened(LONG).find("c1").orElseThrow().conversation().transcript())
                .extracting(TranscriptEntry::text)
                .startsWith("knots between my shoulder blades", "since yesterday");
    }

    /** An engine over the store that understands every message as small talk and keeps {@code cap} entries. */
    private static Engine engine(Store store, int cap) {
        var book = RealGuide.guide().book();
        var parser = new MessageParser(words -> List.of(new IntentScore("out_of_scope", 0.99)),
                new EntityExtractor(NLU.lexicon(), NLU.patterns()), 0.5, 0.2);
        return new Engine(book, Models.loaded(parser, new RedFlagDetector(book.safety())), store, Clock.systemUTC(),
                null, null, EngineEvents.none(), false, cap);
    }

    private Store reopened(Duration idle) {
        Store store = reopen(idle);
        opened.add(store);
        return store;
    }

    @Test
    void aSavedConversationIsFoundAsItWasWithVersionOne() {
        Store store = store(LONG);

        assertThat(store.save(conversation("c1", "ask_onset"), 0)).isTrue();

        var found = store.find("c1").orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.conversation().node()).isEqualTo("ask_onset");
        assertThat(found.conversation().transcript()).singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo("knots between my shoulder blades"));
    }

    @Test
    void theButtonsOfferedLastAreFoundWithTheirPayloads() {
        Store store = store(LONG);
        var buttons = List.of(new QuickReply("Base of my neck", Payload.of("describe_symptom", "body_area",
                "neck_base")),
                new QuickReply("Bad (7-10)", Payload.of("describe_symptom", "severity", 8)),
                new QuickReply("Skip", Payload.of("next")));
        Conversation offered = Conversation.restore(new ConversationSnapshot("c1", "en-GB", "2026-11-22T10:00:00Z",
                "ask_area", Map.of(), List.of(), null, Map.of(), List.of(), 0, 0, 0, null, null, List.of(), buttons, 0,
                List.of()));

        store.save(offered, 0);

        assertThat(store.find("c1").orElseThrow().conversation().lastQuickReplies()).isEqualTo(buttons);
    }

    @Test
    void aSaveFromAnOutdatedVersionChangesNothing() {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);
        store.save(conversation("c1", "ask_severity"), 1);

        boolean late = store.save(conversation("c1", "ask_tools"), 1);

        assertThat(late).isFalse();
        var found = store.find("c1").orElseThrow();
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.conversation().node()).isEqualTo("ask_severity");
    }

    @Test
    void aNewConversationNeverReplacesOneWithTheSameId() {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);

        assertThat(store.save(conversation("c1", "greeting"), 0)).isFalse();
        assertThat(store.find("c1").orElseThrow().conversation().node()).isEqualTo("ask_onset");
    }

    @Test
    void aDeletedConversationIsGoneAndALateTurnCannotBringItBack() {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.delete("c1")).isTrue();

        assertThat(store.count()).isZero();
        assertThat(store.find("c1")).isEmpty();
        assertThat(store.save(conversation("c1", "ask_severity"), 1)).isFalse();
        assertThat(store.find("c1")).isEmpty();
        assertThat(store.delete("c1")).isFalse();
    }

    @Test
    void anUnknownIdIsSimplyNotFound() {
        Store store = store(LONG);

        assertThat(store.find("no-such-id")).isEmpty();
        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.delete("'; DROP TABLE conversations; --")).isFalse();
    }

    @Test
    void aConversationIdleForLongerThanTheIdleTimeIsForgotten() {
        Duration idle = Duration.ofMillis(1000);
        Store store = store(idle);
        store.save(conversation("idle", "ask_onset"), 0);
        store.save(conversation("busy", "ask_onset"), 0);

        pass(Duration.ofMillis(600));
        store.save(conversation("busy", "ask_severity"), 1);
        pass(Duration.ofMillis(600));

        assertThat(store.find("idle")).isEmpty();
        assertThat(store.find("busy")).isPresent();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void aChannelUserKeepsTheirLatestLinkUntilItHasBeenIdleTooLong() {
        Duration idle = Duration.ofMillis(1000);
        Store store = store(idle);
        store.link("telegram:42", "c1");
        store.link("telegram:42", "c2");
        store.link("slack:T1:U1", "c3");

        assertThat(store.linked("telegram:42")).contains("c2");
        pass(Duration.ofMillis(600));
        store.link("slack:T1:U1", "c3");
        pass(Duration.ofMillis(600));

        assertThat(store.linked("telegram:42")).isEmpty();
        assertThat(store.linked("slack:T1:U1")).contains("c3");
        assertThat(store.linked("rest:nobody")).isEmpty();
    }

    @Test
    void aKeyIsClaimedOnceUntilItHasBeenIdleTooLong() {
        Duration idle = Duration.ofMillis(1000);
        Store store = store(idle);

        assertThat(store.claim("telegram:1001")).isTrue();
        assertThat(store.claim("telegram:1001")).isFalse();
        assertThat(store.claim("slack:Ev1")).isTrue();
        pass(Duration.ofMillis(1100));

        assertThat(store.claim("telegram:1001")).isTrue();
    }

    @Test
    void onlyTheFirstLinkOfANewUserIsTakenAndAMovedLinkMovesOnlyFromWhereItWas() {
        Store store = store(LONG);

        assertThat(store.linkIfAbsent("telegram:42", "c1")).isTrue();
        assertThat(store.linkIfAbsent("telegram:42", "c2")).isFalse();
        assertThat(store.relink("telegram:42", "c2", "c3")).isFalse();
        assertThat(store.linked("telegram:42")).contains("c1");
        assertThat(store.relink("telegram:42", "c1", "c4")).isTrue();
        assertThat(store.linked("telegram:42")).contains("c4");
    }

    @Test
    void aLinkThatHasBeenIdleTooLongCanBeTakenAgain() {
        Store store = store(Duration.ofMillis(1000));
        store.linkIfAbsent("telegram:42", "c1");
        pass(Duration.ofMillis(1100));

        assertThat(store.linkIfAbsent("telegram:42", "c2")).isTrue();
        assertThat(store.linked("telegram:42")).contains("c2");
    }

    @Test
    void ofUsersRacingToLinkExactlyOneLinkWinsEach() throws Exception {
        Store store = store(LONG);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var wins = new ConcurrentHashMap<String, AtomicInteger>();
            var tasks = new ArrayList<Callable<Void>>();
            for (int user = 0; user < 20; user++) {
                for (int racer = 0; racer < 4; racer++) {
                    String key = "rest:u" + user;
                    String conversation = "c" + user + "-" + racer;
                    tasks.add(() -> {
                        if (store.linkIfAbsent(key, conversation)) {
                            wins.computeIfAbsent(key, k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        return null;
                    });
                }
            }
            for (var done : pool.invokeAll(tasks)) {
                done.get();
            }
            assertThat(wins).hasSize(20).allSatisfy((user, count) -> assertThat(count.get()).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        Store store = store(LONG);
        store.claim("telegram:1001");

        store.release("telegram:1001");

        assertThat(store.claim("telegram:1001")).isTrue();
        assertThat(store.claim("telegram:1001")).isFalse();
    }

    @Test
    void ofConcurrentSavesFromTheSameVersionExactlyOneWins() throws Exception {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);
        int writers = 8;
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        try {
            var results = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < writers; i++) {
                String node = "node" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store.save(conversation("c1", node), 1);
                }));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }

            assertThat(won).isEqualTo(1);
            assertThat(store.find("c1").orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSaveAnsweredLaterHoldsLikeOneWaitedFor() {
        Store store = store(LONG);

        assertThat(store.saveAsync(conversation("c1", "ask_onset"), 0).join()).isTrue();
        assertThat(store.saveAsync(conversation("c1", "ask_tools"), 0).join()).isFalse();

        var found = store.find("c1").orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.conversation().node()).isEqualTo("ask_onset");
    }

    @Test
    void ofSavesAskedTogetherFromTheSameVersionWithoutWaitingExactlyOneWins() {
        Store store = store(LONG);
        store.save(conversation("c1", "ask_onset"), 0);

        var saves = new ArrayList<CompletableFuture<Boolean>>();
        for (int i = 0; i < 8; i++) {
            saves.add(store.saveAsync(conversation("c1", "node" + i), 1));
        }

        assertThat(saves.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(store.find("c1").orElseThrow().version()).isEqualTo(2);
    }
}
