package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The API contract (docs/API.md) against the real app on a random port, through the tests' one API client. */
class HttpApiTest {

    @Test
    void aConversationGoesFromGreetingThroughTheChecklistToTheFirstStepOverHttp() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            ApiClient.Answer greeting = api.send("POST", "/api/v1/conversations", "{\"locale\": \"en-US\"}");
            assertThat(greeting.status()).isEqualTo(201);
            String id = greeting.json().get("conversation_id").asText();
            assertThat(greeting.json().get("messages").get(0).get("kind").asText()).isEqualTo("text");
            assertThat(greeting.json().has("triage")).isTrue();

            ApiClient.Answer turn = api.say(id, "{\"text\": \"how do I release knots between my shoulder blades\"}");
            assertThat(turn.status()).isEqualTo(200);
            assertThat(turn.json().at("/nlu/intent/name").asText()).isEqualTo("request_technique");
            assertThat(turn.json().at("/state/node").asText()).isEqualTo("ask_onset");

            // Asking for a technique by name still goes through the intake and the checklist, never around them.
            String chosen = api.say(id, "{\"payload\": \"/request_technique{\\\"technique\\\": "
                    + "\\\"tennis_ball_wall\\\"}\"}").json().at("/state/node").asText();
            assertThat(chosen).isEqualTo("ask_onset");
            assertThat(api.say(id, "{\"payload\": \"/next\"}").json().at("/state/node").asText())
                    .isEqualTo("ask_severity");
            assertThat(api.say(id, "{\"payload\": \"/next\"}").json().at("/state/node").asText())
                    .isEqualTo("screening");
            assertThat(api.say(id, "{\"payload\": \"/next\"}").json().at("/state/node").asText())
                    .as("the checklist cannot be skipped").isEqualTo("screening");
            ApiClient.Answer walk = api.say(id, "{\"payload\": \"/deny\"}");
            assertThat(walk.json().at("/state/node").asText()).isEqualTo("walk");
            assertThat(walk.json().at("/state/technique").asText()).isEqualTo("tennis_ball_wall");
            assertThat(walk.json().at("/state/step").asInt()).isEqualTo(1);
            // The step as data, so a client never reads it out of English text.
            JsonNode step = stepMessage(walk.json()).get("step");
            assertThat(step.get("number").asInt()).isEqualTo(1);
            assertThat(step.get("total").asInt()).isEqualTo(walk.json().at("/state/total_steps").asInt());
            assertThat(step.get("instruction").asText()).isNotBlank().doesNotContainIgnoringCase("step 1 of");
            assertThat(stepMessage(walk.json()).get("text").asText()).contains(step.get("instruction").asText());
            assertThat(step.get("body_areas")).isNotEmpty().allSatisfy(area -> {
                assertThat(area.get("id").asText()).isNotBlank();
                assertThat(area.get("name").asText()).isNotBlank().isNotEqualTo(area.get("id").asText());
            });

