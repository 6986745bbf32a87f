package io.knotwise.store;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for tests. Where it is not installed the
 * calling test is skipped with a message, except in CI ({@code CI} set), where a missing server is a failure. Data
 * is written to an append-only file with a sync on every write, so a killed and restarted server keeps what it
 * acknowledged, as a production Redis configured for durability would.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Path folder;
    private final int port;
    private Process process;

    private RedisServer(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Starts a server keeping its files in the given folder, or skips the test when Redis is not installed. */
    public static RedisServer start(Path folder) {
        if (!Files.isExecutable(BINARY)) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("redis-server is not installed, and CI must run the Redis tests");
            }
            Assumptions.abort("redis-server is not installed (apt-get install redis-server); skipping Redis tests");
        }
        // A port found free may be taken again before redis-server binds it (another test's server or connection):
        // then the server exits, and another port is tried.
        for (int attempt = 0; attempt < 5; attempt++) {
            var server = new RedisServer(folder, freePort());
            if (server.launch()) {
                return server;
            }
        }
        throw new IllegalStateException("redis-server did not start in five attempts; see "
                + folder.resolve("redis.log"));
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Forgets every key, so each test starts from an empty Redis. */
    public void flush() {
        RedisClient client = RedisClient.create(uri());
        try (var connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    /** Kills the server at once, as a crash or a lost machine would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the server (SIGSTOP): it keeps its connections but answers nothing, like a hung machine. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused server answer again. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal redis-server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port and folder, and waits until it answers. */
    public void startAgain() {
        if (!launch()) {
            throw new IllegalStateException("redis-server did not start on port " + port + "; see "
                    + folder.resolve("redis.log"));
        }
    }

    /** Starts the server and waits until it answers a PING; false if it exits first or stays silent for 10 s. */
    private boolean launch() {
        try {
            process = new ProcessBuilder(List.of(BINARY.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", folder.toString(), "--save", "", "--appendonly", "yes",
                    "--appendfsync", "always", "--protected-mode", "no", "--daemonize", "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (answersPing()) {
                return true;
            }
            sleep();
        }
        process.destroyForcibly();
        return false;
    }

    /** Whether this server answers a PING (its own process is alive, and whatever holds the port speaks Redis). */
    private boolean answersPing() {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(7);
            return process.isAlive() && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
