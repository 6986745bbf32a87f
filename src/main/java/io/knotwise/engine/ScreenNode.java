package io.knotwise.engine;

import io.knotwise.dialog.Node;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Checklist;
import io.knotwise.safety.ChecklistGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code screen}: the red-flag checklist, asked once before any technique (the navigator routes every way into a
 * technique through it). It is answered with "none of these", a group's button, or a flag in the user's own words;
 * it cannot be skipped. An answer that rules out only some items ("no chest pain or numbness") is asked about the
 * rest once before it counts as "none of these".
 */
final class ScreenNode implements NodeBehaviour {

    private final Checklist checklist;
    private final Function<String, Set<String>> denials;
    private final Phrasebook phrases;
    private final GoTo go;

    /** @param denials the red-flag categories a message denies */
    ScreenNode(Checklist checklist, Function<String, Set<String>> denials, Phrasebook phrases, GoTo go) {
        this.checklist = checklist;
        this.denials = denials;
        this.phrases = phrases;
        this.go = go;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        if (conversation.slots().containsKey(Slots.SCREENED)) {
            return node.next();
        }
        prompt(reply);
        return null;
    }

    @Override
    public boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                         Reply reply) {
        String intent = understanding.intent().name();
        boolean group = understanding.entities().stream().anyMatch(e -> e.entity().equals(Slots.CHECKLIST)
                && checklist.group(String.valueOf(e.value())).isPresent());
        // A checklist item denied in the user's words ("no chest pain and no numbness") answers the checklist however
        // the intent model reads the sentence.
        Set<String> denied = denials.apply(understanding.text());
        boolean denial = understanding.confident() && intent.equals(Intents.DENY) || !denied.isEmpty();
        if (denial && !moment.cautioned() && !group
                && asksAboutTheRest(conversation, understanding.text(), denied, reply)) {
            return true;
        }
        if (moment.cautioned() || group || denial) {
            conversation.slots().put(Slots.SCREENED, true);
            boolean noted = moment.cautioned() || group || !phrases.cautions(conversation).isEmpty();
            reply.say(Message.TEXT, phrases.text(noted ? "screen_noted" : "screen_clear", conversation));
            go.go(conversation, node.next(), reply);
            return true;
        }
        if (understanding.confident() && intent.equals(Intents.AFFIRM)) {
            reply.say(Message.TEXT, phrases.text("screen_which", conversation));
            prompt(reply);
            return true;
        }
        if (understanding.confident() && intent.equals(Intents.NEXT)) {
            // The one question that cannot be skipped: say why, with its buttons.
            reply.say(Message.TEXT, phrases.text("screen_required", conversation));
            prompt(reply);
            return true;
        }
        return false;
    }

    /**
     * Whether a denial ruled out only some groups, the first time: then the guide names the rest and asks about them,
     * with their buttons.
     */
    private boolean asksAboutTheRest(Conversation conversation, String text, Set<String> denied, Reply reply) {
        if (conversation.slots().containsKey(Slots.RULED_OUT)
                || checklist.deniesAll(List.of(TextNormalizer.words(text)))) {
            return false;
        }
        List<ChecklistGroup> rest = checklist.groups().stream()
                .filter(g -> g.categories().stream().noneMatch(denied::contains)).toList();
        if (rest.size() == checklist.groups().size() || rest.isEmpty()) {
            return false;
        }
        conversation.slots().put(Slots.RULED_OUT, checklist.groups().stream().filter(g -> !rest.contains(g))
                .map(ChecklistGroup::id).toList());
        reply.say(Message.TEXT, phrases.text("screen_rest", conversation, Map.of("rest",
                String.join("; ", rest.stream().map(g -> g.title().toLowerCase(Locale.ROOT)).toList()))));
        reply.offer(buttons(rest));
        return true;
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.say(Message.TEXT, phrases.text("back_to_question", conversation));
        prompt(reply);
    }

    /** The checklist, with "none of these" and a button for each group. */
    private void prompt(Reply reply) {
        reply.say(Message.TEXT, checklist.text());
        reply.offer(buttons(checklist.groups()));
    }

    /** "None of these", then a button for each of the groups. */
    private List<QuickReply> buttons(List<ChecklistGroup> groups) {
        var buttons = new ArrayList<QuickReply>();
        buttons.add(new QuickReply(checklist.noneTitle(), Payload.of(Intents.DENY)));
        groups.forEach(g -> buttons.add(
                new QuickReply(g.title(), Payload.of(Intents.AFFIRM, Slots.CHECKLIST, g.id()))));
        return buttons;
    }
}