            ApiClient.Answer transcript = api.get("/api/v1/conversations/" + id);
            assertThat(transcript.status()).isEqualTo(200);
            assertThat(transcript.json().get("transcript").size()).isGreaterThanOrEqualTo(12);
        });
    }

    @Test
    void aRaisedFlagsTriageSaysWhichNumberToCallWhoToContactForTheLocaleAndItsHeadline() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String american = api.send("POST", "/api/v1/conversations", "{\"locale\": \"en-US\"}").json()
                    .get("conversation_id").asText();
            String british = api.send("POST", "/api/v1/conversations", "{\"locale\": \"en-GB\"}").json()
                    .get("conversation_id").asText();

            JsonNode emergency = api.say(american, "{\"text\": \"I have crushing chest pain\"}").json().get("triage");
            JsonNode urgent = api.say(british, "{\"text\": \"I've had a fever and chills since yesterday\"}").json()
                    .get("triage");

            assertThat(emergency.get("tier").asText()).isEqualTo("emergency");
            assertThat(emergency.get("emergency_number").asText()).isEqualTo("911");
            assertThat(emergency.get("headline").asText()).isEqualTo("Stop and get help now");
            assertThat(urgent.get("headline").asText()).isEqualTo("Stop and get checked today");
            assertThat(urgent.get("tier").asText()).isEqualTo("urgent");
            assertThat(urgent.get("emergency_number").asText()).isEqualTo("999");
            assertThat(urgent.get("urgent_contact").asText()).contains("NHS 111");
            assertThat(api.get("/api/v1/conversations/" + british).json().at("/triage/urgent_contact").asText())
                    .contains("NHS 111");
        });
    }

    /** The first message of kind step in a turn. */
    private static JsonNode stepMessage(JsonNode turn) {
        for (JsonNode message : turn.get("messages")) {
            if (message.get("kind").asText().equals("step")) {
                return message;
            }
        }
        throw new AssertionError("no step in " + turn);
    }

    @Test
    void badRequestsGetAJsonErrorAndChangeNothing() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            String path = "/api/v1/conversations/" + id + "/messages";

            for (String body : new String[] {"{\"text\": \"\"}", "{}", "not json", "[1,2]", "{\"text\": 42}",
                "{\"text\": \"" + "a".repeat(5000) + "\"}", "{\"text\": \"hi\", \"payload\": \"/greet\"}",
                "{\"payload\": \"next please\"}", "{\"payload\": \"/book_flight\"}"}) {
                ApiClient.Answer answer = api.send("POST", path, body);
                assertThat(answer.status()).as(body).isEqualTo(400);
                assertThat(answer.json().at("/error/code").asText()).isEqualTo("bad_request");
                assertThat(answer.json().at("/error/message").asText()).isNotBlank();
            }
            ApiClient.Answer transcript = api.get("/api/v1/conversations/" + id);
            assertThat(transcript.json().get("transcript").size()).isEqualTo(1);
            assertThat(transcript.json().at("/state/node").asText()).isEqualTo("greeting");
        });
    }

    @Test
    void unknownAndDeletedConversationsAre404() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            assertThat(api.say("nope", "{\"text\": \"hi\"}").status()).isEqualTo(404);
            String id = api.start();

            assertThat(api.send("DELETE", "/api/v1/conversations/" + id, null).status()).isEqualTo(204);
            ApiClient.Answer gone = api.get("/api/v1/conversations/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.errorCode()).isEqualTo("not_found");
            assertThat(api.get("/no/such/page").errorCode()).isEqualTo("not_found");
        });
    }

    @Test
    void parseReportsIntentEntitiesAndRedFlags() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            ApiClient.Answer parse = api.send("POST", "/api/v1/parse",
                    "{\"text\": \"how do I release knots between my shoulder blades\"}");
            assertThat(parse.status()).isEqualTo(200);
            assertThat(parse.json().at("/intent/name").asText()).isEqualTo("request_technique");
            assertThat(parse.json().get("intent_ranking").size()).isGreaterThan(1);
            assertThat(parse.json().at("/entities/0/value").asText()).isEqualTo("between_shoulder_blades");
            assertThat(parse.json().at("/entities/0/start").asInt()).isEqualTo(23);
            assertThat(parse.json().get("out_of_scope").asBoolean()).isFalse();

            ApiClient.Answer alarm = api.send("POST", "/api/v1/parse",
                    "{\"text\": \"I have crushing chest pain\"}");
            assertThat(alarm.json().at("/red_flags/0/id").asText()).isEqualTo("cardiac_warning_signs");
            assertThat(alarm.json().at("/red_flags/0/tier").asText()).isEqualTo("emergency");
        });
    }

    @Test
    void aBodyIsReadAsUtf8WhateverCharsetTheContentTypeNames() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            byte[] body = "{\"text\": \"knots in my upper back \u2014 help\"}".getBytes(StandardCharsets.UTF_8);
            for (String contentType : new String[] {"application/json; charset=", "application/json; charset=made-up",
                "application/json; charset"}) {
                ApiClient.Answer answer = api.send("POST", "/api/v1/parse", body, Map.of("Content-Type", contentType));

                assertThat(answer.status()).as(contentType).isEqualTo(200);
                assertThat(answer.json().get("text").asText()).isEqualTo("knots in my upper back \u2014 help");
            }
        });
    }

    @Test
    void anEscalationIsCountedInTheMetrics() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            double before = cardiacEmergencies(api);

            api.say(id, "{\"text\": \"I have crushing chest pain\"}");

            assertThat(cardiacEmergencies(api)).isEqualTo(before + 1);
        });
    }

    /** The count of cardiac emergencies at /metrics. */
    private static double cardiacEmergencies(ApiClient api) {
        var count = Pattern.compile(
                "knotwise_red_flags_total\\{flag=\"cardiac_warning_signs\",tier=\"emergency\"} (\\S+)")
                .matcher(api.get("/metrics").text());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void theCatalogueListsEveryTechniqueAndShowsOneWithItsSteps() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            ApiClient.Answer all = api.get("/api/v1/techniques");
            assertThat(all.json().get("techniques").size()).isEqualTo(16);
            ApiClient.Answer one = api.get("/api/v1/techniques/tennis_ball_wall");
            assertThat(one.json().get("steps").size()).isEqualTo(6);
            assertThat(one.json().at("/source/title").asText()).contains("7 Upper Back Massage Techniques");
            assertThat(api.get("/api/v1/techniques/nope").status()).isEqualTo(404);
            assertThat(api.get("/health").json().get("status").asText()).isEqualTo("ok");
            ApiClient.Answer icon = api.get("/favicon.ico");
            assertThat(icon.status()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
            assertThat(icon.text()).startsWith("<svg");
        });
    }
}
