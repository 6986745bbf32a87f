package io.knotwise.engine;

import io.knotwise.content.Technique;
import io.knotwise.content.Vocabulary;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.QuickReply;
import io.knotwise.dialog.Responses;
import io.knotwise.nlu.Entity;
import io.knotwise.safety.Category;
import io.knotwise.safety.SafetyRules;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the guide says, for one conversation: responses with its values filled in and its cautions' variants chosen,
 * answers shaped by its cautions, times in words, the emergency number for its locale, and the buttons its cautions
 * allow. What node types and helpers get instead of the navigator. Stateless and thread-safe.
 */
final class Phrasebook {

    /** Words of an onset worth repeating back: plain words and numbers, nothing a normaliser would have to fix. */
    private static final Pattern SAID_ONSET = Pattern.compile("[a-z0-9][a-z0-9 '-]{0,40}");
    /** Onsets that already say when ("since Tuesday", "this morning", "for ages") and take no "for". */
    private static final Pattern TIMED_ONSET = Pattern.compile("(for|since|this|last|yesterday|today|tonight)\\b");

    /** How much of the user's words the guide quotes back. */
    private static final int QUOTE_LENGTH = 160;

    private final Responses responses;
    private final SafetyRules safety;
    private final Vocabulary vocabulary;
    private final List<Technique> catalogue;
    private final Recommender recommender;
    private final String emergencyNumberOverride;

    Phrasebook(Responses responses, SafetyRules safety, Vocabulary vocabulary, List<Technique> catalogue,
               Recommender recommender, String emergencyNumberOverride) {
        this.responses = responses;
        this.safety = safety;
        this.vocabulary = vocabulary;
        this.catalogue = List.copyOf(catalogue);
        this.recommender = recommender;
        this.emergencyNumberOverride = emergencyNumberOverride;
    }

    /**
     * A response with the conversation's common values filled in, varied by how far the conversation is: the variant
     * for a raised caution where there is one ({@code discomfort@pregnancy}), else for the conversation's tier
     * ({@code escalation_followup@urgent}).
     */
    String text(String key, Conversation conversation, Map<String, ?> values) {
        var all = new HashMap<String, Object>(values);
        all.putIfAbsent("number", number(conversation));
        all.putIfAbsent("urgent_contact", urgentContact(conversation, conversation.flags()));
        all.putIfAbsent("said", said(conversation));
        Object area = conversation.slots().get(Slots.BODY_AREA);
        all.putIfAbsent("area", area == null ? "" : vocabulary.bodyAreas().getOrDefault(area, ""));
        var ids = new ArrayList<String>(cautions(conversation).stream().map(Category::id).toList());
        if (conversation.tier() != null) {
            ids.add(conversation.tier().id());
        }
        String variant = ids.stream().map(id -> key + Responses.VARIANT + id).filter(responses::has).findFirst()
                .orElse(key);
        return responses.text(variant, (int) (conversation.recorded() / 2), all);
    }

    String text(String key, Conversation conversation) {
        return text(key, conversation, Map.of());
    }

    /** The caution categories raised in a conversation, in the order they were raised. */
    List<Category> cautions(Conversation conversation) {
        return conversation.flags().stream().map(safety::category).flatMap(Optional::stream)
                .filter(c -> c.tier() == Tier.CAUTION).toList();
    }

    /** A text as the raised cautions shape it: each one's variant where it has one, else the text itself. */
    String shaped(Conversation conversation, String text, Map<String, String> variants) {
        List<String> shaped = cautions(conversation).stream().map(c -> variants.get(c.id()))
                .filter(Objects::nonNull).distinct().toList();
        return shaped.isEmpty() ? text : String.join("\n\n", shaped);
    }

    /** How long a technique takes, in words: "1 minute", "2 to 3 minutes", marked when the figure is ours. */
    String minutes(Technique technique, Conversation conversation) {
        var m = technique.minutes();
        String key = m.min() != m.max() ? "minutes_range" : m.min() == 1 ? "minutes_one" : "minutes_same";
        String minutes = text(key, conversation, Map.of("min", m.min(), "max", m.max()));
        return m.estimated() ? text("minutes_estimated", conversation, Map.of("minutes", minutes)) : minutes;
    }

    /** How long a timer runs, in words: "30 seconds", or "3 minutes" from two whole minutes on. */
    String duration(int seconds, Conversation conversation) {
        if (seconds >= 120 && seconds % 60 == 0) {
            return text("minutes_same", conversation, Map.of("min", seconds / 60));
        }
        return text("seconds", conversation, Map.of("seconds", seconds));
    }

    /**
     * Who to contact today about the raised flags: the first one's own contact where it has one (a midwife for
     * pregnancy warning signs), else the locale's urgent contact.
     */
    String urgentContact(Conversation conversation, Collection<String> flags) {
        return flags.stream().map(safety::category).flatMap(Optional::stream).map(Category::contact)
                .filter(Objects::nonNull).findFirst().orElseGet(() -> safety.urgentContact(conversation.locale()));
    }

    /** "I stopped because you said: ..." with the user's words that stopped the guidance, or nothing. */
    private String said(Conversation conversation) {
        Object words = conversation.slots().get(Slots.STOPPED_BY);
        if (words == null) {
            return "";
        }
        String quote = String.valueOf(words);
        if (quote.length() > QUOTE_LENGTH) {
            quote = quote.substring(0, QUOTE_LENGTH).strip() + "...";
        }
        // Straight from the responses: the common values are not needed, and asking for them would ask for this.
        return responses.text("stopped_because", (int) (conversation.recorded() / 2), Map.of("quote", quote)) + " ";
    }

