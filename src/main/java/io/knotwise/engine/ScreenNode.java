package io.knotwise.engine;

import io.knotwise.dialog.Payload;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Checklist;
import java.util.ArrayList;

/**
 * {@code screen}: the red-flag checklist, asked once before any technique (the navigator routes every way into a
 * technique through it). It is answered with "none of these", a group's button, or a flag in the user's own words;
 * it cannot be skipped.
 */
final class ScreenNode implements NodeBehaviour {

    private final Checklist checklist;
    private final Phrasebook phrases;
    private final GoTo go;

    ScreenNode(Checklist checklist, Phrasebook phrases, GoTo go) {
        this.checklist = checklist;
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
        if (moment.cautioned() || group || (understanding.confident() && intent.equals(Intents.DENY))) {
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

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.say(Message.TEXT, phrases.text("back_to_question", conversation));
        prompt(reply);
    }

    /** The checklist, with "none of these" and a button for each group. */
    private void prompt(Reply reply) {
        reply.say(Message.TEXT, checklist.text());
        var buttons = new ArrayList<QuickReply>();
        buttons.add(new QuickReply(checklist.noneTitle(), Payload.of(Intents.DENY)));
        checklist.groups().forEach(g -> buttons.add(
                new QuickReply(g.title(), Payload.of(Intents.AFFIRM, Slots.CHECKLIST, g.id()))));
        reply.offer(buttons);
    }
}
