package io.knotwise.engine;

import io.knotwise.content.Routine;
import io.knotwise.content.Technique;
import io.knotwise.content.TensionAdvice;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.Understanding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code recommend}: goes straight into a technique or routine the user asked for, or says which techniques fit and
 * why, with advice for the kind of tension, offering each as a button; then takes the user's choice. Stateless.
 */
final class RecommendNode implements NodeBehaviour {

    private static final int HIGH_SEVERITY = 7;
    /** The least time a plan of several techniques is offered for (the guides' sessions are about ten minutes). */
    private static final int PLAN_MINUTES = 10;

    private final Map<String, Technique> techniques;
    private final Map<String, Routine> routines;
    private final Map<String, TensionAdvice> tensionAdvice;
    private final Function<String, String> guideTitle;
    private final Phrasebook phrases;
    private final Recommender recommender;
    private final WalkNode walk;
    private final GoTo go;
    private final String self;

    /** @param self the id of the recommend node, where a choice made elsewhere is taken */
    RecommendNode(Map<String, Technique> techniques, Map<String, Routine> routines,
                  Map<String, TensionAdvice> tensionAdvice, Function<String, String> guideTitle, Phrasebook phrases,
                  Recommender recommender, WalkNode walk, GoTo go, String self) {
        this.techniques = techniques;
        this.routines = routines;
        this.tensionAdvice = tensionAdvice;
        this.guideTitle = guideTitle;
        this.phrases = phrases;
        this.recommender = recommender;
        this.walk = walk;
        this.go = go;
        this.self = self;
    }

