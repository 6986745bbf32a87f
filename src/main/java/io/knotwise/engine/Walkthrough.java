package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.content.Step;
import io.knotwise.content.Technique;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Walks a conversation through a technique, or the techniques of a routine, one step at a time. Stateless. */
final class Walkthrough {

    private static final int MISTAKES_SHOWN = 3;

    private final Guidebook book;
    private final Navigator navigator;

    Walkthrough(Guidebook book, Navigator navigator) {
        this.book = book;
        this.navigator = navigator;
    }

    /** Starts walking through a plan of techniques from its first step. */
    void start(Conversation conversation, List<String> plan, Reply reply) {
        conversation.plan(plan);
        navigator.enter(conversation, book.graph().first(NodeType.WALK).id(), reply);
    }

    Technique current(Conversation conversation) {
        return book.techniques().get(conversation.plan().get(conversation.planIndex()));
    }

    TurnState state(Conversation conversation) {
        Node node = book.graph().node(conversation.node());
        if (node.type() != NodeType.WALK || conversation.plan().isEmpty()) {
            return new TurnState(node.id(), null, null, null);
        }
        Technique technique = current(conversation);
        return new TurnState(node.id(), technique.id(), conversation.step() + 1, technique.steps().size());
    }

    /** Shows the current step; {@code template} null means "as new" (with the technique's introduction first). */
    void show(Conversation conversation, Reply reply, String template) {
        Technique technique = current(conversation);
        Step step = technique.steps().get(conversation.step());
        if (template == null && conversation.step() == 0) {
            reply.say(Message.TEXT, navigator.text("technique_intro", conversation, Map.of(
                    "name", technique.name(), "summary", technique.summary(), "tools", tools(technique, conversation),
                    "minutes", navigator.minutes(technique, conversation), "guide", book.guideTitle(technique.source()))));
        }
        String text = navigator.text(template == null ? "step" : template, conversation, Map.of(
                "step", conversation.step() + 1, "total", technique.steps().size(), "text", step.text()));
        reply.add(new Message(Message.STEP, text, step.holdSeconds(), null));
        if (conversation.tier() == Tier.CAUTION) {
            conversation.flags().stream().map(id -> book.safety().category(id)).flatMap(java.util.Optional::stream)
                    .filter(c -> c.tier() == Tier.CAUTION && c.caution() != null)
                    .forEach(c -> reply.say(Message.WARNING, c.caution()));
        }
        reply.offer(controls(conversation, step));
    }

    private List<QuickReply> controls(Conversation conversation, Step step) {
        var intents = new ArrayList<String>();
        intents.add("next");
        if (conversation.step() > 0 || conversation.planIndex() > 0) {
            intents.add("back");
        }
        intents.add("repeat");
        if (step.hasHold()) {
            intents.add("start_timer");
        }
        intents.add("stop");
        return intents.stream().map(i -> new QuickReply(book.intentTitles().get(i), "/" + i)).toList();
    }

    /** Reacts to a message while a technique is walked through; false leaves it to the general rules. */
    boolean answer(Node node, Conversation conversation, Understanding understanding, Reply reply) {
        if (!understanding.confident() && !goOn(understanding)) {
            return false;
        }
        switch (goOn(understanding) ? "next" : understanding.intent().name()) {
            case "next", "affirm" -> advance(node, conversation, reply);
            case "back" -> back(conversation, reply);
            case "repeat" -> show(conversation, reply, "step");
            case "start_timer" -> timer(conversation, reply);
            case "discomfort" -> {
                reply.say(Message.TEXT, navigator.text("discomfort", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case "describe_symptom", "feedback_better", "feedback_worse" -> {
                reply.say(Message.TEXT, navigator.text("noted_mid_walk", conversation, Map.of()));
                show(conversation, reply, "back_to_step");
            }
            case "request_technique", "request_routine" -> {
                if (!conversation.slots().containsKey(Slots.TECHNIQUE)
                        && !conversation.slots().containsKey(Slots.ROUTINE)) {
                    return false;
                }
                navigator.enter(conversation, navigator.recommendNode(), reply);
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
        return ranking.size() > 1 && Set.of("next", "affirm").containsAll(
                Set.of(ranking.get(0).name(), ranking.get(1).name()));
    }

    private void advance(Node node, Conversation conversation, Reply reply) {
        Technique technique = current(conversation);
        if (conversation.step() + 1 < technique.steps().size()) {
            conversation.step(conversation.step() + 1);
            show(conversation, reply, null);
        } else if (nextAllowed(conversation) >= 0) {
            conversation.planIndex(nextAllowed(conversation));
            conversation.step(0);
            reply.say(Message.TEXT, navigator.text("next_technique", conversation,
                    Map.of("name", current(conversation).name())));
            show(conversation, reply, null);
        } else {
            reply.say(Message.TEXT, navigator.text("technique_done", conversation,
                    Map.of("name", technique.name())));
            navigator.enter(conversation, node.next(), reply);
        }
    }

    /** The next technique of the plan that is still allowed (a caution may have been raised since), or -1. */
    private int nextAllowed(Conversation conversation) {
        for (int i = conversation.planIndex() + 1; i < conversation.plan().size(); i++) {
            if (navigator.recommender().allowed(book.techniques().get(conversation.plan().get(i)), conversation)) {
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
            reply.say(Message.TEXT, navigator.text("first_step", conversation, Map.of()));
        }
        show(conversation, reply, "step");
    }

    private void timer(Conversation conversation, Reply reply) {
        Step step = current(conversation).steps().get(conversation.step());
        if (step.hasHold()) {
            reply.add(new Message(Message.TEXT, navigator.text("timer", conversation,
                    Map.of("seconds", step.holdSeconds())), null, step.holdSeconds()));
            reply.offer(controls(conversation, step));
        } else {
            reply.say(Message.TEXT, navigator.text("no_timer", conversation, Map.of()));
            show(conversation, reply, "step");
        }
    }

    /** The wrap-up: how it went, how often, the technique's common mistakes, when to see a professional. */
    void wrapUp(Node node, Conversation conversation, Reply reply) {
        navigator.say(node, conversation, reply);
        Technique technique = conversation.plan().isEmpty() ? null
                : book.techniques().get(conversation.plan().get(0));
        String mistakes = technique == null ? "" : String.join("\n- ",
                technique.mistakes().subList(0, Math.min(MISTAKES_SHOWN, technique.mistakes().size())));
        String frequency = book.answers().answer("ask_frequency", "")
                .map(a -> navigator.shaped(conversation, a.text(), a.cautions())).orElse("");
        reply.say(Message.SUMMARY, navigator.text("wrapup_summary", conversation, Map.of(
                "name", technique == null ? "" : technique.name(), "frequency", frequency, "mistakes", mistakes)));
    }

    private String tools(Technique technique, Conversation conversation) {
        return technique.tools().isEmpty() ? navigator.text("no_tools", conversation, Map.of())
                : String.join(", ", technique.tools().stream()
                        .map(t -> book.vocabulary().tools().getOrDefault(t, t)).toList());
    }

}
