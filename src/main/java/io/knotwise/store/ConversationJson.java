package io.knotwise.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.knotwise.InvalidDataException;
import io.knotwise.dialog.Payload;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.ConversationSnapshot;
import io.knotwise.engine.TranscriptEntry;
import java.util.List;

/**
 * How stores outside memory write a conversation: its snapshot as snake_case JSON without the transcript, which the
 * stores keep apart, one entry at a time. Thread-safe.
 */
final class ConversationJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(Payload.class, PayloadText.class)
            .addMixIn(ConversationSnapshot.class, WithoutTranscript.class);
    private static final TypeReference<List<String>> ENTRY = new TypeReference<>() { };

    /** The transcript is read from conversations written before the stores kept it apart, and never written. */
    @JsonIgnoreProperties(value = "transcript", allowSetters = true)
    abstract static class WithoutTranscript {
    }

    /** A button's payload is stored as the text channels send back ({@code /intent{"entity": "value"}}). */
    abstract static class PayloadText {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Payload from(Object value) {
            return Payload.from(value);
        }

        @JsonValue
        abstract String text();
    }

    private ConversationJson() {
    }

    static String write(Conversation conversation) {
        try {
            return JSON.writeValueAsString(conversation.state());
        } catch (JsonProcessingException e) {
            throw new InvalidDataException("cannot write conversation " + conversation.id() + ": " + e.getMessage(), e);
        }
    }

    /** The conversation of a state written by {@link #write}, with the transcript entries kept apart. */
    static Conversation read(String id, String json, List<TranscriptEntry> transcript) {
        try {
            return Conversation.restore(JSON.readValue(json, ConversationSnapshot.class), transcript);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException("stored conversation " + id + " is unreadable: " + e.getOriginalMessage(),
                    e);
        }
    }

    static String writeEntry(TranscriptEntry entry) {
        try {
            return JSON.writeValueAsString(entry.values());
        } catch (JsonProcessingException e) {
            throw new InvalidDataException("cannot write a transcript entry: " + e.getMessage(), e);
        }
    }

    static TranscriptEntry readEntry(String id, String json) {
        try {
            return TranscriptEntry.of(JSON.readValue(json, ENTRY));
        } catch (JsonProcessingException e) {
            throw new InvalidDataException("a transcript entry of " + id + " is unreadable: " + e.getOriginalMessage(),
                    e);
        }
    }
}
