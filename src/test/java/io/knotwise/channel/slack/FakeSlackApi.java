package io.knotwise.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

/** Slack's Web API as a small Javalin app on a random loopback port: records every call and answers as told. */
final class FakeSlackApi implements AutoCloseable {

    /** One recorded call; header names are case-insensitive. */
    record Call(String path, Map<String, String> headers, JsonNode body) {

        /** The posted blocks of one type, in order. */
        List<JsonNode> blocks(String type) {
            return StreamSupport.stream(body.path("blocks").spliterator(), false)
                    .filter(b -> b.path("type").asText().equals(type)).toList();
        }

        /** The mrkdwn texts of the posted sections, in order. */
        List<String> sections() {
            return blocks("section").stream().map(b -> b.at("/text/text").asText()).toList();
        }

        /** The values of the posted buttons, in order. */
        List<String> buttonValues() {
            return blocks("actions").stream().flatMap(a -> StreamSupport.stream(a.path("elements").spliterator(),
                    false)).map(e -> e.path("value").asText()).toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private volatile String locale = "en-GB";
    private final Javalin app;

    FakeSlackApi() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/api/users.info", ctx -> {
                lookups.add(ctx.queryParam("user"));
                ctx.contentType("application/json").result("{\"ok\": true, \"user\": {\"id\": \""
                        + ctx.queryParam("user") + "\", \"locale\": \"" + locale + "\"}}");
            });
            config.routes.post("/api/{method}", ctx -> {
                var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(ctx.headerMap());
                calls.add(new Call(ctx.path(), headers, JSON.readTree(ctx.body())));
                String answer = answers.isEmpty() ? "{\"ok\": true, \"ts\": \"1700000000.000100\"}" : answers.remove(0);
                ctx.contentType("application/json").result(answer);
            });
        }).start("127.0.0.1", 0);
    }

    /** What {@code KNOTWISE_SLACK_API_BASE} would be. */
    String apiBase() {
        return "http://127.0.0.1:" + app.port() + "/api";
    }

    /** Answers the next call with this JSON instead of {@code {"ok": true}}. */
    void answerNextWith(String json) {
        answers.add(json);
    }

    /** The locale {@code users.info} gives every user from now on. */
    void userLocale(String locale) {
        this.locale = locale;
    }

    /** The users whose locale was asked, in order. */
    List<String> lookups() {
        return List.copyOf(lookups);
    }

    /** The posts and updates, in order ({@code users.info} lookups are not among them). */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public void close() {
        app.stop();
    }
}
