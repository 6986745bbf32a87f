package io.knotwise.engine;

import io.knotwise.content.Setup;
import io.knotwise.content.Step;
import io.knotwise.content.Technique;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.SafetyRules;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code walk}: walks a conversation through a technique, or the techniques of a routine, one step at a time (next,
 * back, repeat, timers); {@code next} follows the last step. Stateless.
 */
final class WalkNode implements NodeBehaviour {

    /** A rating of the pain during a step from which the guide says to ease off (firm is 5 to 7 out of 10). */
    private static final int TOO_MUCH = 8;

    private final DialogGraph graph;
    private final Map<String, Technique> techniques;
    private final Map<String, Setup> setups;
    private final Map<String, String> intentTitles;
    private final Function<String, String> guideTitle;
    private final SafetyRules safety;
    private final Phrasebook phrases;
    private final Recommender recommender;
    private final GoTo go;

    WalkNode(DialogGraph graph, Map<String, Technique> techniques, Map<String, Setup> setups,
             Map<String, String> intentTitles, Function<String, String> guideTitle, SafetyRules safety,
             Phrasebook phrases, Recommender recommender, GoTo go) {
        this.graph = graph;
        this.techniques = techniques;
        this.setups = setups;
        this.intentTitles = intentTitles;
        this.guideTitle = guideTitle;
        this.safety = safety;
        this.phrases = phrases;
        this.recommender = recommender;
        this.go = go;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        show(conversation, reply, null);
        return null;
    }

