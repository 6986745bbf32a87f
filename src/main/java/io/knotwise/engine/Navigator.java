package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.content.Technique;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import io.knotwise.dialog.Responses;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Category;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a conversation through the dialog graph: enters nodes (saying what they say, skipping what is already
 * known) and reacts to each understood message by the rules of the current node's type. Stateless and thread-safe.
 */
final class Navigator {

    private static final int MAX_HOPS = 32;
    private static final int LIKELY_OPTIONS = 3;

    private final Guidebook book;
    private final DialogGraph graph;
    private final Responses responses;
    private final Recommender recommender;
    private final Walkthrough walk;
    private final Answers answers;
    private final Questions questions;
    private final Recommendation recommendation;
    private final String emergencyNumberOverride;

    Navigator(Guidebook book, Recommender recommender, String emergencyNumberOverride) {
        this.book = book;
        this.emergencyNumberOverride = emergencyNumberOverride;
        this.graph = book.graph();
        this.responses = book.responses();
        this.recommender = recommender;
        this.walk = new Walkthrough(book, this);
        this.answers = new Answers(book);
        this.questions = new Questions(book, this);
        this.recommendation = new Recommendation(book, recommender, this);
    }

    Recommender recommender() {
        return recommender;
    }

    String recommendNode() {
        return graph.first(NodeType.RECOMMEND).id();
    }

    Technique currentTechnique(Conversation conversation) {
        return walk.current(conversation);
    }

    Walkthrough walk() {
        return walk;
    }

    TurnState state(Conversation conversation) {
        return walk.state(conversation);
    }