    /**
     * A safety text (a tier's, a category's, an answer after an escalation) with who to call filled in: the emergency
     * {@code {number}} and the {@code {urgent_contact}} for the flags raised.
     */
    String withContacts(String text, Conversation conversation, Collection<String> flags) {
        return text.replace("{number}", number(conversation))
                .replace("{urgent_contact}", urgentContact(conversation, flags));
    }

    /** How the guide names a body area ("between your shoulder blades"), or its id when it has no words. */
    String areaName(String area) {
        return vocabulary.bodyAreas().getOrDefault(area, area);
    }

    /** The headline of the conversation's triage tier, or null before any triage. */
    String headline(Conversation conversation) {
        return conversation.triage() == null ? null : safety.tiers().get(conversation.triage().tier()).headline();
    }

    /** The emergency number for the conversation's locale, unless one is configured. */
    String number(Conversation conversation) {
        return emergencyNumberOverride != null ? emergencyNumberOverride
                : safety.emergencyNumber(conversation.locale());
    }

    /** Says what a node says, if anything. */
    void say(Node node, Conversation conversation, Reply reply) {
        if (node.say() != null) {
            reply.say(Message.TEXT, text(node.say(), conversation));
        }
    }

    /** Says what a node says and offers its buttons, without those the raised cautions rule out. */
    void prompt(Node node, Conversation conversation, Reply reply) {
        say(node, conversation, reply);
        offer(node, conversation, reply);
    }

    /** Back at a node after a digression: says so, then asks again with its buttons. */
    void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.say(Message.TEXT, text("back_to_question", conversation));
        prompt(node, conversation, reply);
    }

    /** Offers a node's buttons, without those the raised cautions rule out. */
    void offer(Node node, Conversation conversation, Reply reply) {
        reply.offer(allowedButtons(conversation, node.quickReplies()));
    }

    /**
     * Buttons without the tools no technique the raised cautions allow uses: "A tennis ball" is not offered to someone
     * on blood thinners.
     */
    private List<QuickReply> allowedButtons(Conversation conversation, List<QuickReply> buttons) {
        if (cautions(conversation).isEmpty()) {
            return buttons;
        }
        var usable = catalogue.stream().filter(t -> recommender.allowed(t, conversation))
                .flatMap(t -> t.tools().stream()).collect(Collectors.toSet());
        return buttons.stream().filter(b -> {
            Object tool = b.payload().entities().get(Slots.TOOL);
            return tool == null || usable.contains(String.valueOf(tool));
        }).toList();
    }

    /**
     * What a message told about the problem, in one line ("Got it: tension between your shoulder blades, for a few
     * weeks, 6 out of 10, with a tennis ball."), when it told at least {@code atLeast} things.
     */
    Optional<String> understood(Conversation conversation, String said, List<Entity> entities, int atLeast) {
        // One part per slot, the last value said winning as it does in the slots ("a few weeks, no, months").
        var bySlot = new LinkedHashMap<String, String>();
        var tools = new ArrayList<String>();
        for (var entity : entities) {
            String value = String.valueOf(entity.value());
            switch (entity.entity()) {
                case Slots.BODY_AREA -> bySlot.put(Slots.BODY_AREA, text("understood_area", conversation,
                        Map.of("area", vocabulary.bodyAreas().getOrDefault(value, value))));
                case Slots.ONSET -> bySlot.put(Slots.ONSET, onset(conversation, said, entity));
                case Slots.SEVERITY -> bySlot.put(Slots.SEVERITY, text("understood_severity", conversation,
                        Map.of("severity", value)));
                case Slots.DURATION -> bySlot.put(Slots.DURATION, text("understood_duration", conversation,
                        Map.of("minutes", value)));
                case Slots.TOOL -> tools.add(vocabulary.tools().getOrDefault(value, value));
                default -> {
                    // not about the problem
                }
            }
        }
        var parts = new ArrayList<>(bySlot.values());
        if (!tools.isEmpty()) {
            parts.add(text("understood_tools", conversation,
                    Map.of("tools", String.join(" and ", tools.stream().distinct().toList()))));
        }
        List<String> distinct = parts.stream().distinct().toList();
        return distinct.size() < atLeast ? Optional.empty()
                : Optional.of(text("understood", conversation, Map.of("summary", String.join(", ", distinct))));
    }

    /**
     * How long it has been, in the person's own words where the message has them ("for about a week", "since
     * Tuesday"), or by its kind (a button's "a few weeks").
     */
    private String onset(Conversation conversation, String said, Entity entity) {
        String words = entity.start() < entity.end() && entity.end() <= said.length()
                ? said.substring(entity.start(), entity.end()).strip().toLowerCase(Locale.ROOT) : "";
        if (!SAID_ONSET.matcher(words).matches()) {
            return text("understood_onset_" + entity.value(), conversation);
        }
        boolean timed = TIMED_ONSET.matcher(words).lookingAt();
        return text(timed ? "understood_onset_said" : "understood_onset_for", conversation, Map.of("onset", words));
    }

    /** The names of tools, for a sentence ("a tennis ball and a lacrosse ball"). */
    String tools(List<String> ids) {
        return String.join(" and ", ids.stream().map(t -> vocabulary.tools().getOrDefault(t, t)).toList());
    }

    /** The name of a tool, for a sentence ("a tennis ball"). */
    String tool(String id) {
        return vocabulary.tools().getOrDefault(id, id);
    }
}