    @Override
    public boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                         Reply reply) {
        return answer(node, conversation, understanding, reply);
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        show(conversation, reply, "back_to_step");
    }

    /** Starts walking through a plan of techniques from its first step (past a set-up already done). */
    void start(Conversation conversation, List<String> plan, Reply reply) {
        conversation.plan(plan);
        conversation.step(firstStep(current(conversation), conversation));
        go.go(conversation, graph.first(NodeType.WALK).id(), reply);
    }

    /** Where a technique starts: after its set-up when the conversation has been through that set-up already. */
    private int firstStep(Technique technique, Conversation conversation) {
        return technique.setup() != null && technique.setup().equals(conversation.slots().get(Slots.SET_UP))
                ? setUpSteps(technique) : 0;
    }

    private int setUpSteps(Technique technique) {
        Setup setup = setups.get(technique.setup());
        return setup == null ? 0 : setup.steps().size();
    }

    Technique current(Conversation conversation) {
        return techniques.get(conversation.plan().get(conversation.planIndex()));
    }

    TurnState state(Conversation conversation) {
        Node node = graph.node(conversation.node());
        var advice = new TurnState.Advice(phrases.headline(conversation), phrases.number(conversation),
                phrases.urgentContact(conversation, conversation.flags()));
        if (node.type() != NodeType.WALK || conversation.plan().isEmpty()) {
            return new TurnState(node.id(), null, null, null, advice);
        }
        Technique technique = current(conversation);
        return new TurnState(node.id(), technique.id(), conversation.step() + 1, technique.steps().size(), advice);
    }

    /** Shows the current step; {@code template} null means "as new" (with the technique's introduction first). */
    void show(Conversation conversation, Reply reply, String template) {
        Technique technique = current(conversation);
        Step step = technique.steps().get(conversation.step());
        if (template == null && conversation.step() == firstStep(technique, conversation)) {
            reply.say(Message.TEXT, phrases.text("technique_intro", conversation, Map.of(
                    "name", technique.name(), "summary", technique.summary(), "tools", tools(technique, conversation),
                    "minutes", phrases.minutes(technique, conversation), "guide", guideTitle.apply(technique
                            .source()))));
            if (conversation.step() > 0) {
                // "Step 8 of 13" needs a word: the set-up steps before it were done with an earlier technique.
                reply.say(Message.TEXT, phrases.text("setup_done", conversation,
                        Map.of("step", conversation.step() + 1)));
            }
        }
        String side = sideOf(conversation);
        String instruction = step.text(side);
        String text = phrases.text(template == null ? "step" : template, conversation, Map.of(
                "step", conversation.step() + 1, "total", technique.steps().size(), "text", instruction));
        if (conversation.plan().size() > 1) {
            text = phrases.text("plan_progress", conversation, Map.of("index", conversation.planIndex() + 1,
                    "count", conversation.plan().size())) + " " + text;
        }
        if (technique.setup() != null && conversation.step() >= setUpSteps(technique)) {
            conversation.slots().put(Slots.SET_UP, technique.setup());
        }
        var view = new StepView(conversation.step() + 1, technique.steps().size(), instruction, step.holdSeconds(),
                step.repetitions(), side, technique.bodyAreas().stream()
                        .map(area -> new StepView.Area(area, phrases.areaName(area))).toList());
        reply.add(new Message(Message.STEP, text, step.holdSeconds(), null, view));
        if (conversation.tier() == Tier.CAUTION) {
            conversation.flags().stream().map(safety::category).flatMap(Optional::stream)
                    .filter(c -> c.tier() == Tier.CAUTION && c.caution() != null)
                    .forEach(c -> reply.say(Message.WARNING, c.caution()));
        }
        reply.offer(controls(conversation, step));
    }

    private List<QuickReply> controls(Conversation conversation, Step step) {
        var intents = new ArrayList<String>();
        intents.add(Intents.NEXT);
        if (conversation.step() > 0 || conversation.planIndex() > 0) {
            intents.add(Intents.BACK);
        }
        intents.add(Intents.REPEAT);
        if (step.hasHold()) {
            intents.add(Intents.START_TIMER);
        }
        intents.add(Intents.STOP);
        return intents.stream().map(i -> new QuickReply(intentTitles.get(i), Payload.of(i))).toList();
    }

    /** Reacts to a message while a technique is walked through; false leaves it to the general rules. */
    boolean answer(Node node, Conversation conversation, Understanding understanding, Reply reply) {
        if (understanding.entities().stream().anyMatch(e -> e.entity().equals(Slots.SEVERITY)
                && e.value() instanceof Integer rating && rating >= TOO_MUCH)) {
            // "it's like 9/10": whatever else the message asks, the answer is to ease off.
            reply.say(Message.TEXT, phrases.text("discomfort", conversation));
            show(conversation, reply, "back_to_step");
            return true;
        }
        String named = understanding.entities().stream().filter(e -> e.entity().equals(Slots.TECHNIQUE))
                .map(e -> String.valueOf(e.value())).filter(techniques::containsKey).findFirst().orElse(null);
        if (named != null && !named.equals(current(conversation).id()) && !Choices.asks(understanding.text())
                && !understanding.text().isEmpty()) {
            // "switch to effleurage", "two ball thoracic release please": another technique, named mid-walk.
            conversation.slots().put(Slots.TECHNIQUE, named);
            go.go(conversation, graph.first(NodeType.RECOMMEND).id(), reply);
            return true;
        }
        if (!understanding.confident() && !goOn(understanding)) {
            return false;
        }
        switch (goOn(understanding) ? Intents.NEXT : understanding.intent().name()) {
            case Intents.NEXT, Intents.AFFIRM -> advance(node, conversation, reply);
            case Intents.BACK -> back(conversation, reply);
            case Intents.REPEAT -> show(conversation, reply, "step");
            case Intents.START_TIMER -> timer(conversation, reply);
            case Intents.DISCOMFORT -> {
                reply.say(Message.TEXT, phrases.text("discomfort", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case Intents.FEEDBACK_WORSE -> {
                // Getting worse as they go is a reason to ease off or stop now, not to wait for the check-in.
                reply.say(Message.TEXT, phrases.text("worse_mid_walk", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case Intents.FEEDBACK_BETTER -> {
                reply.say(Message.TEXT, phrases.text("better_mid_walk", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case Intents.DESCRIBE_SYMPTOM -> {
                reply.say(Message.TEXT, phrases.text("noted_mid_walk", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case Intents.REQUEST_TECHNIQUE, Intents.REQUEST_ROUTINE -> {
                if (!conversation.slots().containsKey(Slots.TECHNIQUE)
                        && !conversation.slots().containsKey(Slots.ROUTINE)) {
                    return false;
                }
                go.go(conversation, graph.first(NodeType.RECOMMEND).id(), reply);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** In a walk, "yes" and "next" mean the same: go on; a message torn between just those two means go on too. */
    private static boolean goOn(Understanding understanding) {
        var ranking = understanding.ranking();
        return ranking.size() > 1 && Set.of(Intents.NEXT, Intents.AFFIRM).containsAll(
                Set.of(ranking.get(0).name(), ranking.get(1).name()));
    }

    private void advance(Node node, Conversation conversation, Reply reply) {
        Technique technique = current(conversation);
        if (conversation.step() + 1 < technique.steps().size()) {
            conversation.step(conversation.step() + 1);
            show(conversation, reply, null);
        } else if (nextAllowed(conversation) >= 0) {
            conversation.planIndex(nextAllowed(conversation));
            conversation.step(firstStep(current(conversation), conversation));
            reply.say(Message.TEXT, phrases.text("next_technique", conversation,
                    Map.of("name", current(conversation).name())));
            show(conversation, reply, null);
        } else {
            reply.say(Message.TEXT, phrases.text("technique_done", conversation,
                    Map.of("name", technique.name())));
            go.go(conversation, node.next(), reply);
        }
    }

    /** The next technique of the plan that is still allowed (a caution may have been raised since), or -1. */
    private int nextAllowed(Conversation conversation) {
        for (int i = conversation.planIndex() + 1; i < conversation.plan().size(); i++) {
            if (recommender.allowed(techniques.get(conversation.plan().get(i)), conversation)) {
                return i;
            }
        }
        return -1;
    }

    private void back(Conversation conversation, Reply reply) {
        if (conversation.step() > 0) {
            conversation.step(conversation.step() - 1);
        } else if (conversation.planIndex() > 0) {
            conversation.planIndex(conversation.planIndex() - 1);
            conversation.step(current(conversation).steps().size() - 1);
        } else {
            reply.say(Message.TEXT, phrases.text("first_step", conversation, Map.of()));
        }
        show(conversation, reply, "step");
    }

    /** The side the user's tension is mostly on, "left" or "right", or null. */
    private static String sideOf(Conversation conversation) {
        Object side = conversation.slots().get(Slots.SIDE);
        return "left".equals(side) || "right".equals(side) ? (String) side : null;
    }

    private void timer(Conversation conversation, Reply reply) {
        Step step = current(conversation).steps().get(conversation.step());
        if (step.hasHold()) {
            reply.add(Message.timer(phrases.text("timer", conversation,
                    Map.of("duration", phrases.duration(step.holdSeconds(), conversation))), step.holdSeconds()));
            reply.offer(controls(conversation, step));
        } else {
            reply.say(Message.TEXT, phrases.text("no_timer", conversation, Map.of()));
            show(conversation, reply, "step");
        }
    }

    private String tools(Technique technique, Conversation conversation) {
        return technique.tools().isEmpty() ? phrases.text("no_tools", conversation)
                : String.join(", ", technique.tools().stream().map(phrases::tool).toList());
    }
}
