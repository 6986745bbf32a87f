package io.knotwise.bench;

import io.javalin.Javalin;

/**
 * The ceiling for the HTTP load: a bare Javalin app, configured like Knotwise's, whose one endpoint {@code GET /}
 * answers a fixed JSON body. Usage: {@code java -cp target/bench/knotwise.jar io.knotwise.bench.BareServer PORT}.
 */
public final class BareServer {

    private static final String BODY = "{\"status\":\"ok\"}";

    private BareServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.contentType("application/json").result(BODY));
        }).start("127.0.0.1", port);
        System.out.println("BareServer is listening on http://127.0.0.1:" + app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
    }
}
