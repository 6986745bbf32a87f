package io.knotwise.engine;

import io.knotwise.content.AnswerBook;
import io.knotwise.content.Technique;
import io.knotwise.dialog.Node;
import java.util.Map;

/**
 * {@code wrapup}: sums up after a technique: how it went, how often (as the raised cautions shape it), the
 * technique's common mistakes, when to see a professional; then moves on to {@code next}.
 */
final class WrapupNode implements NodeBehaviour {

    private static final int MISTAKES_SHOWN = 3;

    private final Map<String, Technique> techniques;
    private final AnswerBook answers;
    private final Phrasebook phrases;

    WrapupNode(Map<String, Technique> techniques, AnswerBook answers, Phrasebook phrases) {
        this.techniques = techniques;
        this.answers = answers;
        this.phrases = phrases;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        phrases.say(node, conversation, reply);
        Technique technique = conversation.plan().isEmpty() ? null : techniques.get(conversation.plan().get(0));
        String mistakes = technique == null ? "" : String.join("\n- ",
                technique.mistakes().subList(0, Math.min(MISTAKES_SHOWN, technique.mistakes().size())));
        String frequency = answers.answer(Intents.ASK_FREQUENCY, "")
                .map(a -> phrases.shaped(conversation, a.text(), a.cautions())).orElse("");
        reply.say(Message.SUMMARY, phrases.text("wrapup_summary", conversation, Map.of(
                "name", technique == null ? "" : technique.name(), "frequency", frequency, "mistakes", mistakes)));
        return node.next();
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        phrases.say(node, conversation, reply);
    }
}
