package io.knotwise.engine;

import io.knotwise.dialog.QuickReply;
import java.util.List;
import java.util.Map;

/**
 * A conversation as plain values (strings, numbers, lists and maps), for stores that keep conversations outside
 * memory. Immutable apart from the slot values, which are plain values too.
 *
 * @param flags flag id to the tier id it was raised at
 * @param recorded how many transcript entries there have been in all, including those that left it
 * @param transcript the entries kept, each as {@code [from, kind, text, ISO time]}; empty where the store keeps them
 *     apart
 */
public record ConversationSnapshot(
        String id,
        String locale,
        String createdAt,
        String node,
        Map<String, Object> slots,
        List<String> skipped,
        String tier,
        Map<String, String> flags,
        List<String> plan,
        int planIndex,
        int step,
        int attempts,
        String pending,
        String resume,
        List<Message> lastMessages,
        List<QuickReply> lastQuickReplies,
        long recorded,
        List<List<String>> transcript) {

    public ConversationSnapshot {
        transcript = transcript == null ? List.of() : transcript;
    }
}
