package io.knotwise.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.knotwise.KnotwiseException;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.ConversationSnapshot;
import io.knotwise.engine.ConversationStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded default store: each conversation is a JSON file in a folder, written on every turn (atomically), so
 * conversations survive restarts; recent ones are also cached in memory. A conversation idle for longer than the
 * idle time is gone. Thread-safe.
 */
public final class FileConversationStore implements ConversationStore {

    /** Conversation ids are unguessable base64url strings; anything else is not looked up on disk. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Path folder;
    private final Duration idle;
    private final Clock clock;
    private final Cache<String, Conversation> recent;

    public FileConversationStore(Path folder, Duration idle, long cached, Clock clock) {
        this.folder = folder;
        this.idle = idle;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(cached).build();
        try {
            Files.createDirectories(folder);
            forgetIdle();
        } catch (IOException e) {
            throw new KnotwiseException("cannot use " + folder + " for conversations: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Conversation> find(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Conversation cached = recent.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = file(id);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            if (idleTooLong(file)) {
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            Conversation loaded = Conversation.restore(JSON.readValue(file.toFile(), ConversationSnapshot.class));
            recent.put(id, loaded);
            return Optional.of(loaded);
        } catch (IOException e) {
            throw new KnotwiseException("cannot read conversation " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Conversation conversation) {
        Path file = file(conversation.id());
        try {
            Path temporary = Files.createTempFile(folder, conversation.id(), ".tmp");
            JSON.writeValue(temporary.toFile(), conversation.snapshot());
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            throw new KnotwiseException("cannot save conversation " + conversation.id() + ": " + e.getMessage(), e);
        }
        recent.put(conversation.id(), conversation);
    }

    @Override
    public boolean delete(String id) {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        boolean cached = recent.asMap().remove(id) != null;
        try {
            return Files.deleteIfExists(file(id)) || cached;
        } catch (IOException e) {
            throw new KnotwiseException("cannot delete conversation " + id + ": " + e.getMessage(), e);
        }
    }

    private Path file(String id) {
        return folder.resolve(id + ".json");
    }

    private boolean idleTooLong(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().plus(idle).isBefore(clock.instant());
    }

    /** Deletes the files of conversations that went idle while the guide was not running. */
    private void forgetIdle() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (idleTooLong(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
