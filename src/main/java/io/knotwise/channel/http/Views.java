package io.knotwise.channel.http;

import io.knotwise.content.Technique;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.Message;
import io.knotwise.engine.StepView;
import io.knotwise.engine.Triage;
import io.knotwise.engine.Turn;
import io.knotwise.engine.TurnState;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API contract (docs/API.md), built from engine values; keys in insertion order, nulls kept
 * where the contract shows them.
 */
final class Views {

    private Views() {
    }

    static Map<String, Object> turn(Turn turn) {
        var json = new LinkedHashMap<String, Object>();
        json.put("conversation_id", turn.conversationId());
        json.put("messages", turn.messages().stream().map(Views::message).toList());
        json.put("quick_replies", turn.quickReplies().stream()
                .map(q -> Map.of("title", q.title(), "payload", q.payload().text())).toList());
        json.put("state", state(turn.state()));
        json.put("triage", triage(turn.triage(), turn.state()));
        json.put("nlu", turn.nlu() == null ? null : nlu(turn.nlu(), turn.redFlags()));
        return json;
    }

    private static Map<String, Object> message(Message message) {
        var json = new LinkedHashMap<String, Object>();
        json.put("kind", message.kind());
        json.put("text", message.text());
        if (message.holdSeconds() != null) {
            json.put("hold_seconds", message.holdSeconds());
        }
        if (message.timerSeconds() != null) {
            json.put("timer_seconds", message.timerSeconds());
        }
        if (message.step() != null) {
            json.put("step", step(message.step()));
        }
        return json;
    }

    static Map<String, Object> state(TurnState state) {
        var json = new LinkedHashMap<String, Object>();
        json.put("node", state.node());
        if (state.technique() != null) {
            json.put("technique", state.technique());
            json.put("step", state.step());
            json.put("total_steps", state.totalSteps());
        }
        return json;
    }

    private static Map<String, Object> step(StepView step) {
        var json = new LinkedHashMap<String, Object>();
        json.put("number", step.number());
        json.put("total", step.total());
        json.put("instruction", step.instruction());
        json.put("hold_seconds", step.holdSeconds());
        json.put("repetitions", step.repetitions());
        json.put("side", step.side());
        json.put("body_areas", step.bodyAreas().stream().map(a -> Map.of("id", a.id(), "name", a.name())).toList());
        return json;
    }

    /** The triage, with its headline and who it sends the user to (from the state) once there is one. */
    private static Map<String, Object> triage(Triage triage, TurnState state) {
        if (triage == null) {
            return null;
        }
        var json = new LinkedHashMap<String, Object>();
        json.put("tier", triage.tier().id());
        json.put("flags", triage.flags());
        if (state != null && state.advice() != null) {
            json.put("headline", state.advice().headline());
            json.put("emergency_number", state.advice().emergencyNumber());
            json.put("urgent_contact", state.advice().urgentContact());
        }
        return json;
    }

    private static Map<String, Object> nlu(Understanding understanding, List<RedFlag> flags) {
        var json = new LinkedHashMap<String, Object>();
        json.put("intent", intent(understanding.decided()));
        json.put("red_flags", redFlags(flags));
        return json;
    }

    static Map<String, Object> parse(Understanding understanding, List<RedFlag> flags) {
        var json = new LinkedHashMap<String, Object>();
        json.put("text", understanding.text());
        json.put("intent", intent(understanding.decided()));
        json.put("intent_ranking", understanding.ranking().stream().map(Views::intent).toList());
        json.put("entities", understanding.entities().stream().map(Views::entity).toList());
        json.put("red_flags", redFlags(flags));
        json.put("out_of_scope", understanding.outOfScope());
        return json;
    }

    private static Map<String, Object> intent(IntentScore score) {
        var json = new LinkedHashMap<String, Object>();
        json.put("name", score.name());
        json.put("confidence", Math.round(score.confidence() * 10_000) / 10_000.0);
        return json;
    }

    private static Map<String, Object> entity(Entity entity) {
        var json = new LinkedHashMap<String, Object>();
        json.put("entity", entity.entity());
        json.put("value", entity.value());
        json.put("start", entity.start());
        json.put("end", entity.end());
        return json;
    }

    private static List<Map<String, Object>> redFlags(List<RedFlag> flags) {
        return flags.stream().map(f -> {
            var json = new LinkedHashMap<String, Object>();
            json.put("id", f.id());
            json.put("tier", f.tier().id());
            return (Map<String, Object>) json;
        }).toList();
    }

    static Map<String, Object> conversation(Conversation conversation, TurnState state) {
        var json = new LinkedHashMap<String, Object>();
        var last = new LinkedHashMap<String, Object>();
        last.put("messages", conversation.lastMessages().stream().map(Views::message).toList());
        last.put("quick_replies", conversation.lastQuickReplies().stream()
                .map(q -> Map.of("title", q.title(), "payload", q.payload().text())).toList());
        last.put("state", state(state));
        last.put("triage", triage(conversation.triage(), state));
        json.put("conversation_id", conversation.id());
        json.put("state", state(state));
        json.put("triage", triage(conversation.triage(), state));
        json.put("transcript", conversation.transcript().stream().map(e -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("from", e.from());
            entry.put("kind", e.kind());
            entry.put("text", e.text());
            entry.put("at", e.at().toString());
            return entry;
        }).toList());
        json.put("last_turn", last);
        return json;
    }

    /** A technique as the catalogue lists it; with {@code steps} when one technique is asked for. */
    static Map<String, Object> technique(Technique t, String guideTitle, boolean withSteps) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", t.id());
        json.put("name", t.name());
        json.put("performer", t.performer());
        json.put("kind", t.kind());
        json.put("summary", t.summary());
        json.put("body_areas", t.bodyAreas());
        json.put("targets", t.targets());
        json.put("tools", t.tools());
        json.put("minutes", Map.of("min", t.minutes().min(), "max", t.minutes().max()));
        json.put("pressure", t.pressure());
        json.put("source", Map.of("id", t.source(), "title", guideTitle));
        json.put("total_steps", t.steps().size());
        if (withSteps) {
            json.put("steps", t.steps().stream().map(s -> {
                var step = new LinkedHashMap<String, Object>();
                step.put("text", s.text(null));
                if (s.holdSeconds() != null) {
                    step.put("hold_seconds", s.holdSeconds());
                }
                if (s.repetitions() != null) {
                    step.put("repetitions", s.repetitions());
                }
                return step;
            }).toList());
            json.put("mistakes", t.mistakes());
            json.put("cautions", t.cautions());
        }
        return json;
    }
}
