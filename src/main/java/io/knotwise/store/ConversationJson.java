package io.knotwise.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.knotwise.KnotwiseException;
import io.knotwise.dialog.Payload;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.ConversationSnapshot;

/** How stores outside memory write a conversation: its snapshot as snake_case JSON. Thread-safe. */
final class ConversationJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(Payload.class, PayloadText.class);

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
            return JSON.writeValueAsString(conversation.snapshot());
        } catch (JsonProcessingException e) {
            throw new KnotwiseException("cannot write conversation " + conversation.id() + ": " + e.getMessage(), e);
        }
    }

    static Conversation read(String id, String json) {
        try {
            return Conversation.restore(JSON.readValue(json, ConversationSnapshot.class));
        } catch (JsonProcessingException e) {
            throw new KnotwiseException("stored conversation " + id + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