    @Override
    public boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                         Reply reply) {
        return answer(conversation, understanding, reply);
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.say(Message.TEXT, phrases.text("back_to_question", conversation));
        enter(node, conversation, reply);
    }

    private boolean answer(Conversation conversation, Understanding understanding, Reply reply) {
        String intent = understanding.intent().name();
        if (conversation.slots().containsKey(Slots.TECHNIQUE) || conversation.slots().containsKey(Slots.ROUTINE)) {
            go.go(conversation, self, reply);
            return true;
        }
        if (understanding.entities().stream().anyMatch(e -> e.entity().equals(Slots.TOOL)
                || e.entity().equals(EntityExtractor.WITHOUT_TOOL))) {
            // "I live alone, no partner", "I found a tennis ball": what fits has changed, not a no to the list.
            go.go(conversation, self, reply);
            return true;
        }
        if (!understanding.confident()) {
            return false;
        }
        if (intent.equals(Intents.REQUEST_ROUTINE)) {
            conversation.slots().put(Slots.ROUTINE, Slots.ANY_ROUTINE);
            go.go(conversation, self, reply);
            return true;
        }
        if (intent.equals(Intents.AFFIRM) || intent.equals(Intents.REQUEST_TECHNIQUE)) {
            var best = recommender.recommend(conversation);
            if (best.isEmpty() || intent.equals(Intents.REQUEST_TECHNIQUE)) {
                go.go(conversation, self, reply);
            } else if (best.size() == 1) {
                walk.start(conversation, List.of(best.get(0).id()), reply);
            } else {
                // "ok" at a list of several means none of them yet: ask, rather than start the first.
                reply.say(Message.TEXT, phrases.text("choose_which", conversation, Map.of()));
                reply.offer(conversation.lastQuickReplies());
            }
            return true;
        }
        return false;
    }

    /** Offers what fits, or goes straight into the technique or routine the user asked for. */
    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        if (conversation.slots().remove(Slots.CHOSEN) instanceof List<?> chosen) {
            List<String> plan = recommender.feasible(chosen.stream().map(String::valueOf).toList(), conversation);
            if (!plan.isEmpty()) {
                walk.start(conversation, plan, reply);
                return null;
            }
            chosen.stream().map(id -> Optional.ofNullable(techniques.get(String.valueOf(id)))).flatMap(Optional::stream)
                    .findFirst().ifPresent(t -> reply.say(Message.TEXT,
                            phrases.text("technique_not_allowed", conversation, Map.of("name", t.name()))));
        }
        Object techniqueId = conversation.slots().remove(Slots.TECHNIQUE);
        Object routineId = conversation.slots().remove(Slots.ROUTINE);
        if (techniqueId != null) {
            var technique = Optional.ofNullable(techniques.get(String.valueOf(techniqueId)));
            if (technique.isPresent() && recommender.allowed(technique.get(), conversation)) {
                walk.start(conversation, List.of(technique.get().id()), reply);
                return null;
            }
            technique.ifPresent(t -> reply.say(Message.TEXT,
                    phrases.text("technique_not_allowed", conversation, Map.of("name", t.name()))));
        }
        if (routineId != null) {
            Routine routine = routineFor(String.valueOf(routineId), conversation);
            List<String> plan = recommender.feasible(routine.techniques(), conversation);
            if (!plan.isEmpty()) {
                String names = String.join(", ", plan.stream().map(id -> techniques.get(id).name()).toList());
                List<String> leftOut = routine.techniques().stream().filter(id -> !plan.contains(id))
                        .map(id -> techniques.get(id).name()).toList();
                // With techniques left out, the time is what is left, not the whole routine's.
                int minutes = leftOut.isEmpty() ? routine.minutes() : total(plan);
                reply.say(Message.TEXT, phrases.text("routine_intro", conversation, Map.of("name", routine.name(),
                        "plan", names, "minutes", minutes, "summary", routine.summary())));
                if (!leftOut.isEmpty()) {
                    // The routine announces all its techniques: say which are not done, and why, rather than skip.
                    reply.say(Message.TEXT, phrases.text("routine_left_out", conversation,
                            Map.of("names", String.join(", ", leftOut))));
                }
                walk.start(conversation, plan, reply);
                return null;
            }
        }
        conversation.node(node.id());
        offer(conversation, reply);
        return null;
    }

    /**
     * Occasional or accumulated tension, as the guides tell them apart: accumulated (weeks or more) advice, which
     * points to the full sequence, only for someone with the time for it.
     */
    private String tensionKind(Conversation conversation) {
        Object onset = conversation.slots().get(Slots.ONSET);
        Object minutes = conversation.slots().get(Slots.DURATION);
        boolean accumulated = "weeks".equals(onset) || "months".equals(onset);
        boolean time = !(minutes instanceof Integer m) || m >= routines.get("full_sequence").minutes();
        return accumulated && time ? "accumulated" : "occasional";
    }

    private Routine routineFor(String id, Conversation conversation) {
        Routine routine = routines.get(id);
        if (routine != null) {
            return routine;
        }
        List<String> plan = id.equals(Slots.PLAN) ? planFor(conversation) : List.of();
        if (!plan.isEmpty()) {
            int minutes = (Integer) conversation.slots().get(Slots.DURATION);
            return new Routine(Slots.PLAN, phrases.text("plan_name", conversation, Map.of("minutes", minutes)),
                    phrases.text("plan_summary", conversation), plan, total(plan), null);
        }
        return routines.get(tensionAdvice.get(tensionKind(conversation)).routine());
    }

    /**
     * A plan for the time the person has (at least {@value #PLAN_MINUTES} minutes): techniques in the guides' own
     * order (the full sequence, then the other self-massage techniques; with a partner, the partner session, whose
     * guide gives no order), those their tools and cautions allow, for as long as they fit the time. Empty when
     * fewer than two fit.
     */
    private List<String> planFor(Conversation conversation) {
        if (!(conversation.slots().get(Slots.DURATION) instanceof Integer budget) || budget < PLAN_MINUTES) {
            return List.of();
        }
        boolean partner = Slots.tools(conversation).contains("partner");
        var order = new ArrayList<String>(partner ? List.of() : routines.get("full_sequence").techniques());
        // With a partner: the session of the guide that sets it up once (its techniques share that set-up).
        techniques.values().stream()
                .filter(t -> partner ? t.setup() != null : t.performer().equals("self") && !order.contains(t.id()))
                .forEach(t -> order.add(t.id()));
        var plan = new ArrayList<String>();
        int used = 0;
        for (String id : recommender.feasible(order, conversation)) {
            int minutes = techniques.get(id).minutes().max();
            if (used + minutes <= budget) {
                plan.add(id);
                used += minutes;
            }
        }
        return plan.size() >= 2 ? List.copyOf(plan) : List.of();
    }

    private int total(List<String> plan) {
        return plan.stream().mapToInt(id -> techniques.get(id).minutes().max()).sum();
    }

    void offer(Conversation conversation, Reply reply) {
        List<Technique> best = recommender.recommend(conversation);
        if (conversation.slots().get(Slots.ONSET) != null && conversation.slots().putIfAbsent(Slots.ADVISED,
                true) == null) {
            // Said once: the advice for the kind of tension, fitted to the time the person has.
            var advice = tensionAdvice.get(tensionKind(conversation));
            var routine = routines.get(advice.routine());
            boolean lacksATool = routine != null && advice.withWhatTheyHave() != null
                    && recommender.feasible(routine.techniques(), conversation).size() < routine.techniques().size();
            reply.say(Message.TEXT, phrases.shaped(conversation,
                    lacksATool ? advice.withWhatTheyHave() : advice.text(), advice.cautions()));
        }
        if (conversation.slots().get(Slots.SEVERITY) instanceof Integer severity && severity >= HIGH_SEVERITY) {
            reply.say(Message.TEXT, phrases.text("high_severity", conversation, Map.of("severity", severity)));
        }
        if (best.isEmpty()) {
            reply.say(Message.TEXT, phrases.text("recommend_none", conversation, Map.of()));
        } else {
            var lines = new ArrayList<String>();
            lines.add(phrases.text("recommend_intro", conversation, Map.of()));
            for (int i = 0; i < best.size(); i++) {
                Technique t = best.get(i);
                lines.add(phrases.text("recommend_item", conversation, Map.of("index", i + 1, "name", t.name(),
                        "reason", reason(t, conversation), "guide", guideTitle.apply(t.source()))));
            }
            lines.add(phrases.text("recommend_choose", conversation, Map.of()));
            reply.say(Message.TEXT, String.join("\n", lines));
        }
        var buttons = new ArrayList<QuickReply>();
        best.forEach(t -> buttons.add(new QuickReply(t.name(),
                Payload.of(Intents.REQUEST_TECHNIQUE, Slots.TECHNIQUE, t.id()))));
        // After the numbered techniques, so that "2" is the second one listed.
        List<String> plan = planFor(conversation);
        if (!plan.isEmpty()) {
            int minutes = (Integer) conversation.slots().get(Slots.DURATION);
            reply.say(Message.TEXT, phrases.text("plan_offer", conversation, Map.of("minutes", minutes,
                    "plan", String.join(", ", plan.stream().map(id -> techniques.get(id).name()).toList()),
                    "total", total(plan))));
            buttons.add(new QuickReply(phrases.text("plan_name", conversation, Map.of("minutes", minutes)),
                    Payload.of(Intents.REQUEST_ROUTINE, Slots.ROUTINE, Slots.PLAN)));
        }
        routines.values().stream()
                .filter(r -> !recommender.feasible(r.techniques(), conversation).isEmpty()
                        && r.techniques().stream().allMatch(id -> recommender.allowed(techniques.get(id),
                                conversation)))
                .sorted(Comparator.comparingInt(r -> r.minutes()))
                .limit(1)
                .forEach(r -> buttons.add(new QuickReply(r.name(),
                        Payload.of(Intents.REQUEST_ROUTINE, Slots.ROUTINE, r.id()))));
        reply.offer(buttons);
    }

    private String reason(Technique technique, Conversation conversation) {
        Object area = conversation.slots().get(Slots.BODY_AREA);
        var parts = new ArrayList<String>();
        if (area != null && technique.bodyAreas().contains(area)) {
            parts.add(phrases.text("reason_area", conversation, Map.of()));
        } else {
            parts.add(phrases.text("reason_targets", conversation,
                    Map.of("targets", String.join(", ", technique.targets()))));
        }
        List<String> tools = technique.tools().stream().filter(t -> !t.equals("hands")).toList();
        parts.add(tools.isEmpty() ? phrases.text("reason_no_tools", conversation, Map.of())
                : phrases.text("reason_tools", conversation, Map.of("tools", String.join(", ",
                        tools.stream().map(phrases::tool).toList()))));
        parts.add(phrases.text("reason_minutes", conversation,
                Map.of("minutes", phrases.minutes(technique, conversation))));
        return String.join("; ", parts);
    }
}
