package io.knotwise.engine;

import io.knotwise.InvalidDataException;
import io.knotwise.content.Answer;
import io.knotwise.content.AnswerBook;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlagDetector.AnswerReading;
import io.knotwise.safety.Tier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Moves a conversation through the dialog graph: enters nodes and reacts to each understood message by the
 * behaviour of the current node's type (one {@link NodeBehaviour} class per type, registered here), then by the rules
 * every node shares: commands ("start over"), typed choices, questions answered anywhere, global transitions and
 * fallbacks. Whatever path leads to a technique goes through the red-flag checklist first. Stateless and thread-safe.
 */
final class Navigator {

    private static final int MAX_HOPS = 32;
    private static final int LIKELY_OPTIONS = 3;

    /** Intents that ask for something of their own, never a button's: "help", "repeat", "stop", "goodbye". */
    private static final Set<String> NOT_A_CHOICE = Set.of(Intents.HELP, Intents.REPEAT, Intents.STOP,
            Intents.GOODBYE);

    private final DialogGraph graph;
    private final Map<String, String> intentTitles;
    /** Every technique as the button that asks for it: a name typed at a recommendation may name any of them. */
    private final List<QuickReply> techniqueChoices;
    private final AnswerBook answerBook;
    private final Phrasebook phrases;
    private final Answers answers;
    private final WalkNode walk;
    private final EscalationNode escalation;
    private final Safeguard safeguard;
    private final Map<NodeType, NodeBehaviour> behaviours = new EnumMap<>(NodeType.class);

    /**
     * @param denials the red-flag categories a message denies (for answers to the checklist)
     * @param answers how an answer to the clarifying question reads beside the intent model's yes or no
     */
    Navigator(Guidebook book, Recommender recommender, Function<String, Set<String>> denials,
              Function<String, AnswerReading> answers, String emergencyNumberOverride, boolean auditText) {
        this.graph = book.graph();
        this.intentTitles = book.intentTitles();
        this.techniqueChoices = book.catalogue().stream().map(t -> new QuickReply(t.name(),
                Payload.of(Intents.REQUEST_TECHNIQUE, Slots.TECHNIQUE, t.id()))).toList();
        this.answerBook = book.answers();
        this.phrases = new Phrasebook(book.responses(), book.safety(), book.vocabulary(), book.catalogue(),
                recommender, emergencyNumberOverride);
        GoTo go = this::enter;
        this.walk = new WalkNode(graph, book.techniques(), book.setups(), intentTitles, book::guideTitle, book.safety(),
                phrases, recommender, go);
        this.escalation = new EscalationNode(book.answers(), book.safety(), phrases);
        this.answers = new Answers(book.answers(), book.styles(), book.techniques(), book::guideTitle, phrases);
        this.safeguard = new Safeguard(graph, book.safety(), phrases, recommender, walk, go, auditText, answers);
        behaviours.put(NodeType.SAY, new SayNode(phrases));
        behaviours.put(NodeType.ASK, new AskNode(graph, phrases, go));
        behaviours.put(NodeType.SCREEN, new ScreenNode(book.safety().checklist(), denials, phrases, go));
        behaviours.put(NodeType.RECOMMEND, new RecommendNode(book.techniques(), book.routines(), book.tensionAdvice(),
                book::guideTitle, phrases, recommender, walk, go, graph.first(NodeType.RECOMMEND).id()));
        behaviours.put(NodeType.WALK, walk);
        behaviours.put(NodeType.CHOICE, new ChoiceNode(phrases, graph.start()));
        behaviours.put(NodeType.WRAPUP, new WrapupNode(book.techniques(), book.answers(), phrases));
        behaviours.put(NodeType.ESCALATION, escalation);
        behaviours.put(NodeType.CLARIFY, new ClarifyNode(book.safety(), phrases, intentTitles));
        behaviours.put(NodeType.CLEAR, new ClearNode(phrases));
        for (NodeType type : NodeType.values()) {
            if (!behaviours.containsKey(type)) {
                throw new InvalidDataException("dialog/NodeType." + type + ": no behaviour registered for it in"
                        + " engine/Navigator (see the README, \"Add a node type\")");
            }
        }
    }

    Phrasebook phrases() {
        return phrases;
    }

    Safeguard safeguard() {
        return safeguard;
    }

    TurnState state(Conversation conversation) {
        return walk.state(conversation);
    }

