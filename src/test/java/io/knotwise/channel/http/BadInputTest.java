package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad and strange input gets a 4xx JSON error that says what is wrong, never a 500, and never hurts a conversation. */
class BadInputTest {


    @Test
    void everyKindOfBadMessageIsA400ThatLeavesTheConversationAsItWas() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            String path = "/api/v1/conversations/" + id + "/messages";
            Map<String, byte[]> bad = Map.ofEntries(
                    Map.entry("empty text", bytes("{\"text\": \"\"}")),
                    Map.entry("blank text", bytes("{\"text\": \"   \"}")),
                    Map.entry("no field", bytes("{}")),
                    Map.entry("malformed JSON", bytes("{\"text\": \"hi\"")),
                    Map.entry("not JSON", bytes("text=hi")),
                    Map.entry("an array", bytes("[\"hi\"]")),
                    Map.entry("a number for text", bytes("{\"text\": 42}")),
                    Map.entry("an object for text", bytes("{\"text\": {\"a\": 1}}")),
                    Map.entry("an unknown field", bytes("{\"text\": \"hi\", \"admin\": true}")),
                    Map.entry("a duplicate field", bytes("{\"text\": \"hi\", \"text\": \"chest pain\"}")),
                    Map.entry("a control character", bytes("{\"text\": \"hi\\u0007there\"}")),
                    Map.entry("a NUL", bytes("{\"text\": \"hi\\u0000\"}")),
                    Map.entry("a lone surrogate", bytes("{\"text\": \"hi \\ud83d\"}")),
                    Map.entry("invalid UTF-8", new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3,
                        (byte) 0x28, '"', '}'}),
                    Map.entry("too long", bytes("{\"text\": \"" + "a ".repeat(600) + "\"}")),
                    Map.entry("deeply nested", bytes("{\"text\": " + "[".repeat(2000) + "]".repeat(2000) + "}")),
                    Map.entry("both text and payload", bytes("{\"text\": \"hi\", \"payload\": \"/greet\"}")),
                    Map.entry("a payload that is not one", bytes("{\"payload\": \"next please\"}")),
                    Map.entry("an unknown intent", bytes("{\"payload\": \"/book_flight\"}")),
                    Map.entry("a malformed payload", bytes("{\"payload\": \"/next{\\\"a\\\": \"}")));

            bad.forEach((what, body) -> {
                var answer = api.send("POST", path, body, Map.of());
                assertThat(answer.status()).as(what).isEqualTo(400);
                assertThat(answer.errorCode()).as(what).isEqualTo("bad_request");
                assertThat(answer.json().at("/error/message").asText()).as(what).isNotBlank()
                        .doesNotContain("Exception").doesNotContain("io.knotwise").doesNotContain("com.fasterxml");
            });

            var after = api.get("/api/v1/conversations/" + id).json();
            assertThat(after.get("transcript").size()).isEqualTo(1);
            assertThat(after.at("/state/node").asText()).isEqualTo("greeting");
            assertThat(after.get("triage").isNull()).isTrue();
        });
    }

    @Test
    void aGarbledRequestLineIsA400InJsonNotAServerError() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            try (var socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write("GET /health HTTP/9.9\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"")
                        .doesNotContain("<html");
            }
        });
    }

    @Test
    void anOverlongMessageIsA400ThatStillCarriesTheAdviceForItsRedFlag() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String text = "I have a knot by my shoulder blade. ".repeat(40) + "Also crushing chest pain right now.";

            var answer = api.say(api.start(), "{\"text\": \"" + text + "\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("bad_request");
            assertThat(answer.json().get("messages").toString()).contains("999");
            assertThat(answer.json().at("/triage/tier").asText()).isEqualTo("emergency");
        });
    }

    @Test
    void trailingDataAfterTheJsonObjectIsA400() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());

            var answer = api.say(api.start(), "{\"text\": \"hi\"} {\"x\": 1}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("bad_request");
        });
    }

    @Test
    void aBodyThatIsNotJsonIsA415SoNoPageCanPostToTheApiWithoutAPreflight() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                    "multipart/form-data"}) {
                var answer = api.send("POST", "/api/v1/conversations/" + id + "/messages",
                        "{\"text\": \"hi\"}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", type));

                assertThat(answer.status()).as(type).isEqualTo(415);
                assertThat(answer.errorCode()).as(type).isEqualTo("unsupported_media_type");
            }
            assertThat(api.get("/api/v1/conversations/" + id).json().get("transcript").size()).isEqualTo(1);
        });
    }

    @Test
    void aHugeLocaleIsA400InJsonNotAStackOverflow() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());

            var answer = api.send("POST", "/api/v1/conversations", "{\"locale\": \"" + "en-".repeat(2000) + "GB\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("bad_request");
        });
    }

    @Test
    void aBodyCutShortOrBrokenChunksAreA400InJsonWithoutAStackTrace() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            for (String request : new String[] {
                "POST /api/v1/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + "100\r\n\r\n{\"text\"",
                "POST /api/v1/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                        + "chunked\r\n\r\nzz\r\n{\"text\": \"hi\"}\r\n0\r\n\r\n"}) {
                try (var socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout(15_000);
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    socket.shutdownOutput();
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                    assertThat(answer).as(request).startsWith("HTTP/1.1 400").contains("\"code\"")
                            .doesNotContain("<html").doesNotContain("Exception");
                }
            }
        });
    }

    @Test
    void aBodyOver16KilobytesIsA413() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            var answer = api.say(api.start(), "{\"text\": \"" + "a".repeat(17 * 1024) + "\"}");

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.errorCode()).isEqualTo("payload_too_large");
        });
    }

    @Test
    void emojiRightToLeftTextAndVeryLongWordsAreUnderstoodNotRejected() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            for (String text : new String[] {"my upper back 😣😣 is so tight 💆", "ظهري يؤلمني بين لوحي الكتف",
                "knots between my shoulder blades \u202Eetouq", "a".repeat(1000),
                "between" + "x".repeat(900) + " my shoulder blades", "👍".repeat(400)}) {
                var answer = api.say(id, "{\"text\": \"" + text + "\"}");
                assertThat(answer.status()).as(text).isEqualTo(200);
                assertThat(answer.json().get("messages")).as(text).isNotEmpty();
            }
            assertThat(api.get("/api/v1/conversations/" + id).json().get("transcript").size()).isGreaterThan(6);
        });
    }

    @Test
    void unknownIdsAre404AndMalformedIdsAre400() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());

            assertThat(api.say("AAAAAAAAAAAAAAAAAAAAAAAA", "{\"text\": \"hi\"}").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/conversations/" + "x".repeat(65)).status()).isEqualTo(400);
            assertThat(api.get("/api/v1/conversations/%27%3B%20DROP%20TABLE").status()).isEqualTo(400);
            assertThat(api.send("DELETE", "/api/v1/conversations/..%2F..%2Fetc", null).status()).isBetween(400, 404);
            assertThat(api.say("a%00b", "{\"text\": \"hi\"}").errorCode()).isEqualTo("bad_request");
        });
    }

    @Test
    void parseRejectsWhatMessagesRejectAndErrorsNeverLeakInternals() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            for (String body : new String[] {"", "{}", "{\"text\": null}", "{\"text\": \"hi\", \"lang\": \"en\"}",
                "{\"text\": \"\\u001b[31m\"}", "nope"}) {
                var answer = api.send("POST", "/api/v1/parse", body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.text()).as(body).doesNotContain("Exception").doesNotContain("\tat ");
            }
            assertThat(api.send("PUT", "/api/v1/parse", "{}").errorCode()).isEqualTo("method_not_allowed");
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
