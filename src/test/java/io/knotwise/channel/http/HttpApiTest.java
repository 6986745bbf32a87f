package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API of CONTRACT.md against the real app on a random port. */
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String origin, String method, String path, String body) throws IOException,
            InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(origin + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }


    @Test
    void aConversationGoesFromGreetingToTheFirstStepOverHttp() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            String origin = client.getOrigin();
            Answer greeting = send(origin, "POST", "/api/v1/conversations", "{\"locale\": \"en-US\"}");
            assertThat(greeting.status()).isEqualTo(201);
            String id = greeting.body().get("conversation_id").asText();
            assertThat(greeting.body().get("messages").get(0).get("kind").asText()).isEqualTo("text");
            assertThat(greeting.body().has("triage")).isTrue();

            Answer turn = send(origin, "POST", "/api/v1/conversations/" + id + "/messages",
                    "{\"text\": \"how do I release knots between my shoulder blades\"}");
            assertThat(turn.status()).isEqualTo(200);
            assertThat(turn.body().at("/nlu/intent/name").asText()).isEqualTo("request_technique");
            assertThat(turn.body().at("/state/node").asText()).isEqualTo("ask_onset");

            Answer chosen = send(origin, "POST", "/api/v1/conversations/" + id + "/messages",
                    "{\"payload\": \"/request_technique{\\\"technique\\\": \\\"tennis_ball_wall\\\"}\"}");
            assertThat(chosen.body().at("/state/node").asText()).isNotEqualTo("walk");

            Answer transcript = send(origin, "GET", "/api/v1/conversations/" + id, null);
            assertThat(transcript.status()).isEqualTo(200);
            assertThat(transcript.body().get("transcript").size()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void badRequestsGetAJsonErrorAndChangeNothing() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            String origin = client.getOrigin();
            String id = send(origin, "POST", "/api/v1/conversations", "{}").body().get("conversation_id").asText();
            String path = "/api/v1/conversations/" + id + "/messages";

            for (String body : new String[] {"{\"text\": \"\"}", "{}", "not json", "[1,2]", "{\"text\": 42}",
                "{\"text\": \"" + "a".repeat(5000) + "\"}", "{\"text\": \"hi\", \"payload\": \"/greet\"}",
                "{\"payload\": \"next please\"}", "{\"payload\": \"/book_flight\"}"}) {
                Answer answer = send(origin, "POST", path, body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.body().at("/error/code").asText()).isEqualTo("bad_request");
                assertThat(answer.body().at("/error/message").asText()).isNotBlank();
            }
            Answer transcript = send(origin, "GET", "/api/v1/conversations/" + id, null);
            assertThat(transcript.body().get("transcript").size()).isEqualTo(1);
            assertThat(transcript.body().at("/state/node").asText()).isEqualTo("greeting");
        });
    }

    @Test
    void unknownAndDeletedConversationsAre404() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            String origin = client.getOrigin();
            assertThat(send(origin, "POST", "/api/v1/conversations/nope/messages", "{\"text\": \"hi\"}").status())
                    .isEqualTo(404);
            String id = send(origin, "POST", "/api/v1/conversations", "{}").body().get("conversation_id").asText();

            assertThat(send(origin, "DELETE", "/api/v1/conversations/" + id, null).status()).isEqualTo(204);
            Answer gone = send(origin, "GET", "/api/v1/conversations/" + id, null);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.body().at("/error/code").asText()).isEqualTo("not_found");
            assertThat(send(origin, "GET", "/no/such/page", null).body().at("/error/code").asText())
                    .isEqualTo("not_found");
        });
    }

    @Test
    void parseReportsIntentEntitiesAndRedFlags() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            Answer parse = send(client.getOrigin(), "POST", "/api/v1/parse",
                    "{\"text\": \"how do I release knots between my shoulder blades\"}");
            assertThat(parse.status()).isEqualTo(200);
            assertThat(parse.body().at("/intent/name").asText()).isEqualTo("request_technique");
            assertThat(parse.body().get("intent_ranking").size()).isGreaterThan(1);
            assertThat(parse.body().at("/entities/0/value").asText()).isEqualTo("between_shoulder_blades");
            assertThat(parse.body().at("/entities/0/start").asInt()).isEqualTo(23);
            assertThat(parse.body().get("out_of_scope").asBoolean()).isFalse();

            Answer alarm = send(client.getOrigin(), "POST", "/api/v1/parse",
                    "{\"text\": \"I have crushing chest pain\"}");
            assertThat(alarm.body().at("/red_flags/0/id").asText()).isEqualTo("cardiac_warning_signs");
            assertThat(alarm.body().at("/red_flags/0/tier").asText()).isEqualTo("emergency");
        });
    }

    @Test
    void aBodyIsReadAsUtf8WhateverCharsetTheContentTypeNames() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            for (String contentType : new String[] {"application/json; charset=", "application/json; charset=made-up",
                "application/json; charset"}) {
                var request = HttpRequest.newBuilder(URI.create(client.getOrigin() + "/api/v1/parse"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"knots in my upper back \u2014 help\"}"))
                        .header("Content-Type", contentType).build();

                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(contentType).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("text").asText()).isEqualTo(
                        "knots in my upper back \u2014 help");
            }
        });
    }

    @Test
    void anEscalationIsCountedInTheMetrics() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            String origin = client.getOrigin();
            String id = send(origin, "POST", "/api/v1/conversations", "{}").body().get("conversation_id").asText();
            double before = cardiacEmergencies(origin);

            send(origin, "POST", "/api/v1/conversations/" + id + "/messages",
                    "{\"text\": \"I have crushing chest pain\"}");

            assertThat(cardiacEmergencies(origin)).isEqualTo(before + 1);
        });
    }

    /** The count of cardiac emergencies at /metrics (the registry is the guide's, shared by the tests that use it). */
    private double cardiacEmergencies(String origin) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(origin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var count = Pattern.compile(
                "knotwise_red_flags_total\\{flag=\"cardiac_warning_signs\",tier=\"emergency\"} (\\S+)")
                        .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void theCatalogueListsEveryTechniqueAndShowsOneWithItsSteps() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            Answer all = send(client.getOrigin(), "GET", "/api/v1/techniques", null);
            assertThat(all.body().get("techniques").size()).isEqualTo(16);
            Answer one = send(client.getOrigin(), "GET", "/api/v1/techniques/tennis_ball_wall", null);
            assertThat(one.body().get("steps").size()).isEqualTo(6);
            assertThat(one.body().at("/source/title").asText()).contains("7 Upper Back Massage Techniques");
            assertThat(send(client.getOrigin(), "GET", "/api/v1/techniques/nope", null).status()).isEqualTo(404);
            assertThat(send(client.getOrigin(), "GET", "/health", null).body().get("status").asText()).isEqualTo("ok");
        });
    }
}
