package io.knotwise.nlu;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads what {@code models/} holds: training examples, the entity lexicon and the NLU settings. */
public final class NluDataLoader {

    /** Folders of {@code <intent>.txt} files, relative to {@code models/}. */
    static final List<String> EXAMPLE_FOLDERS = List.of("intents", "clinc150");
    public static final String MODEL_FILE = "intent.bin";
    private static final String LABELLED_HEADER = "intent\ttext";

    private final Path models;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public NluDataLoader(Path models) {
        this.models = models;
    }

    public Path modelFile() {
        return models.resolve(MODEL_FILE);
    }

    /** Every example of every {@code <intent>.txt}, in a stable order; {@code #} lines and blank lines skipped. */
    public List<Example> examples() {
        var examples = new ArrayList<Example>();
        for (String folder : EXAMPLE_FOLDERS) {
            Path dir = models.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    read(file, examples);
                }
            } catch (IOException e) {
                throw new InvalidDataException(dir + ": cannot list training files: " + e.getMessage(), e);
            }
        }
        if (examples.isEmpty()) {
            throw new InvalidDataException(models + ": no training examples found under " + EXAMPLE_FOLDERS, null);
        }
        return List.copyOf(examples);
    }

    /** The intents our own examples teach: the names of the files in {@code intents/}. */
    private Set<String> intentFiles() {
        try (Stream<Path> files = Files.list(models.resolve(EXAMPLE_FOLDERS.get(0)))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - ".txt".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new InvalidDataException(models + ": cannot list the intents: " + e.getMessage(), e);
        }
    }

    /** The intents examples teach (the names of their files): those a model trained on them knows. */
    public static Set<String> intentsOf(List<Example> examples) {
        return examples.stream().map(Example::intent).collect(Collectors.toCollection(TreeSet::new));
    }

    private void read(Path file, List<Example> into) {
        String name = file.getFileName().toString();
        String intent = name.substring(0, name.length() - ".txt".length());
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    into.add(new Example(intent, line, models.relativize(file).toString(), i + 1));
                }
            }
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public NluSettings settings() {
        Path file = models.resolve("nlu.yml");
        try {
            JsonNode root = yaml.readTree(file.toFile());
            JsonNode training = root.path("training");
            return new NluSettings(root.path("threshold").asDouble(), root.path("margin").asDouble(1.0), training
                    .path("algorithm").asText("MAXENT"),
                    training.path("iterations").asInt(100), training.path("cutoff").asInt(0));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The entity classes the intent model reads ({@code features} in {@code nlu.yml}). */
    public EntityClasses entityClasses() {
        Path file = models.resolve("nlu.yml");
        try {
            JsonNode features = yaml.readTree(file.toFile()).path("features");
            var classes = new ArrayList<String>();
            features.path("entity_classes").forEach(c -> classes.add(c.asText()));
            var others = new ArrayList<String>();
            features.path("other_body_parts").forEach(c -> others.add(c.asText()));
            var alone = new LinkedHashMap<String, String>();
            features.path("named_alone").fields().forEachRemaining(e -> alone.put(e.getKey(), e.getValue().asText()));
            var fillers = new ArrayList<String>();
            features.path("fillers").forEach(c -> fillers.add(c.asText()));
            return new EntityClasses(lexicon(), classes, others, alone, fillers, moves(features.path("moves")));
        } catch (IOException e) {
            throw new InvalidDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The committed intent model, reading entity classes as it was trained to, behind its training examples. */
    public IntentClassifier intentClassifier() {
        return intentClassifier(OpenNlpIntentClassifier.load(modelFile()));
    }

    /** A loaded intent model as the guide uses it: its training examples first, then the model over entity classes. */
    public IntentClassifier intentClassifier(OpenNlpIntentClassifier model) {
        return intentClassifier(model, examples());
    }

    /** The same, with the training examples already read. */
    public IntentClassifier intentClassifier(OpenNlpIntentClassifier model, List<Example> examples) {
        return IntentTrainer.asTheGuideReadsIt(model, examples, entityClasses());
    }

    /** The conversation-move lexicon named by {@code features.moves} (intent, then its phrases), or none. */
    private Map<String, List<String>> moves(JsonNode name) {
        if (name.isMissingNode()) {
            return Map.of();
        }
        Path file = models.resolve(name.asText());
        try {
            var known = intentFiles();
            var moves = new LinkedHashMap<String, List<String>>();
            yaml.readTree(file.toFile()).fields().forEachRemaining(move -> {
                if (!move.getKey().equals("version")) {
                    if (!known.contains(move.getKey())) {
                        throw new InvalidDataException(file + ": " + move.getKey() + " is not an intent the model "
                                + "knows (" + known + ")", null);
                    }
                    var phrases = new ArrayList<String>();
                    move.getValue().forEach(p -> phrases.add(p.asText()));
                    moves.put(move.getKey(), List.copyOf(phrases));
                }
            });
            return moves;
        } catch (IOException e) {
            throw new InvalidDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** The entity lexicon: entity, then value id, then the phrases that name it. */
    public Map<String, Map<String, List<String>>> lexicon() {
        Path file = models.resolve("entities.yml");
        try {
            JsonNode root = yaml.readTree(file.toFile());
            var lexicon = new LinkedHashMap<String, Map<String, List<String>>>();
            root.fields().forEachRemaining(entity -> {
                if (!entity.getKey().equals("version")) {
                    var values = new LinkedHashMap<String, List<String>>();
                    entity.getValue().fields().forEachRemaining(value -> {
                        var phrases = new ArrayList<String>();
                        value.getValue().forEach(p -> phrases.add(p.asText()));
                        values.put(value.getKey(), List.copyOf(phrases));
                    });
                    lexicon.put(entity.getKey(), values);
                }
            });
            return lexicon;
        } catch (IOException e) {
            throw new InvalidDataException(file + ": " + e.getMessage(), e);
        }
    }

    /** A held-out split of our own examples ({@code models/heldout/<split>/<intent>.txt}), never trained on. */
    public List<Example> heldOut(String split) {
        var examples = new ArrayList<Example>();
        Path dir = models.resolve("heldout").resolve(split);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                read(file, examples);
            }
        } catch (IOException e) {
            throw new InvalidDataException(dir + ": cannot list held-out files: " + e.getMessage(), e);
        }
        return List.copyOf(examples);
    }

    /** The CLINC150 validation split labelled with our intents ({@code models/heldout/clinc150_val.tsv}). */
    public List<Example> clincValidation() {
        return labelled(models.resolve("heldout/clinc150_val.tsv"));
    }

    /**
     * Examples from a labelled file: {@code intent<TAB>text} per line; {@code #} comments, blank lines and an
     * {@code intent<TAB>text} header skipped.
     */
    public List<Example> labelled(Path file) {
        String name = file.startsWith(models) ? models.relativize(file).toString() : file.toString();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            var examples = new ArrayList<Example>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.isBlank() && !line.startsWith("#") && !line.equals(LABELLED_HEADER)) {
                    String[] parts = line.split("\t", 2);
                    examples.add(new Example(parts[0].strip(), parts[1].strip(), name, i + 1));
                }
            }
            return List.copyOf(examples);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidDataException(file + ": expected intent<TAB>text (" + e.getMessage() + ")", e);
        }
    }

    /** Real English words (from {@code models/english/words.txt}), which spelling correction never changes. */
    public Set<String> englishWords() {
        Path file = models.resolve("english/words.txt");
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Number words ("seven") and other patterns' data, from {@code models/patterns.yml}. */
    public Patterns patterns() {
        Path file = models.resolve("patterns.yml");
        try {
            return yaml.readerFor(Patterns.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
        } catch (IOException e) {
            throw new InvalidDataException(file + ": " + e.getMessage(), e);
        }
    }
}
