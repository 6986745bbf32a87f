package io.knotwise.channel.rasa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import io.knotwise.channel.ChannelConversations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Rasa-shaped requests against the REST channel, as a client written for Rasa would send them. */
class RasaRestChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Javalin app() {
        return app(0);
    }

    private static Javalin app(int perSenderPerMinute) {
        var channel = new RasaRestChannel(RealGuide.channelsWithOwnStore(
                new ChannelConversations.Limits(1000, perSenderPerMinute)));
        return RealGuide.guide().app(RealGuide.settings(),
                List.<Consumer<RoutesConfig>>of(channel::routes));
    }

    private HttpResponse<String> say(String origin, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(origin + "/webhooks/rest/webhook"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersInRasasShapeWithButtonsOnTheLastMessage() {
        JavalinTest.test(app(), (server, client) -> {
            var response = say(client.getOrigin(), "{\"sender\": \"user-1\", \"message\": \"hi\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode messages = JSON.readTree(response.body());
            assertThat(messages.isArray()).isTrue();
            assertThat(messages.get(0).get("recipient_id").asText()).isEqualTo("user-1");
            assertThat(messages.get(0).get("text").asText()).contains("Knotwise");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("buttons").get(0).has("title")).isTrue();
            assertThat(last.get("buttons").get(0).get("payload").asText()).startsWith("/");
        });
    }

    @Test
    void aSlashMessageIsAButtonPayloadAndTheSenderKeepsItsConversation() {
        JavalinTest.test(app(), (server, client) -> {
            say(client.getOrigin(),
                    "{\"sender\": \"user-2\", \"message\": \"how do I release knots between my shoulder blades\"}");
            var skipped = JSON.readTree(say(client.getOrigin(), "{\"sender\": \"user-2\", \"message\": \"/next\"}")
                    .body());

            assertThat(skipped.toString()).contains("How bad is it right now");
        });
    }

    @Test
    void aBadRequestGetsAJsonError() {
        JavalinTest.test(app(), (server, client) -> {
            var response = say(client.getOrigin(), "{\"message\": \"hi\"}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("bad_request");
        });
    }

    @Test
    void anEmergencyAsTheFirstMessageIsAnsweredWithTheAdviceFirstAndNoQuestionBeforeIt() {
        JavalinTest.test(app(), (server, client) -> {
            var answer = JSON.readTree(say(client.getOrigin(),
                    "{\"sender\": \"user-5\", \"message\": \"crushing chest pain spreading to my left arm right now\"}")
                    .body());

            assertThat(answer.get(0).get("text").asText()).contains("999");
            assertThat(answer.toString()).doesNotContain("Where does it bother you");
        });
    }

    @Test
    void anOverlongMessageIsAskedToBeSplitAfterTheAdviceForItsRedFlag() {
        JavalinTest.test(app(), (server, client) -> {
            String text = "I have a knot by my shoulder blade. ".repeat(40) + "Also crushing chest pain right now.";

            var response = say(client.getOrigin(), "{\"sender\": \"user-6\", \"message\": \"" + text + "\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get(0).get("text").asText()).contains("999");
            assertThat(answer.get(answer.size() - 1).get("text").asText()).contains("longer than I can take");
        });
    }

    @Test
    void theChannelsHealthRouteAnswersAsRasasDoes() {
        JavalinTest.test(app(), (server, client) -> {
            var response = http.send(HttpRequest.newBuilder(URI.create(client.getOrigin() + "/webhooks/rest/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("ok");
        });
    }

    @Test
    void aNewSendersFirstMessageMayBeAButtonPayload() {
        JavalinTest.test(app(), (server, client) -> {
            var answer = JSON.readTree(say(client.getOrigin(),
                    "{\"sender\": \"user-3\", \"message\": \"/request_technique{\\\"technique\\\": "
                            + "\\\"tennis_ball_wall\\\"}\"}").body());

            assertThat(answer.get(0).get("text").asText()).contains("Knotwise");
            assertThat(answer.size()).as("the greeting and the answer to the payload").isGreaterThan(1);
        });
    }

    @Test
    void aSenderOverTheLimitGets429ButAnEmergencyIsStillAnswered() {
        JavalinTest.test(app(2), (server, client) -> {
            say(client.getOrigin(), "{\"sender\": \"user-4\", \"message\": \"hi\"}");
            say(client.getOrigin(), "{\"sender\": \"user-4\", \"message\": \"my back is stiff\"}");

            var over = say(client.getOrigin(), "{\"sender\": \"user-4\", \"message\": \"about two weeks\"}");
            var emergency = say(client.getOrigin(),
                    "{\"sender\": \"user-4\", \"message\": \"I have crushing chest pain\"}");
            var other = say(client.getOrigin(), "{\"sender\": \"user-5\", \"message\": \"hi\"}");

            assertThat(over.statusCode()).isEqualTo(429);
            assertThat(over.headers().firstValue("Retry-After")).isPresent();
            assertThat(emergency.statusCode()).isEqualTo(200);
            assertThat(emergency.body()).contains("999");
            assertThat(other.statusCode()).isEqualTo(200);
            var again = say(client.getOrigin(),
                    "{\"sender\": \"user-4\", \"message\": \"I have crushing chest pain\"}");
            assertThat(again.statusCode()).as("the advice was given; the conversation counts again").isEqualTo(429);
        });
    }
}
