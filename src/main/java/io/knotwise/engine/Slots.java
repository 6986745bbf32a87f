package io.knotwise.engine;

import io.knotwise.BadInputException;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The slot names the engine fills from entities, and how entities are stored in them. */
final class Slots {

    static final String BODY_AREA = "body_area";
    static final String TOOL = "tool";
    static final String DURATION = "duration";
    static final String SEVERITY = "severity";
    static final String ONSET = "onset";
    static final String TECHNIQUE = "technique";
    static final String ROUTINE = "routine";
    static final String NUMBER = "number";
    /** A massage style named ("Swedish", "hot stones"): an entity the answers use, never a slot. */
    static final String STYLE = "style";
    /** The side the tension is mostly on ("left", "right", "both"). */
    static final String SIDE = "side";
    static final String CHECKLIST = "checklist";
    static final String SCREENED = "screened";
    /** The checklist's groups the user has ruled out one by one ("no chest pain or numbness"), before the rest. */
    static final String RULED_OUT = "ruled_out";
    /** What the user said that stopped the guidance, quoted back when they say they were misunderstood. */
    static final String STOPPED_BY = "stopped_by";
    /** The advice for the kind of tension has been given (it is said once per conversation). */
    static final String ADVISED = "advised";
    /** The techniques chosen before the checklist was answered: walked once it has been (as far as it allows). */
    static final String CHOSEN = "chosen";
    /** The entities a quick reply's payload may carry: what the NLU extracts, and what the guide's buttons send. */
    static final Set<String> PAYLOAD_ENTITIES = Set.of(BODY_AREA, SIDE, TOOL, DURATION,
            SEVERITY, ONSET, TECHNIQUE, ROUTINE, STYLE, NUMBER, CHECKLIST, "change");
    /** The slots an {@code ask} node of the dialog files may ask for (the validator checks them). */
    static final Set<String> ASKABLE = Set.of(BODY_AREA, ONSET, SEVERITY, TOOL, DURATION);
    /** The routine of a plan for the time the user has, made for them. */
    static final String PLAN = "for_my_time";
    /** The set-up (of partner techniques) already walked through in this conversation: said once. */
    static final String SET_UP = "set_up";
    /** A routine was asked for without saying which. */
    static final String ANY_ROUTINE = "any";

    private Slots() {
    }

    /**
     * Stores each entity of a message in its slot; tools accumulate, everything else keeps the latest value. A
     * technique or routine becomes the user's choice only when they asked for it, not when they asked about it.
     */
    static void fill(Conversation conversation, Understanding understanding) {
        Map<String, Object> slots = conversation.slots();
        String intent = understanding.intent().name();
        boolean choosing = intent.equals(Intents.REQUEST_TECHNIQUE) || intent.equals(Intents.REQUEST_ROUTINE);
        for (Entity entity : understanding.entities()) {
            boolean choice = entity.entity().equals(TECHNIQUE) || entity.entity().equals(ROUTINE)
                    || entity.entity().equals(STYLE);
            if (choice && !choosing) {
                continue;
            }
            if (entity.entity().equals(TOOL)) {
                store(conversation, TOOL, entity.value(), List.of(entity));
            } else if (entity.entity().equals(EntityExtractor.WITHOUT_TOOL)) {
                var tools = new ArrayList<>(tools(conversation));
                tools.remove(entity.value());
                slots.put(TOOL, List.copyOf(tools));
            } else if (!entity.entity().equals(NUMBER) && !entity.entity().equals(CHECKLIST)) {
                slots.put(entity.entity(), entity.value());
            }
        }
    }

    /**
     * A payload's entity value as the NLU would have given it: a whole number for duration, severity and number, text
     * for everything else. A quick reply's payload comes from the client, so anything else is a
     * {@link BadInputException}, not a value that breaks the turn later.
     */
    static Object payloadValue(String entity, Object value) {
        boolean numeric = entity.equals(DURATION) || entity.equals(SEVERITY) || entity.equals(NUMBER);
        if (numeric != value instanceof Integer) {
            throw new BadInputException("the payload entity \"" + entity + "\" must be "
                    + (numeric ? "a number" : "a string"));
        }
        return value;
    }

    /** Stores the answer to a slot's question: every tool named, or the one value. */
    static void store(Conversation conversation, String slot, Object value, List<Entity> entities) {
        if (!slot.equals(TOOL)) {
            conversation.slots().put(slot, value);
            return;
        }
        var tools = new ArrayList<>(tools(conversation));
        entities.stream().filter(e -> e.entity().equals(TOOL)).map(e -> (String) e.value())
                .filter(t -> !tools.contains(t)).forEach(tools::add);
        conversation.slots().put(TOOL, List.copyOf(tools));
    }

    /** Whether a message tells something about the problem: where, how long or how bad. */
    static boolean describesSymptoms(List<Entity> entities) {
        return entities.stream().anyMatch(e -> e.entity().equals(BODY_AREA) || e.entity().equals(ONSET)
                || e.entity().equals(SEVERITY));
    }

    @SuppressWarnings("unchecked")
    static List<String> tools(Conversation conversation) {
        Object tools = conversation.slots().get(TOOL);
        return tools instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The value an entity of a message gives a slot, taking a bare number for a numeric slot. */
    static Object valueFor(String slot, List<Entity> entities) {
        for (Entity entity : entities) {
            if (entity.entity().equals(slot)) {
                return entity.value();
            }
        }
        if (slot.equals(SEVERITY) || slot.equals(DURATION)) {
            for (Entity entity : entities) {
                if (entity.entity().equals(NUMBER)
                        && (!slot.equals(SEVERITY) || (Integer) entity.value() <= 10)) {
                    return entity.value();
                }
            }
        }
        return null;
    }
}
