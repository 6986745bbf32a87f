package io.knotwise.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc finds its native library. Left alone, the driver copies the library out of its jar into the
 * temporary folder on every start and then compares the copy with the original byte by byte: about a fifth of a
 * second of a two-second start. Here the copy is made once per driver version and platform, into the user's cache
 * folder ({@code $XDG_CACHE_HOME/knotwise}, else {@code ~/.cache/knotwise}), and the driver is pointed at it. Where the
 * copy cannot be made, or does not load, the driver does what it always did.
 */
final class SqliteLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
    private static final String PATH = "org.sqlite.lib.path";
    private static final String NAME = "org.sqlite.lib.name";

    private SqliteLibrary() {
    }

    /** Points the driver at the cached copy, making it first if need be; does nothing if told where it is. */
    static synchronized void useCachedCopy() {
        if (System.getProperty(PATH) != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        Path folder = cacheRoot().resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-"
                + System.getProperty("os.name") + "-" + System.getProperty("os.arch"));
        Path library = folder.resolve(name);
        try {
            if (!Files.isRegularFile(library)) {
                copyOut(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, folder, library);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's native library not cached in {}, the driver extracts it as usual", folder, e);
            return;
        }
        System.setProperty(PATH, folder.toString());
        System.setProperty(NAME, name);
    }

    /** Copies the library out of the driver's jar: whole or not at all, so two servers starting at once agree. */
    private static void copyOut(String resource, Path folder, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the driver");
            }
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, library.getFileName().toString(), ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("knotwise");
    }
}