    /** Enters a node and follows it through nodes that pass straight on, until one waits for the user. */
    void enter(Conversation conversation, String nodeId, Reply reply) {
        String id = nodeId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Node node = guarded(conversation, graph.node(id));
            conversation.node(node.id());
            conversation.attempts(0);
            id = behaviours.get(node.type()).enter(node, conversation, reply);
            if (id == null) {
                return;
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

    /**
     * The offered option a typed reply means at a node that offers a choice (a recommendation, a question with
     * buttons): "2", "the third one", "tenis bal", "way betta". Empty for a button press, a question, or a reply
     * that names no single option.
     */
    Optional<Payload> chosen(Conversation conversation, Understanding understanding) {
        Node node = graph.node(conversation.node());
        NodeType type = node.type();
        // At a question with buttons a number is a button's ("2" at "where is the tension?"), except where the
        // answer itself is a number (how bad, how many minutes).
        boolean numeric = Slots.SEVERITY.equals(node.slot()) || Slots.DURATION.equals(node.slot());
        boolean choosing = type == NodeType.RECOMMEND || type == NodeType.CHOICE || (type == NodeType.ASK && !numeric);
        if (!choosing || understanding.text().isEmpty()
                || graph.command(List.of(TextNormalizer.words(understanding.text()))).isPresent()) {
            // A command ("I'm back", "go back") is a command even where a button says the same.
            return Optional.empty();
        }
        if (understanding.confident() && NOT_A_CHOICE.contains(understanding.intent().name())) {
            // "help" is a request for help even where a button reads "A partner to help"; a button's whole title
            // typed out is still that button.
            return Choices.exact(understanding.text(), conversation.lastQuickReplies()).map(QuickReply::payload);
        }
        var techniques = type == NodeType.RECOMMEND ? techniqueChoices : List.<QuickReply>of();
        return Choices.pick(understanding.text(), conversation.lastQuickReplies(), techniques)
                .map(QuickReply::payload);
    }

    /** Reacts to one understood message at the conversation's current node. */
    void react(Conversation conversation, Understanding understanding, boolean cautioned, boolean correcting,
               Reply reply) {
        Node node = graph.node(conversation.node());
        int misses = conversation.attempts();
        var command = understanding.text().isEmpty() || correcting ? Optional.<String>empty()
                : graph.command(List.of(TextNormalizer.words(understanding.text())));
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
                conversation.slots().keySet().retainAll(Set.of(Slots.SCREENED));
                conversation.skipped().clear();
                conversation.plan(List.of());
                reply.say(Message.TEXT, phrases.text("start_over", conversation, Map.of()));
                enter(conversation, graph.globalOn().get(Intents.DESCRIBE_SYMPTOM), reply);
            }
            case "go_back" -> {
                if (walking) {
                    return false;
                }
                Node previous = previousQuestion(node);
                if (previous == null) {
                    reply.say(Message.TEXT, phrases.text("go_back_none", conversation, Map.of()));
                    reprompt(node, conversation, reply);
                } else {
                    conversation.slots().remove(previous.slot());
                    conversation.skipped().remove(previous.slot());
                    enter(conversation, previous.id(), reply);
                }
            }
            case "goodbye" -> enter(conversation, graph.globalOn().get(Intents.GOODBYE), reply);
            case "this_step" -> {
                if (!walking) {
                    // Outside a technique "how long should I hold?" is a question for the answers.
                    return false;
                }
                reply.say(Message.TEXT, phrases.text("this_step", conversation, Map.of()));
                walk.show(conversation, reply, "step");
            }
            case "pause" -> {
                reply.say(Message.TEXT, phrases.text("pause", conversation, Map.of()));
                reply.offer(List.of(new QuickReply(phrases.text("resume_title", conversation), Payload.of(Intents
                        .REPEAT))));
            }
            default -> {
                // where_was_i, resume: where we are, said again
                if (walking) {
                    reply.say(Message.TEXT, phrases.text("where_was_i", conversation, Map.of()));
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
        boolean handled = behaviours.get(node.type()).react(node, conversation, understanding,
                new NodeBehaviour.Moment(cautioned, correcting), reply);
        if (!handled && correcting && graph.correction() != null) {
            enter(conversation, graph.correction(), reply);
        } else if (!handled) {
            general(node, conversation, understanding, reply);
        }
    }

    private void general(Node node, Conversation conversation, Understanding understanding, Reply reply) {
        String intent = understanding.intent().name();
        boolean escalated = node.type() == NodeType.ESCALATION;
        // A message that names where it hurts, how long or how bad is about the upper back, whatever the intent
        // model made of the rest of it ("my boyfriend will massage me tonight, knots around my shoulder blade").
        if ((!understanding.confident() || understanding.outOfScope())
                && Slots.describesSymptoms(understanding.entities())
                && graph.transition(node, Intents.DESCRIBE_SYMPTOM).isPresent()) {
            enter(conversation, graph.transition(node, Intents.DESCRIBE_SYMPTOM).get(), reply);
            return;
        }
        if ((!understanding.confident() || understanding.outOfScope()) && escalated
                && escalation.answer(node, conversation, understanding, true, reply)) {
            return;
        }
        String words = TextNormalizer.phrase(understanding.text());
        var pointer = understanding.outOfScope() ? answerBook.topic(Understanding.OUT_OF_SCOPE, words)
                .or(() -> answerBook.topic(Intents.HELP, words)).or(() -> answerBook.topic(Intents.ASK_SAFETY, words))
                : Optional.<Answer>empty();
        if (pointer.isPresent()) {
            // Another body part gets a pointer to who can help; privacy, what is kept.
            reply.say(Message.TEXT, phrases.shaped(conversation, pointer.get().text(), pointer.get().cautions()));
            reprompt(node, conversation, reply);
            return;
        }
        if ((!understanding.confident() || understanding.outOfScope()) && stuck(conversation)) {
            reply.say(Message.TEXT, phrases.text("stuck", conversation, Map.of()));
            reprompt(node, conversation, reply);
            return;
        }
        if (!understanding.confident()) {
            var options = node.type() == NodeType.WALK ? List.<QuickReply>of() : likelyOptions(understanding);
            // "Did you mean one of these?" only when there are some to show.
            reply.say(Message.TEXT, phrases.text(options.isEmpty() ? "fallback_plain" : "fallback", conversation,
                    Map.of()));
            if (node.type() == NodeType.WALK) {
                walk.show(conversation, reply, "back_to_step");
            } else if (options.isEmpty()) {
                reprompt(node, conversation, reply);
            } else {
                reply.offer(options);
            }
            return;
        }
        if (understanding.outOfScope()) {
            reply.say(Message.TEXT, phrases.text("out_of_scope", conversation, Map.of()));
            reprompt(node, conversation, reply);
            return;
        }
        if (intent.equals(Intents.REPEAT)) {
            conversation.lastMessages().forEach(reply::add);
            reply.offer(conversation.lastQuickReplies());
            return;
        }
        var target = graph.transition(node, intent);
        if (intent.equals(Intents.REQUEST_ROUTINE) && !conversation.slots().containsKey(Slots.TECHNIQUE)) {
            conversation.slots().putIfAbsent(Slots.ROUTINE, Slots.ANY_ROUTINE);
        }
        if (target.isPresent()) {
            // A request that asks something on the way gets its answer first: "what stretches can I do?", "I have
            // a foam roller, how do I use it on my upper back?".
            answerBook.topic(intent, words)
                    .or(() -> Choices.asks(understanding.text()) ? answerBook.topic(Intents.ASK_EQUIPMENT, words)
                            : Optional.empty())
                    .ifPresent(aside -> reply.say(Message.TEXT,
                            phrases.shaped(conversation, aside.text(), aside.cautions())));
            enter(conversation, target.get(), reply);
        } else if (graph.digressions().contains(intent)) {
            reply.say(Message.TEXT, answers.answer(conversation, understanding));
            reprompt(node, conversation, reply);
        } else if (node.type() == NodeType.ESCALATION) {
            phrases.prompt(node, conversation, reply);
        } else if (stuck(conversation)) {
            reply.say(Message.TEXT, phrases.text("stuck", conversation, Map.of()));
            reprompt(node, conversation, reply);
        } else {
            reply.say(Message.TEXT, phrases.text("not_here", conversation, Map.of()));
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
                .filter(name -> !name.equals(Understanding.OUT_OF_SCOPE) && intentTitles.containsKey(name))
                .limit(LIKELY_OPTIONS)
                .map(name -> new QuickReply(intentTitles.get(name), Payload.of(name)))
                .toList();
    }

    /** After a digression: back to where the conversation was, saying so. */
    void reprompt(Node node, Conversation conversation, Reply reply) {
        behaviours.get(node.type()).reprompt(node, conversation, reply);
    }
}
