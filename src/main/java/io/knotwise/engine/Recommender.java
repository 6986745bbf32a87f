package io.knotwise.engine;

import io.knotwise.content.Technique;
import io.knotwise.safety.Category;
import io.knotwise.safety.SafetyRules;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the techniques that fit a conversation: allowed by its cautions, possible with the user's tools and time,
 * best first for the area they named. Stateless and thread-safe.
 */
final class Recommender {

    /** Tools everybody has, so they never rule a technique out. */
    private static final Set<String> ALWAYS_AT_HAND = Set.of("hands", "wall", "towel");
    /** What a partner massage also needs, found in any home where there is a partner to give it: oil, a bed. */
    private static final Set<String> PARTNER_SESSION = Set.of("oil", "bed_or_mat");
    private static final List<String> PRESSURES = List.of("light", "moderate", "firm");
    private static final int SHOWN = 3;

    private final Map<String, Technique> techniques;
    private final SafetyRules safety;

    Recommender(Map<String, Technique> techniques, SafetyRules safety) {
        this.techniques = techniques;
        this.safety = safety;
    }

    /** The best few techniques for what the user said, honouring every raised caution. */
    List<Technique> recommend(Conversation conversation) {
        String area = (String) conversation.slots().get(Slots.BODY_AREA);
        return techniques.values().stream()
                .filter(t -> allowed(t, conversation) && fitsTools(t, conversation) && fitsTime(t, conversation))
                .sorted(Comparator.comparingDouble((Technique t) -> score(t, area, conversation)).reversed())
                .limit(SHOWN)
                .toList();
    }

    /** Whether the raised cautions (tools to avoid, highest pressure) allow a technique. */
    boolean allowed(Technique technique, Conversation conversation) {
        for (String flag : conversation.flags()) {
            Category category = safety.category(flag).orElse(null);
            if (category == null) {
                continue;
            }
            if (technique.tools().stream().anyMatch(category.excludedTools()::contains)
                    || category.excludedTechniques().contains(technique.id())) {
                return false;
            }
            if (category.maxPressure() != null
                    && PRESSURES.indexOf(technique.pressure()) > PRESSURES.indexOf(category.maxPressure())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the user has what the technique needs; unknown tools rule out only partner techniques' partner. */
    boolean fitsTools(Technique technique, Conversation conversation) {
        List<String> tools = Slots.tools(conversation);
        if (tools.isEmpty()) {
            return true;
        }
        return technique.tools().stream().allMatch(t -> ALWAYS_AT_HAND.contains(t) || tools.contains(t)
                || (PARTNER_SESSION.contains(t) && tools.contains("partner")));
    }

    private static boolean fitsTime(Technique technique, Conversation conversation) {
        Object minutes = conversation.slots().get(Slots.DURATION);
        return !(minutes instanceof Integer available) || technique.minutes() == null
                || technique.minutes().min() <= available;
    }

    private static double score(Technique technique, String area, Conversation conversation) {
        double score = 0;
        if (area != null) {
            int at = technique.bodyAreas().indexOf(area);
            score += at == 0 ? 3 : at > 0 ? 2 : technique.bodyAreas().contains("upper_back") ? 1 : 0;
        }
        if (technique.kind().equals("massage")) {
            score += 0.5;
        }
        boolean hasPartner = Slots.tools(conversation).contains("partner");
        if (technique.performer().equals("partner") != hasPartner) {
            score -= 1;
        }
        List<String> tools = Slots.tools(conversation);
        score += 0.25 * technique.tools().stream().filter(tools::contains).count();
        return score;
    }

    /** Techniques of a plan that the user can do now, in order. */
    List<String> feasible(List<String> plan, Conversation conversation) {
        Map<String, Technique> all = techniques;
        return plan.stream()
                .filter(all::containsKey)
                .filter(id -> allowed(all.get(id), conversation) && fitsTools(all.get(id), conversation))
                .toList();
    }
}
