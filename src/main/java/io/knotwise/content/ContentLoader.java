package io.knotwise.content;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.knotwise.InvalidDataException;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.Responses;
import io.knotwise.safety.SafetyCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads every file of {@code dialogs/} into a {@link Guidebook}. Unknown keys and missing files are errors, each
 * reported as {@code file: message}, all at once.
 */
public final class ContentLoader {

    private final Path root;
    private final ObjectMapper yaml = yamlReader();
    /** Written by the safety files' reader thread too. */
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** The version of the dialog files' format that this loader reads. */
    static final String VERSION = "1";
    /** The red-flag screen's folder: one file per concern, read as one, and its concept layer beside them. */
    private static final String SAFETY = "safety";
    private static final String CONCEPTS = "concepts.yml";

    private ContentLoader(Path root) {
        this.root = root;
    }

    /**
     * A reader of the files' YAML. Each thread that reads gets its own: a mapper makes the readers of its types under
     * one lock, which kept the main thread waiting about 90 ms of a start-up for the safety files' threads.
     */
    private static ObjectMapper yamlReader() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addMixIn(Payload.class, FileFormats.PayloadForm.class)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // A null in a list or map ("- ~", "key: [~]") is a mistake in the file, not a value to stumble on.
                .setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    }

    /** Loads {@code dialogs/} (or any folder laid out like it); throws with every problem found. */
    public static Guidebook load(Path root) {
        return new ContentLoader(root).load();
    }

    /** Reads the red-flag test corpus (a file laid out like {@code models/safety/fitted-corpus.yml}). */
    public static SafetyCorpus loadCorpus(Path file) {
        var loader = new ContentLoader(file.getParent());
        FileFormats.CorpusFile corpus = loader.read(file.getFileName().toString(), FileFormats.CorpusFile.class);
        if (!loader.problems.isEmpty()) {
            throw new InvalidDataException(loader.problems);
        }
        return corpus.toCorpus();
    }

    private Guidebook load() {
        // The safety files are most of the YAML: read on another core while this one reads the rest.
        var safetyFiles = CompletableFuture.supplyAsync(() -> readMerged(yamlReader(), SAFETY,
                FileFormats.SafetyFile.class));
        var conceptsFile = CompletableFuture.supplyAsync(() -> read(yamlReader(), SAFETY + "/" + CONCEPTS,
                FileFormats.ConceptsFile.class));
        var vocabulary = read("vocabulary.yml", FileFormats.VocabularyFile.class);
        var guides = read("guides.yml", FileFormats.GuidesFile.class);
        var setups = read("setups.yml", FileFormats.SetupsFile.class);
        var routines = read("routines.yml", FileFormats.RoutinesFile.class);
        var styles = read("styles.yml", FileFormats.StylesFile.class);
        var answers = read("answers.yml", FileFormats.AnswersFile.class);
        var responses = read("responses.yml", FileFormats.ResponsesFile.class);
        var intents = read("intents.yml", FileFormats.IntentsFile.class);
        var global = read("flow/global.yml", FileFormats.GlobalFile.class);
        var techniques = readAll("techniques", FileFormats.TechniqueFile.class);
        var flows = readAll("flow", FileFormats.FlowFile.class);
        var safety = safetyFiles.join();
        var concepts = conceptsFile.join();
        if (!problems.isEmpty()) {
            throw new InvalidDataException(problems);
        }
        Map<String, Setup> setupsById = build("setups.yml", () -> byId(setups.setups(), Setup::id));
        var catalogue = new LinkedHashMap<String, Technique>();
        techniques.forEach((file, t) -> {
            Technique technique = build("techniques/" + file, () -> {
                Technique read = t.technique();
                requireId(read.id());
                Setup setup = read.setup() == null || setupsById == null ? null : setupsById.get(read.setup());
                return setup == null ? read : read.withLeadingSteps(setup.steps());
            });
            if (technique != null) {
                catalogue.put(technique.id(), technique);
            }
        });
        var graph = graph(global, flows);
        var texts = build("responses.yml", () -> new Responses(responses.responses(), responses.about()));
        var words = build("vocabulary.yml", () -> new Vocabulary(vocabulary.bodyAreas(), vocabulary.tools()));
        var guidesById = build("guides.yml", () -> byId(guides.guides(), Guide::id));
        var routinesById = build("routines.yml", () -> byId(routines.routines(), Routine::id));
        var advice = build("routines.yml", () -> Map.copyOf(routines.tensionAdvice()));
        var stylesById = build("styles.yml", () -> byId(styles.styles(), Style::id));
        var answerBook = build("answers.yml", answers::toBook);
        var rules = build(SAFETY + "/", () -> safety.toRules(concepts.toConcepts()));
        var titles = build("intents.yml", () -> Map.copyOf(intents.titles()));
        if (!problems.isEmpty()) {
            throw new InvalidDataException(problems);
        }
        return new Guidebook(graph, texts, words, guidesById, catalogue, setupsById, routinesById, advice, stylesById,
                answerBook, rules, titles);
    }

    /**
     * Builds values read from one file. The values check themselves as they are made (no null lists, no blank quick
     * replies); what they refuse, such as a missing list or an item without an id, is reported as that file's problem.
     */
    private <T> T build(String file, Supplier<T> values) {
        try {
            return values.get();
        } catch (NullPointerException | IllegalArgumentException | ClassCastException e) {
            problems.add(file + ": " + (e instanceof NullPointerException || e.getMessage() == null
                    ? "a required value is missing" : e.getMessage()));
            return null;
        }
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an item has no id");
        }
    }

    private DialogGraph graph(FileFormats.GlobalFile global, Map<String, FileFormats.FlowFile> flows) {
        var nodes = new LinkedHashMap<String, Node>();
        flows.forEach((file, flow) -> {
            for (FileFormats.NodeSpec spec : flow.nodes() == null ? List.<FileFormats.NodeSpec>of() : flow.nodes()) {
                Node node = build("flow/" + file, () -> {
                    requireId(spec.id());
                    return spec.toNode("flow/" + file);
                });
                Node before = node == null ? null : nodes.putIfAbsent(node.id(), node);
                if (before != null) {
                    problems.add("flow/" + file + ": " + node.id() + ": duplicate node id, also in " + before.file());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidDataException(problems);
        }
        return build("flow/global.yml", () -> new DialogGraph(global.start(), nodes, global.on(), global.digressions(),
                global.commands() == null ? Map.of() : global.commands(), global.escalation(), global.paused(),
                global.clarify(), global.correction(), "flow/global.yml"));
    }

    /** Items by id, the first of each id winning; an item without an id is refused. */
    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        var byId = new LinkedHashMap<String, T>();
        for (T item : items == null ? List.<T>of() : items) {
            requireId(id.apply(item));
            byId.putIfAbsent(id.apply(item), item);
        }
        return byId;
    }

    /**
     * The files of a folder (all but the concept layer), each with its version, read as one: each top-level key is
     * declared in one file only.
     */
    private <T> T readMerged(ObjectMapper mapper, String folder, Class<T> type) {
        var merged = mapper.createObjectNode();
        merged.put("version", VERSION);
        List<Path> files;
        try (Stream<Path> listed = Files.list(root.resolve(folder))) {
            files = listed.filter(f -> f.toString().endsWith(".yml") && !f.getFileName().toString().equals(CONCEPTS))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(folder + "/: " + firstLine(e.getMessage()));
            return null;
        }
        for (Path file : files) {
            String relative = folder + "/" + file.getFileName();
            try {
                JsonNode node = mapper.readTree(file.toFile());
                if (node == null || !node.isObject()) {
                    problems.add(relative + ": the file is empty");
                    continue;
                }
                if (!VERSION.equals(node.path("version").asText(null))) {
                    problems.add(relative + ": version must be \"" + VERSION + "\", the format this guide reads");
                }
                node.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("version") && merged.replace(field.getKey(), field.getValue()) != null) {
                        problems.add(relative + ": " + field.getKey() + " is declared in another file of " + folder);
                    }
                });
            } catch (IOException e) {
                problems.add(relative + ": " + firstLine(e.getMessage()));
            }
        }
        try {
            return mapper.treeToValue(merged, type);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(folder + "/: " + firstLine(e.getMessage()));
            return null;
        }
    }

    private <T> T read(String relative, Class<T> type) {
        return read(yaml, relative, type);
    }

    private <T> T read(ObjectMapper mapper, String relative, Class<T> type) {
        Path file = root.resolve(relative);
        try {
            T value = mapper.readValue(file.toFile(), type);
            if (value == null) {
                problems.add(relative + ": the file is empty");
            } else {
                checkVersion(relative, value);
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            problems.add(relative + ": " + firstLine(e.getMessage()));
            return null;
        }
    }

    /** Every file says which version of its format it is written in: the one this loader reads. */
    private void checkVersion(String relative, Object file) {
        if (!(file instanceof Record record)) {
            return;
        }
        for (var component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("version")) {
                try {
                    Object version = component.getAccessor().invoke(record);
                    if (!VERSION.equals(version)) {
                        problems.add(relative + ": version must be \"" + VERSION + "\", was "
                                + (version == null ? "missing" : "\"" + version + "\""));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read the version of " + relative, e);
                }
            }
        }
    }

    private <T> Map<String, T> readAll(String folder, Class<T> type) {
        var all = new LinkedHashMap<String, T>();
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            problems.add(folder + "/: the folder is missing");
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("global.yml")) {
                    T value = read(folder + "/" + name, type);
                    if (value != null) {
                        all.put(name, value);
                    }
                }
            }
        } catch (IOException e) {
            problems.add(folder + "/: " + e.getMessage());
        }
        return all;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int cut = message.indexOf("\n at [Source");
        String text = cut < 0 ? message : message.substring(0, cut);
        return text.replace('\n', ' ');
    }

}
