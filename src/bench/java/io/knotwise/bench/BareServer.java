package io.knotwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;

/**
 * The ceiling for the HTTP load: a bare Javalin app, configured like Knotwise's, whose {@code GET /} answers a fixed
 * JSON body and whose {@code POST /api/v1/parse} reads the JSON body with Jackson and answers a parse-shaped JSON (the
 * text, an intent with a confidence, no entities, no flags): everything the real endpoint does but understanding.
 * Usage: {@code java -cp target/bench/knotwise.jar io.knotwise.bench.BareServer PORT}.
 */
public final class BareServer {

    private static final String BODY = "{\"status\":\"ok\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.contentType("application/json").result(BODY));
            config.routes.post("/api/v1/parse", ctx -> {
                JsonNode body = JSON.readTree(ctx.bodyAsBytes());
                ObjectNode parsed = JSON.createObjectNode();
                parsed.put("text", body.path("text").asText());
                parsed.putObject("intent").put("name", "ask_question").put("confidence", 0.97);
                parsed.putArray("intent_ranking").addObject().put("name", "ask_question").put("confidence", 0.97);
                parsed.putArray("entities");
                parsed.putArray("red_flags");
                parsed.put("out_of_scope", false);
                ctx.contentType("application/json").result(JSON.writeValueAsBytes(parsed));
            });
        }).start("127.0.0.1", port);
        System.out.println("BareServer is listening on http://127.0.0.1:" + app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
