package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import io.knotwise.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a few hostile clients cannot do: hold the threads with slow bodies, or take every socket from one host. */
class HostileTrafficTest {

    private static Javalin app(Map<String, String> env) {
        var all = new HashMap<>(Map.of("KNOTWISE_STORE", "memory", "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0"));
        all.putAll(RealGuide.STOP_AT_ONCE);
        all.putAll(env);
        return RealGuide.guide().app(Settings.from(all));
    }

    /**
     * Opens a connection from another loopback address than the test's own client (as a hostile host would be) and
     * sends the headers of a POST whose 1,000-byte body then arrives one byte at a time.
     */
    private static Socket trickle(int port) throws Exception {
        var socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName("127.0.0.2"), 0);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/parse HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void thirtySlowBodiesLeaveABystanderAnsweredAtOnce() {
        JavalinTest.test(app(Map.of("KNOTWISE_HTTP_THREADS", "8")), (server, client) -> {
            var slow = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 30; i++) {
                    slow.add(trickle(server.port()));
                }
                for (Socket s : slow) {
                    s.getOutputStream().write(' ');
                }
                var api = new ApiClient(client.getOrigin());

                var health = CompletableFuture.supplyAsync(() -> api.get("/health").status());
                var parse = CompletableFuture.supplyAsync(
                        () -> api.send("POST", "/api/v1/parse", "{\"text\": \"next\"}").status());

                assertThat(health.get(3, TimeUnit.SECONDS)).isEqualTo(200);
                assertThat(parse.get(3, TimeUnit.SECONDS)).isEqualTo(200);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        });
    }

    @Test
    void aBodyArrivingSlowerThanTheMinimumRateIsCutOffWithA408() {
        JavalinTest.test(app(Map.of("KNOTWISE_BODY_MIN_BYTES_PER_SECOND", "100")), (server, client) -> {
            try (Socket socket = trickle(server.port())) {
                socket.setSoTimeout(10_000);
                long started = System.nanoTime();
                String answer = "";
                for (int i = 0; i < 20 && answer.isEmpty(); i++) {
                    Thread.sleep(500);
                    try {
                        socket.getOutputStream().write(' ');
                        socket.getOutputStream().flush();
                    } catch (IOException closed) {
                        break;
                    }
                    if (socket.getInputStream().available() > 0) {
                        answer = new String(socket.getInputStream().readNBytes(socket.getInputStream().available()),
                                StandardCharsets.UTF_8);
                    }
                }
                if (answer.isEmpty()) {
                    answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }

                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("\"code\"").doesNotContain("<html");
                assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
            }
        });
    }

    @Test
    void aSlowBodyIsCutOffEvenWhileOtherRequestsPourIn() {
        JavalinTest.test(app(Map.of("KNOTWISE_BODY_MIN_BYTES_PER_SECOND", "100")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            var busy = new AtomicBoolean(true);
            var traffic = CompletableFuture.runAsync(() -> {
                while (busy.get()) {
                    api.send("POST", "/api/v1/parse", "{\"text\": \"" + "knots ".repeat(100) + "\"}");
                }
            });
            try (Socket socket = trickle(server.port())) {
                socket.setSoTimeout(250);
                String answer = "";
                for (int i = 0; i < 24 && answer.isEmpty(); i++) {
                    try {
                        socket.getOutputStream().write(' ');
                        answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    } catch (SocketTimeoutException stillWaiting) {
                        // no answer yet: send the next byte
                    } catch (IOException closed) {
                        break;
                    }
                }

                assertThat(answer).startsWith("HTTP/1.1 408");
            } finally {
                busy.set(false);
                traffic.join();
            }
        });
    }

    @Test
    void aBodyStillArrivingAfterTheDeadlineIsCutOffHoweverSteadily() {
        // 2 bytes every 100 ms is well above a minimum of 1 byte a second, but the body never ends.
        JavalinTest.test(app(Map.of("KNOTWISE_BODY_MIN_BYTES_PER_SECOND", "1", "KNOTWISE_BODY_READ_SECONDS", "2")),
                (server, client) -> {
                    try (Socket socket = trickle(server.port())) {
                        socket.setSoTimeout(100);
                        long started = System.nanoTime();
                        String answer = "";
                        for (int i = 0; i < 60 && answer.isEmpty(); i++) {
                            try {
                                socket.getOutputStream().write("  ".getBytes(StandardCharsets.US_ASCII));
                                answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                            } catch (SocketTimeoutException stillWaiting) {
                                // no answer yet
                            } catch (IOException closed) {
                                break;
                            }
                        }

                        assertThat(answer).startsWith("HTTP/1.1 408");
                        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
                    }
                });
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() {
        JavalinTest.test(app(Map.of("KNOTWISE_CONNECTIONS_PER_ADDRESS", "5")), (server, client) -> {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    held.add(trickle(server.port()));
                }
                Thread.sleep(300);
                int closed = 0;
                for (Socket s : held) {
                    s.setSoTimeout(500);
                    try {
                        if (s.getInputStream().read() == -1) {
                            closed++;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        // held open: within the share
                    } catch (IOException reset) {
                        closed++;
                    }
                }

                assertThat(closed).isEqualTo(3);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        });
    }

    @Test
    void madeUpMethodsAreA405AndAddNothingToTheMetrics() {
        JavalinTest.test(app(Map.of()), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String before = api.get("/metrics").text();

            for (int i = 0; i < 500; i++) {
                try (var socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port(),
                        InetAddress.getByName("127.0.0.3"), 0)) {
                    socket.getOutputStream().write(("M" + i
                            + "X /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (i == 0) {
                        assertThat(answer).startsWith("HTTP/1.1 405").contains("\"method_not_allowed\"");
                    }
                }
            }
            String after = api.get("/metrics").text();

            // A series per made-up method would add a line of well over 20 characters for each of the 500.
            assertThat(after.lines().filter(l -> l.contains("M499X") || l.contains("M0X"))).isEmpty();
            assertThat(after.length()).isLessThan(before.length() + 2_000);
        });
    }

    @Test
    void connectionsRefusedOrClosedDoNotCountAgainstTheirAddressAfterwards() {
        JavalinTest.test(app(Map.of("KNOTWISE_CONNECTIONS_PER_ADDRESS", "5")), (server, client) -> {
            for (int round = 0; round < 3; round++) {
                var burst = new ArrayList<Socket>();
                for (int i = 0; i < 40; i++) {
                    burst.add(new Socket(InetAddress.getByName("127.0.0.1"), server.port(),
                            InetAddress.getByName("127.0.0.4"), 0));
                }
                for (Socket s : burst) {
                    s.close();
                }
            }
            Thread.sleep(500);

            try (var socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port(),
                    InetAddress.getByName("127.0.0.4"), 0)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .startsWith("HTTP/1.1 200");
            }
        });
    }
}
