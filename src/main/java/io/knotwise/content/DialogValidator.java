package io.knotwise.content;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import io.knotwise.dialog.Responses;
import io.knotwise.safety.Category;
import io.knotwise.safety.Tier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a {@link Guidebook} as a whole: every target exists, every node is reachable, none is a dead end, every
 * intent is one the model knows, every technique has steps and a source, every name refers to something declared.
 * Each problem reads {@code file: node: message}.
 */
public final class DialogValidator {


    private final Set<String> knownIntents;
    private final Collection<String> requiredResponses;
    private final Collection<String> requiredIntents;
    private final Set<String> slots;
    private final Map<String, Map<String, List<String>>> lexicon;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param knownIntents the intents the trained model knows
     * @param requiredResponses the keys of responses.yml the engine says
     * @param lexicon the entity lexicon of models/entities.yml, whose values must name what dialogs/ declares
     */
    public DialogValidator(Collection<String> knownIntents, Collection<String> requiredResponses,
                           Collection<String> slots, Map<String, Map<String, List<String>>> lexicon) {
        this(knownIntents, requiredResponses, List.of(), slots, lexicon);
    }

    /**
     * @param requiredIntents the intents the engine branches on: each must be one the model knows
     * @param slots the slots the engine fills, which an {@code ask} node may ask for
     */
    public DialogValidator(Collection<String> knownIntents, Collection<String> requiredResponses,
                           Collection<String> requiredIntents, Collection<String> slots,
                           Map<String, Map<String, List<String>>> lexicon) {
        this.knownIntents = Set.copyOf(knownIntents);
        this.requiredResponses = List.copyOf(requiredResponses);
        this.requiredIntents = List.copyOf(requiredIntents);
        this.slots = Set.copyOf(slots);
        this.lexicon = Map.copyOf(lexicon);
    }

    /** Every problem found; empty when the guidebook is sound. */
    public List<String> validate(Guidebook book) {
        problems.clear();
        graph(book);
        catalogue(book);
        safety(book);
        cautions(book);
        requiredResponses.stream().filter(k -> !book.responses().has(k))
                .forEach(k -> problems.add("responses.yml: " + k + ": missing; the engine says it"));
        unusedResponses(book);
        requiredIntents.stream().filter(i -> !knownIntents.contains(i))
                .forEach(i -> problems.add("the engine branches on the intent '" + i
                        + "', which the model does not know"));
        book.intentTitles().keySet().forEach(i -> intent("intents.yml", "titles", i));
        lexicon(book);
        return List.copyOf(problems);
    }

    /** A response nothing says is a mistake waiting to happen: a typo in a key, or a node that was removed. */
    private void unusedResponses(Guidebook book) {
        var said = new HashSet<String>(requiredResponses);
        book.graph().nodes().values().stream().map(Node::say).filter(Objects::nonNull).forEach(said::add);
        book.graph().digressions().forEach(intent -> said.add("reply_" + intent));
        book.responses().keys().stream()
                .filter(k -> !said.contains(k.split(Responses.VARIANT, 2)[0]))
                .sorted()
                .forEach(k -> problems.add("responses.yml: " + k + ": never said (no node or engine step uses it)"));
    }

    private void lexicon(Guidebook book) {
        Map<String, Set<String>> declared = Map.of(
                "body_area", book.vocabulary().bodyAreas().keySet(),
                "tool", book.vocabulary().tools().keySet(),
                "technique", book.techniques().keySet(),
                "style", book.styles().keySet(),
                "routine", book.routines().keySet());
        lexicon.forEach((entity, values) -> {
            Set<String> known = declared.get(entity);
            if (known != null) {
                values.keySet().stream().filter(v -> !known.contains(v)).forEach(v -> problems.add(
                        "models/entities.yml: " + entity + ": '" + v + "' is not declared in dialogs/"));
            }
        });
    }

