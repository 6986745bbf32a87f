package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a store that keeps the transcript apart is asked to write and delete as the cap lets old entries go. */
class TranscriptCapTest {

    private static final int CAP = 3;

    @Test
    void aSaveDeletesOldEntriesOnlyOnceEntriesTheStoreHadWrittenHaveLeft() {
        var conversation = afterAWrittenEntryLeft();

        var unwritten = conversation.unwritten();
        conversation.written();
        var nothingLeft = conversation.unwritten();

        assertThat(unwritten.forgets()).isTrue();
        assertThat(unwritten.oldest()).isEqualTo(1);
        assertThat(unwritten.entries()).extracting(TranscriptEntry::text).containsExactly("message 3");
        assertThat(nothingLeft.forgets()).isFalse();
        assertThat(nothingLeft.entries()).isEmpty();
    }

    @Test
    void entriesThatLeaveBeforeTheyWereWrittenAreNeitherWrittenNorDeleted() {
        var conversation = new Conversation("c1", "en-GB", Instant.EPOCH);
        recordMessages(conversation, 0, 5);

        var unwritten = conversation.unwritten();

        assertThat(unwritten.forgets()).isFalse();
        assertThat(unwritten.from()).isEqualTo(2);
        assertThat(unwritten.entries()).extracting(TranscriptEntry::text)
                .containsExactly("message 2", "message 3", "message 4");
    }

    @Test
    void aCopyRemembersThatWrittenEntriesLeft() {
        assertThat(afterAWrittenEntryLeft().copy().unwritten().forgets()).isTrue();
    }

    /** Three messages, written; then a fourth, which lets the first (written) one go. */
    private static Conversation afterAWrittenEntryLeft() {
        var conversation = new Conversation("c1", "en-GB", Instant.EPOCH);
        recordMessages(conversation, 0, 3);
        conversation.written();
        recordMessages(conversation, 3, 4);
        return conversation;
    }

    private static void recordMessages(Conversation conversation, int from, int to) {
        for (int n = from; n < to; n++) {
            conversation.record(new TranscriptEntry("user", "text", "message " + n, Instant.EPOCH), CAP);
        }
    }
}