    /** Enters a node and follows it through nodes that pass straight on, until one waits for the user. */
    void enter(Conversation conversation, String nodeId, Reply reply) {
        String id = nodeId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Node node = guarded(conversation, graph.node(id));
            id = node.id();
            conversation.node(id);
            conversation.attempts(0);
            switch (node.type()) {
                case SAY -> {
                    say(node, conversation, reply);
                    id = node.next();
                }
                case WRAPUP -> {
                    walk.wrapUp(node, conversation, reply);
                    id = node.next();
                }
                case ASK, SCREEN -> {
                    if (!answered(node, conversation)) {
                        prompt(node, conversation, reply);
                        return;
                    }
                    id = node.next();
                }
                case RECOMMEND -> {
                    recommendation.enter(node, conversation, reply);
                    return;
                }
                case WALK -> {
                    walk.show(conversation, reply, null);
                    return;
                }
                case CLARIFY -> {
                    askToClarify(conversation, reply);
                    return;
                }
                case CLEAR -> {
                    conversation.withdrawStoppingFlags();
                    say(node, conversation, reply);
                    id = node.next();
                }
                default -> {
                    prompt(node, conversation, reply);
                    return;
                }
            }
        }
        throw new IllegalStateException("the dialog graph loops without waiting for the user at " + id);
    }

    /**
     * The node itself, unless a raised tier has stopped or paused guidance and the node would guide (then the
     * escalation or paused node), or the node would offer or walk a technique before the red-flag checklist has been
     * answered in this conversation (then the checklist, which goes on to what was chosen): whatever path the graph
     * took to get here.
     */
    private Node guarded(Conversation conversation, Node node) {
        Tier tier = conversation.tier();
        boolean guides = switch (node.type()) {
            case ASK, SCREEN, RECOMMEND, WALK, WRAPUP -> true;
            default -> false;
        };
        if (tier != null && tier.stopsGuidance() && guides) {
            return graph.node(tier == Tier.SEE_DOCTOR ? graph.paused() : graph.escalation());
        }
        boolean techniques = node.type() == NodeType.RECOMMEND || node.type() == NodeType.WALK;
        if (techniques && !conversation.slots().containsKey(Slots.SCREENED)) {
            if (node.type() == NodeType.WALK && !conversation.plan().isEmpty()) {
                conversation.slots().put(Slots.CHOSEN, List.copyOf(conversation.plan()));
            }
            return graph.first(NodeType.SCREEN);
        }
        return node;
    }

    private void askToClarify(Conversation conversation, Reply reply) {
        book.safety().category(conversation.pending()).ifPresent(c -> reply.say(Message.TEXT,
                c.clarify().replace("{number}", number(conversation))));
        reply.offer(List.of(new QuickReply(book.intentTitles().get("affirm"), "/affirm"),
                new QuickReply(book.intentTitles().get("deny"), "/deny")));
    }

    boolean answered(Node node, Conversation conversation) {
        String slot = node.type() == NodeType.SCREEN ? Slots.SCREENED : node.slot();
        return conversation.slots().containsKey(slot) || conversation.skipped().contains(slot)
                || node.skipIf().stream().anyMatch(conversation.slots()::containsKey);
    }

    void say(Node node, Conversation conversation, Reply reply) {
        if (node.say() != null) {
            reply.say(Message.TEXT, text(node.say(), conversation, Map.of()));
        }
    }

    void prompt(Node node, Conversation conversation, Reply reply) {
        if (node.type() == NodeType.SCREEN) {
            var checklist = book.safety().checklist();
            reply.say(Message.TEXT, checklist.text());
            var buttons = new ArrayList<QuickReply>();
            buttons.add(new QuickReply(checklist.noneTitle(), "/deny"));
            checklist.groups().forEach(g -> buttons.add(
                    new QuickReply(g.title(), "/affirm{\"" + Slots.CHECKLIST + "\": \"" + g.id() + "\"}")));
            reply.offer(buttons);
            return;
        }
        say(node, conversation, reply);
        reply.offer(allowedButtons(conversation, node.quickReplies()));
    }

    /**
     * Says in one line what a message told about the problem ("Got it: tension between your shoulder blades, for a
     * few weeks, 6 out of 10, with a tennis ball, 10 minutes to spare."), so the user can put a misreading right; true
     * when it said so (at least {@code atLeast} things told).
     */
    boolean sayUnderstood(Conversation conversation, List<io.knotwise.nlu.Entity> entities, int atLeast, Reply reply) {
        var parts = new ArrayList<String>();
        var tools = new ArrayList<String>();
        for (var entity : entities) {
            String value = String.valueOf(entity.value());
            switch (entity.entity()) {
                case Slots.BODY_AREA -> parts.add(text("understood_area", conversation,
                        Map.of("area", book.vocabulary().bodyAreas().getOrDefault(value, value))));
                case Slots.ONSET -> parts.add(text("understood_onset_" + value, conversation, Map.of()));
                case Slots.SEVERITY -> parts.add(text("understood_severity", conversation, Map.of("severity", value)));
                case Slots.DURATION -> parts.add(text("understood_duration", conversation, Map.of("minutes", value)));
                case Slots.TOOL -> tools.add(book.vocabulary().tools().getOrDefault(value, value));
                default -> {
                    // not about the problem
                }
            }
        }
        if (!tools.isEmpty()) {
            parts.add(text("understood_tools", conversation, Map.of("tools",
                    String.join(" and ", tools.stream().distinct().toList()))));
        }
        parts = new ArrayList<>(parts.stream().distinct().toList());
        if (parts.size() < atLeast) {
            return false;
        }
        reply.say(Message.TEXT, text("understood", conversation, Map.of("summary", String.join(", ", parts))));
        return true;
    }

    /**
     * A response with the conversation's common values filled in, varied by how far the conversation is: the variant
     * for a raised caution where there is one ({@code discomfort@pregnancy}), else for the conversation's tier
     * ({@code escalation_followup@urgent}).
     */
    String text(String key, Conversation conversation, Map<String, ?> values) {
        var all = new java.util.HashMap<String, Object>(values);
        all.putIfAbsent("number", number(conversation));
        all.putIfAbsent("urgent_contact", book.safety().urgentContact(conversation.locale()));
        Object area = conversation.slots().get(Slots.BODY_AREA);
        all.putIfAbsent("area", area == null ? "" : book.vocabulary().bodyAreas().getOrDefault(area, ""));
        var ids = new ArrayList<String>(cautions(conversation).stream().map(Category::id).toList());
        if (conversation.tier() != null) {
            ids.add(conversation.tier().id());
        }
        String variant = ids.stream().map(id -> key + Responses.VARIANT + id).filter(responses::has).findFirst()
                .orElse(key);
        return responses.text(variant, conversation.transcript().size() / 2, all);
    }

    /** The caution categories raised in a conversation, in the order they were raised. */
    List<Category> cautions(Conversation conversation) {
        return conversation.flags().stream().map(id -> book.safety().category(id)).flatMap(java.util.Optional::stream)
                .filter(c -> c.tier() == Tier.CAUTION).toList();
    }

    /** A text as the raised cautions shape it: each one's variant where it has one, else the text itself. */
    String shaped(Conversation conversation, String text, Map<String, String> variants) {
        List<String> shaped = cautions(conversation).stream().map(c -> variants.get(c.id()))
                .filter(java.util.Objects::nonNull).distinct().toList();
        return shaped.isEmpty() ? text : String.join("\n\n", shaped);
    }

    /**
     * Buttons without the tools no technique the raised cautions allow uses: "A tennis ball" is not offered to someone
     * on blood thinners.
     */
    private List<QuickReply> allowedButtons(Conversation conversation, List<QuickReply> buttons) {
        if (cautions(conversation).isEmpty()) {
            return buttons;
        }
        var usable = book.catalogue().stream().filter(t -> recommender.allowed(t, conversation))
                .flatMap(t -> t.tools().stream()).collect(java.util.stream.Collectors.toSet());
        return buttons.stream().filter(b -> {
            Object tool = Payload.parse(b.payload()).entities().get(Slots.TOOL);
            return tool == null || usable.contains(String.valueOf(tool));
        }).toList();
    }

    /** How long a technique takes, in words: "2" or "2 to 3". */
    String minutes(Technique technique, Conversation conversation) {
        var m = technique.minutes();
        String key = m.min() != m.max() ? "minutes_range" : m.min() == 1 ? "minutes_one" : "minutes_same";
        String minutes = text(key, conversation, Map.of("min", m.min(), "max", m.max()));
        return m.estimated() ? text("minutes_estimated", conversation, Map.of("minutes", minutes)) : minutes;
    }

    String number(Conversation conversation) {
        return emergencyNumberOverride != null ? emergencyNumberOverride
                : book.safety().emergencyNumber(conversation.locale());
    }

    /**
     * The offered option a typed reply means at a node that offers a choice (a recommendation, a question with
     * buttons): "2", "the third one", "tenis bal", "way betta". Empty for a button press, a question, or a reply
     * that names no single option.
     */
    Optional<Payload> chosen(Conversation conversation, Understanding understanding) {
        NodeType type = graph.node(conversation.node()).type();
        boolean choosing = type == NodeType.RECOMMEND || type == NodeType.CHOICE;
        if (!choosing || understanding.text().isEmpty()) {
            return Optional.empty();
        }
        var techniques = type != NodeType.RECOMMEND ? List.<QuickReply>of() : book.catalogue().stream()
                .map(t -> new QuickReply(t.name(), "/request_technique{\"" + Slots.TECHNIQUE + "\": \"" + t.id() + "\"}"))
                .toList();
        return Choices.pick(understanding.text(), conversation.lastQuickReplies(), techniques)
                .map(option -> Payload.parse(option.payload()));
    }

    /** Reacts to one understood message at the conversation's current node. */
    void react(Conversation conversation, Understanding understanding, boolean cautioned, boolean correcting,
               Reply reply) {
        Node node = graph.node(conversation.node());
        int misses = conversation.attempts();
        var command = understanding.text().isEmpty() || correcting ? Optional.<String>empty()
                : graph.command(List.of(io.knotwise.nlu.TextNormalizer.words(understanding.text())));
        if (command.isPresent() && command(command.get(), node, conversation, reply)) {
            conversation.attempts(0);
            return;
        }
        dispatch(node, conversation, understanding, cautioned, correcting, reply);
        if (conversation.attempts() == misses && node.type() != NodeType.ASK) {
            conversation.attempts(0);
        }
    }

    /**
     * Does what a command phrase says (see {@code commands} in {@code flow/global.yml}); false leaves the message to
     * the node (in a walk, "go back" is the walk's own "back").
     */
    private boolean command(String command, Node node, Conversation conversation, Reply reply) {
        boolean walking = node.type() == NodeType.WALK;
        switch (command) {
            case "start_over" -> {
                conversation.slots().keySet().retainAll(java.util.Set.of(Slots.SCREENED));
                conversation.skipped().clear();
                conversation.plan(List.of());
                reply.say(Message.TEXT, text("start_over", conversation, Map.of()));
                enter(conversation, graph.globalOn().get("describe_symptom"), reply);
            }
            case "go_back" -> {
                if (walking) {
                    return false;
                }
                Node previous = previousQuestion(node);
                if (previous == null) {
                    reply.say(Message.TEXT, text("go_back_none", conversation, Map.of()));
                    reprompt(node, conversation, reply);
                } else {
                    conversation.slots().remove(previous.slot());
                    conversation.skipped().remove(previous.slot());
                    enter(conversation, previous.id(), reply);
                }
            }
            case "pause" -> {
                reply.say(Message.TEXT, text("pause", conversation, Map.of()));
                reply.offer(List.of(new QuickReply(text("resume_title", conversation, Map.of()), "/repeat")));
            }
            default -> {
                // where_was_i, resume: where we are, said again
                if (walking) {
                    reply.say(Message.TEXT, text("where_was_i", conversation, Map.of()));
                    walk.show(conversation, reply, "step");
                } else {
                    reprompt(node, conversation, reply);
                }
            }
        }
        return true;
    }

    /** The symptom question asked before this node (through nodes that pass straight on), or null. */
    private Node previousQuestion(Node node) {
        String target = node.id();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            String id = target;
            Node previous = graph.nodes().values().stream().filter(n -> id.equals(n.next())).findFirst().orElse(null);
            if (previous == null) {
                return null;
            }
            if (previous.type() == NodeType.ASK) {
                return previous;
            }
            target = previous.id();
        }
        return null;
    }

    private void dispatch(Node node, Conversation conversation, Understanding understanding, boolean cautioned,
                          boolean correcting, Reply reply) {
        boolean handled = switch (node.type()) {
            case ASK -> questions.answerQuestion(node, conversation, understanding, reply);
            case SCREEN -> questions.answerScreen(node, conversation, understanding, cautioned, reply);
            case RECOMMEND -> recommendation.answer(conversation, understanding, reply);
            case WALK -> walk.answer(node, conversation, understanding, reply);
            case ESCALATION -> !correcting && afterEscalation(node, conversation, understanding, false, reply);
            default -> false;
        };
        if (!handled && correcting && graph.correction() != null) {
            enter(conversation, graph.correction(), reply);
        } else if (!handled) {
            general(node, conversation, understanding, reply);
        }
    }

    /**
     * After an escalation, a plain, safe answer to what the user asks about now ("what do I do while I wait for the
     * ambulance?", "I don't want to call anyone"), by the tier raised; with {@code orDefault}, the tier's general
     * answer when no topic fits. False when there is nothing to say.
     */
    private boolean afterEscalation(Node node, Conversation conversation, Understanding understanding,
                                    boolean orDefault, Reply reply) {
        if (conversation.tier() == null) {
            return false;
        }
        String words = String.join(" ", io.knotwise.nlu.TextNormalizer.words(understanding.text()));
        var answer = book.answers().afterEscalation(conversation.tier().id(), words, orDefault);
        if (answer.isEmpty()) {
            return false;
        }
        reply.say(Message.TEXT, answer.get().text().replace("{number}", number(conversation))
                .replace("{urgent_contact}", book.safety().urgentContact(conversation.locale())));
        reply.offer(node.quickReplies());
        return true;
    }

    private void general(Node node, Conversation conversation, Understanding understanding, Reply reply) {
        String intent = understanding.intent().name();
        boolean escalated = node.type() == NodeType.ESCALATION;
        if (!understanding.confident() && Slots.describesSymptoms(understanding.entities())
                && graph.transition(node, "describe_symptom").isPresent()) {
            enter(conversation, graph.transition(node, "describe_symptom").get(), reply);
            return;
        }
        if ((!understanding.confident() || understanding.outOfScope()) && escalated
                && afterEscalation(node, conversation, understanding, true, reply)) {
            return;
        }
        String words = String.join(" ", io.knotwise.nlu.TextNormalizer.words(understanding.text()));
        var pointer = understanding.outOfScope() ? book.answers().topic(Understanding.OUT_OF_SCOPE, words)
                .or(() -> book.answers().topic("help", words)).or(() -> book.answers().topic("ask_safety", words))
                : Optional.<io.knotwise.content.Answer>empty();
        if (pointer.isPresent()) {
            // Another body part gets a pointer to who can help; privacy, what is kept.
            reply.say(Message.TEXT, pointer.get().text());
            reprompt(node, conversation, reply);
            return;
        }
        if ((!understanding.confident() || understanding.outOfScope()) && stuck(conversation)) {
            reply.say(Message.TEXT, text("stuck", conversation, Map.of()));
            reprompt(node, conversation, reply);
            return;
        }
        if (!understanding.confident()) {
            reply.say(Message.TEXT, text("fallback", conversation, Map.of()));
            if (node.type() == NodeType.WALK) {
                walk.show(conversation, reply, "back_to_step");
            } else {
                reply.offer(likelyOptions(understanding));
            }
            return;
        }
        if (understanding.outOfScope()) {
            reply.say(Message.TEXT, text("out_of_scope", conversation, Map.of()));
            reprompt(node, conversation, reply);
            return;
        }
        if (intent.equals("repeat")) {
            conversation.lastMessages().forEach(reply::add);
            reply.offer(conversation.lastQuickReplies());
            return;
        }
        var target = graph.transition(node, intent);
        if (intent.equals("request_routine") && !conversation.slots().containsKey(Slots.TECHNIQUE)) {
            conversation.slots().putIfAbsent(Slots.ROUTINE, Slots.ANY_ROUTINE);
        }
        if (target.isPresent()) {
            enter(conversation, target.get(), reply);
        } else if (graph.digressions().contains(intent)) {
            reply.say(Message.TEXT, answers.answer(conversation, understanding, this));
            reprompt(node, conversation, reply);
        } else if (node.type() == NodeType.ESCALATION) {
            prompt(node, conversation, reply);
        } else if (stuck(conversation)) {
            reply.say(Message.TEXT, text("stuck", conversation, Map.of()));
            reprompt(node, conversation, reply);
        } else {
            reply.say(Message.TEXT, text("not_here", conversation, Map.of()));
            reprompt(node, conversation, reply);
        }
    }

    /**
     * Whether the guide has just said it did not follow, at this node: then it says so differently, with the node's
     * options again, rather than the same fallback a second time in a row.
     */
    private boolean stuck(Conversation conversation) {
        int misses = conversation.attempts() + 1;
        conversation.attempts(misses);
        return misses >= 2;
    }

    private List<QuickReply> likelyOptions(Understanding understanding) {
        return understanding.ranking().stream()
                .map(IntentScore::name)
                .filter(name -> !name.equals(Understanding.OUT_OF_SCOPE) && book.intentTitles().containsKey(name))
                .limit(LIKELY_OPTIONS)
                .map(name -> new QuickReply(book.intentTitles().get(name), "/" + name))
                .toList();
    }

    /** After a digression: back to where the conversation was, saying so. */
    void reprompt(Node node, Conversation conversation, Reply reply) {
        switch (node.type()) {
            case WALK -> walk.show(conversation, reply, "back_to_step");
            case ESCALATION -> reply.offer(node.quickReplies());
            case RECOMMEND -> {
                reply.say(Message.TEXT, text("back_to_question", conversation, Map.of()));
                recommendation.enter(node, conversation, reply);
            }
            default -> {
                reply.say(Message.TEXT, text("back_to_question", conversation, Map.of()));
                prompt(node, conversation, reply);
            }
        }
    }
}