    private void graph(Guidebook book) {
        DialogGraph graph = book.graph();
        String global = graph.file();
        graph.commands().keySet().stream().filter(c -> !DialogGraph.COMMANDS.contains(c)).forEach(c -> problems.add(
                global + ": commands: " + c + ": not a command the engine carries out " + DialogGraph.COMMANDS));
        for (String special : new String[] {graph.start(), graph.escalation(), graph.paused(), graph.clarify(),
            graph.correction()}) {
            if (special == null || !graph.nodes().containsKey(special)) {
                problems.add(global + ": " + special + ": no such node");
            }
        }
        for (String id : List.of(String.valueOf(graph.escalation()), String.valueOf(graph.paused()))) {
            Node node = graph.nodes().get(id);
            if (node != null && node.type() != NodeType.ESCALATION) {
                problems.add(node.file() + ": " + id + ": must be of type escalation");
            }
        }
        Node clarify = graph.nodes().get(String.valueOf(graph.clarify()));
        if (clarify != null && clarify.type() != NodeType.CLARIFY) {
            problems.add(clarify.file() + ": " + clarify.id() + ": must be of type clarify");
        }
        exactlyOne(graph, NodeType.RECOMMEND);
        exactlyOne(graph, NodeType.WALK);
        graph.globalOn().forEach((intent, target) -> {
            intent(global, "on", intent);
            target(graph, global, "on." + intent, target);
        });
        graph.digressions().forEach(intent -> {
            intent(global, "digressions", intent);
            if (book.answers().answer(intent, "").isEmpty() && !book.responses().has("reply_" + intent)) {
                problems.add(global + ": digressions: " + intent + ": no answer in answers.yml and no reply_"
                        + intent + " in responses.yml");
            }
        });
        graph.nodes().values().forEach(node -> node(book, graph, node));
        reachable(graph);
    }

    private void exactlyOne(DialogGraph graph, NodeType type) {
        long count = graph.nodes().values().stream().filter(n -> n.type() == type).count();
        if (count != 1) {
            problems.add(graph.file() + ": the graph needs exactly one node of type "
                    + type.name().toLowerCase(Locale.ROOT) + ", has " + count);
        }
    }

    private void node(Guidebook book, DialogGraph graph, Node node) {
        String where = node.file() + ": " + node.id() + ": ";
        if (node.say() != null && !book.responses().has(node.say())) {
            problems.add(where + "says '" + node.say() + "', which is not in responses.yml");
        }
        boolean needsNext = node.type() != NodeType.CHOICE && node.type() != NodeType.ESCALATION
                && node.type() != NodeType.CLARIFY;
        if (needsNext && node.next() == null) {
            problems.add(where + "dead end: a " + node.type().name().toLowerCase(Locale.ROOT)
                    + " node needs next");
        }
        if (node.type() == NodeType.CHOICE && node.on().isEmpty()) {
            problems.add(where + "dead end: a choice node needs transitions under on");
        }
        if (node.type() == NodeType.ASK && !slots.contains(String.valueOf(node.slot()))) {
            problems.add(where + "asks for unknown slot '" + node.slot() + "' (known: "
                    + new TreeSet<>(slots) + ")");
        }
        if (node.next() != null) {
            target(graph, node.file(), node.id() + ": next", node.next());
        }
        node.on().forEach((intent, target) -> {
            intent(node.file(), node.id(), intent);
            target(graph, node.file(), node.id() + ": on." + intent, target);
        });
        for (QuickReply reply : node.quickReplies()) {
            intent(node.file(), node.id(), reply.payload().intent());
        }
    }

    private void target(DialogGraph graph, String file, String where, String target) {
        if (!graph.nodes().containsKey(target)) {
            problems.add(file + ": " + where + ": target '" + target + "' does not exist");
        }
    }

    private void intent(String file, String where, String intent) {
        if (!knownIntents.contains(intent)) {
            problems.add(file + ": " + where + ": intent '" + intent + "' is not one the model knows");
        }
    }

