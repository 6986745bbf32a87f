package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.knotwise.RealGuide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every conversation script of {@code src/test/conversations/} against the real dialogs and the committed
 * model: each user turn, then the node, intent, technique, step, triage and kinds of message expected after it.
 */
class ConversationScriptsTest {

    private static final Path SCRIPTS = Path.of("src/test/conversations");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record ScriptFile(String version, List<Script> conversations) {
    }

    record Script(String name, String locale, List<Step> turns) {
    }

    /** One user turn and what must be true after it; every expectation is optional. */
    record Step(String user, String payload, String intent, String node, String technique, Integer step,
                String triage, List<String> kinds, List<String> flags, String says, Boolean quickReplies) {
    }

    @TestFactory
    Stream<DynamicTest> everyScriptPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCRIPTS)) {
            files = list.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().flatMap(file -> {
            try {
                ScriptFile scripts = YAML.readValue(file.toFile(), ScriptFile.class);
                return scripts.conversations().stream().map(script -> DynamicTest.dynamicTest(
                        file.getFileName() + ": " + script.name(), () -> run(script)));
            } catch (IOException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        });
    }

    /** What the guide says when it did not follow: never the same one twice in a row, in any script. */
    private static final Set<String> FALLBACKS = fallbacks();

    private static Set<String> fallbacks() {
        var responses = RealGuide.guide().book().responses();
        var texts = new HashSet<String>();
        for (String key : List.of("fallback", "fallback_plain", "not_here", "out_of_scope", "ask_again", "stuck")) {
            for (int seed = 0; seed < 8; seed++) {
                texts.add(responses.text(key, seed, Map.of()));
            }
        }
        return Set.copyOf(texts);
    }

    private static void run(Script script) {
        Engine engine = RealGuide.guide().engine();
        String id = engine.start(script.locale() == null ? "en-GB" : script.locale()).conversationId();
        int number = 0;
        Set<String> fellBack = Set.of();
        for (Step step : script.turns()) {
            number++;
            Turn turn = engine.handle(id, step.payload() != null ? Input.payload(step.payload()) : Input.text(step
                    .user()));
            String where = "turn " + number + " (" + (step.user() != null ? step.user() : step.payload()) + ")";
            Set<String> now = turn.messages().stream().map(Message::text).filter(FALLBACKS::contains)
                    .collect(Collectors.toSet());
            Set<String> previous = fellBack;
            assertThat(now).as(where + ": the same fallback twice in a row").noneMatch(previous::contains);
            fellBack = now;
            if (step.intent() != null) {
                assertThat(turn.nlu().intent().name()).as(where + " intent").isEqualTo(step.intent());
            }
            if (step.node() != null) {
                assertThat(turn.state().node()).as(where + " node").isEqualTo(step.node());
            }
            if (step.technique() != null) {
                assertThat(turn.state().technique()).as(where + " technique").isEqualTo(step.technique());
            }
            if (step.step() != null) {
                assertThat(turn.state().step()).as(where + " step").isEqualTo(step.step());
            }
            if (step.triage() != null) {
                String tier = turn.triage() == null ? "none" : turn.triage().tier().id();
                assertThat(tier).as(where + " triage").isEqualTo(step.triage());
            }
            if (step.flags() != null) {
                assertThat(turn.triage() == null ? List.of() : turn.triage().flags()).as(where + " flags")
                        .containsAll(step.flags());
            }
            if (step.kinds() != null) {
                assertThat(turn.messages().stream().map(Message::kind)).as(where + " message kinds")
                        .containsAll(step.kinds());
            }
            if (step.says() != null) {
                assertThat(turn.messages().stream().map(Message::text)).as(where + " messages")
                        .anyMatch(text -> text.toLowerCase().contains(step.says().toLowerCase()));
            }
            if (step.quickReplies() != null) {
                assertThat(turn.quickReplies().isEmpty()).as(where + " quick replies").isEqualTo(!step.quickReplies());
            }
        }
    }
}