    private void reachable(DialogGraph graph) {
        var seen = new HashSet<String>();
        var queue = new ArrayDeque<String>();
        for (String root : new String[] {graph.start(), graph.escalation(), graph.paused(), graph.clarify(),
            graph.correction()}) {
            if (root != null && graph.nodes().containsKey(root)) {
                queue.add(root);
            }
        }
        graph.globalOn().values().stream().filter(graph.nodes()::containsKey).forEach(queue::add);
        graph.nodes().values().stream().filter(n -> n.type() == NodeType.WALK).map(Node::id).forEach(queue::add);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            Node node = graph.nodes().get(id);
            if (node.next() != null && graph.nodes().containsKey(node.next())) {
                queue.add(node.next());
            }
            node.on().values().stream().filter(graph.nodes()::containsKey).forEach(queue::add);
        }
        graph.nodes().values().stream().filter(n -> !seen.contains(n.id()))
                .forEach(n -> problems.add(n.file() + ": " + n.id() + ": unreachable from " + graph.start()));
    }

    private void catalogue(Guidebook book) {
        var areas = book.vocabulary().bodyAreas().keySet();
        var tools = book.vocabulary().tools().keySet();
        for (Technique t : book.catalogue()) {
            String where = "techniques/" + t.id() + ".yml: " + t.id() + ": ";
            if (t.steps().isEmpty()) {
                problems.add(where + "has no steps");
            }
            if (t.source() == null || !book.guides().containsKey(t.source())) {
                problems.add(where + "source '" + t.source() + "' is not a guide of guides.yml");
            }
            if (t.minutes() == null) {
                problems.add(where + "has no minutes");
            }
            if (!Set.of("self", "partner").contains(String.valueOf(t.performer()))) {
                problems.add(where + "performer must be self or partner");
            }
            if (!Set.of("light", "moderate", "firm").contains(String.valueOf(t.pressure()))) {
                problems.add(where + "pressure must be light, moderate or firm");
            }
            if (t.setup() != null && !book.setups().containsKey(t.setup())) {
                problems.add(where + "setup '" + t.setup() + "' is not in setups.yml");
            }
            t.bodyAreas().stream().filter(a -> !areas.contains(a))
                    .forEach(a -> problems.add(where + "body area '" + a + "' is not in vocabulary.yml"));
            t.tools().stream().filter(x -> !tools.contains(x))
                    .forEach(x -> problems.add(where + "tool '" + x + "' is not in vocabulary.yml"));
        }
        book.routines().values().forEach(r -> r.techniques().stream().filter(id -> !book.techniques().containsKey(id))
                .forEach(id -> problems.add("routines.yml: " + r.id() + ": technique '" + id + "' does not exist")));
        book.tensionAdvice().forEach((kind, advice) -> {
            if (advice.routine() == null || !book.routines().containsKey(advice.routine())) {
                problems.add("routines.yml: tension_advice." + kind + ": routine '" + advice.routine()
                        + "' does not exist");
            }
        });
        for (String kind : List.of("occasional", "accumulated")) {
            if (!book.tensionAdvice().containsKey(kind)) {
                problems.add("routines.yml: tension_advice: missing " + kind);
            }
        }
        book.styles().values().forEach(s -> s.sources().stream().filter(g -> !book.guides().containsKey(g))
                .forEach(g -> problems.add("styles.yml: " + s.id() + ": source '" + g + "' is not a guide")));
        book.answers().all().forEach(a -> a.sources().stream()
                .filter(g -> !book.guides().containsKey(g) && g.matches("[a-z_]+"))
                .forEach(g -> problems.add("answers.yml: " + a.id() + ": source '" + g + "' is not a guide id of "
                        + "guides.yml (a citation from SAFETY.md is written as its authors and year)")));
        book.answers().intents().forEach(i -> intent("answers.yml", "answers", i));
    }

    /**
     * Every answer, response and piece of advice about something a caution restricts (pressure, tools, lying on balls
     * or rollers, which techniques) has a variant for that caution, and every variant is for a caution category.
     */
    private void cautions(Guidebook book) {
        var cautions = book.safety().categories().stream().filter(c -> c.tier() == Tier.CAUTION).toList();
        var ids = cautions.stream().map(Category::id).collect(Collectors.toSet());
        for (Category c : book.safety().categories()) {
            String where = "safety/categories.yml: " + c.id() + ": ";
            c.restricts().stream().filter(s -> !Category.SUBJECTS.contains(s)).forEach(s -> problems.add(where
                    + "restricts '" + s + "', not one of " + new TreeSet<>(Category.SUBJECTS)));
            if (!c.restricts().isEmpty() && c.tier() != Tier.CAUTION) {
                problems.add(where + "only a caution category restricts answers (others stop or pause guidance)");
            }
            if (!c.excludedTools().isEmpty() && !c.restricts().containsAll(List.of("tools", "plan"))) {
                problems.add(where + "rules out tools, so it restricts tools and plan");
            }
            if (c.maxPressure() != null && !c.restricts().containsAll(List.of("pressure", "plan"))) {
                problems.add(where + "limits pressure, so it restricts pressure and plan");
            }
        }
        for (Answer a : book.answers().all()) {
            needsVariants("answers.yml: " + a.id(), a.about(), a.cautions().keySet(), cautions, ids);
        }
        book.tensionAdvice().forEach((kind, advice) -> needsVariants("routines.yml: tension_advice." + kind,
                List.of("plan"), advice.cautions().keySet(), cautions, ids));
        book.responses().about().forEach((key, about) -> {
            if (!book.responses().has(key)) {
                problems.add("responses.yml: about: " + key + ": no such response");
            }
            var variants = cautions.stream().map(Category::id)
                    .filter(id -> book.responses().has(key + Responses.VARIANT + id))
                    .collect(Collectors.toSet());
            needsVariants("responses.yml: " + key, about, variants, cautions, ids);
        });
        var tiers = Arrays.stream(Tier.values()).map(Tier::id).collect(Collectors.toSet());
        book.responses().keys().stream().filter(k -> k.contains(Responses.VARIANT)).forEach(k -> {
            String[] parts = k.split(Responses.VARIANT, 2);
            if (!book.responses().has(parts[0]) || !(ids.contains(parts[1]) || tiers.contains(parts[1]))) {
                problems.add("responses.yml: " + k + ": a variant needs a response '" + parts[0]
                        + "' and a caution category or a tier '" + parts[1] + "'");
            }
        });
        book.answers().escalationTiers().stream().filter(t -> Arrays.stream(Tier.values())
                .noneMatch(tier -> tier.id().equals(t))).forEach(t -> problems.add("answers.yml: after_escalation: "
                        + t + ": not a tier"));
        for (Tier tier : Tier.values()) {
            boolean answered = book.answers().escalationTiers().contains(tier.id());
            if (tier.stopsGuidance() != answered) {
                problems.add("answers.yml: after_escalation: " + tier.id() + (answered
                        ? ": does not stop guidance, so nothing is asked after it"
                        : ": missing; what the user asks after this tier needs plain, safe answers"));
            } else if (answered && book.answers().afterEscalation(tier.id(), "", true).isEmpty()) {
                problems.add("answers.yml: after_escalation: " + tier.id() + ": needs a default");
            }
        }
    }

    private void needsVariants(String where, List<String> about, Set<String> variants,
                               List<Category> cautions, Set<String> ids) {
        about.stream().filter(s -> !Category.SUBJECTS.contains(s)).forEach(s -> problems.add(where + ": about '" + s
                + "', not one of " + new TreeSet<>(Category.SUBJECTS)));
        variants.stream().filter(v -> !ids.contains(v))
                .forEach(v -> problems.add(where + ": a variant for '" + v + "', which is not a caution category"));
        for (Category c : cautions) {
            var restricted = about.stream().filter(c.restricts()::contains).toList();
            if (!restricted.isEmpty() && !variants.contains(c.id())) {
                problems.add(where + ": is about " + String.join(" and ", restricted) + ", which " + c.id()
                        + " restricts, but has no variant for it");
            }
        }
    }

    private void safety(Guidebook book) {
        var rules = book.safety();
        var ids = new HashSet<String>();
        rules.categories().forEach(c -> {
            if (!ids.add(c.id())) {
                problems.add("safety/categories.yml: " + c.id() + ": duplicate category");
            }
            if (c.terms().isEmpty() && c.allOf().isEmpty()) {
                problems.add("safety/categories.yml: " + c.id() + ": no terms and no combinations");
            }
            boolean unsure = !c.unsureTerms().isEmpty() || !c.unsureAllOf().isEmpty()
                    || c.highestTier().escalates();
            if (unsure && (c.clarify() == null || c.clarify().isBlank())) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": needs a clarify question (it can be asked about when"
                        + " the screen is unsure)");
            } else if (c.highestTier() == Tier.EMERGENCY && !c.clarify().contains("{number}")) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": the clarify question must already carry the emergency"
                        + " advice with {number}");
            }
            if (c.sources().isEmpty()) {
                problems.add("safety/categories.yml: " + c.id() + ": cites no sources");
            }
            if (c.tier() == Tier.CAUTION && (c.caution() == null || c.caution().isBlank())) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": a caution category needs the caution shown on steps");
            }
            c.excludedTools().stream().filter(t -> !book.vocabulary().tools().containsKey(t))
                    .forEach(t -> problems.add("safety/categories.yml: " + c.id() + ": excluded tool '" + t
                            + "' is unknown"));
            c.excludedTechniques().stream().filter(t -> !book.techniques().containsKey(t))
                    .forEach(t -> problems.add("safety/categories.yml: " + c.id() + ": excluded technique '" + t
                            + "' is not in the catalogue"));
        });
        rules.checklist().groups().forEach(g -> g.categories().stream().filter(c -> !ids.contains(c))
                .forEach(c -> problems.add("safety/checklist.yml: checklist." + g.id() + ": unknown category '" + c
                        + "'")));
        rules.midTechniqueStop().stream().filter(s -> !ids.contains(s.category()))
                .forEach(s -> problems.add("safety/categories.yml: mid_technique_stop: unknown category '" + s
                        .category() + "'"));
        for (Tier tier : Tier.values()) {
            if (!rules.tierTexts().containsKey(tier)) {
                problems.add("safety/advice.yml: tiers: missing " + tier.id());
            }
        }
        if (!rules.emergencyNumbers().containsKey("default")) {
            problems.add("safety/advice.yml: emergency_numbers: missing default");
        }
    }
}
