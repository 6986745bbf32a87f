package io.knotwise.channel.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a request with a method HTTP does not define ("FOO", "XYZZY") with a JSON 405 before anything else sees it:
 * no route, no log line per request, no metric series named after the made-up method. A 405 rather than HTTP's 501:
 * the client is at fault, and a flood of them must not read as server errors on a dashboard. Thread-safe.
 */
final class KnownMethods extends Handler.Wrapper {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final byte[] ANSWER = Json.write(Json.errorBody("method_not_allowed",
            "this method is not one the guide answers; use GET, POST or DELETE")).getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (METHODS.contains(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.setStatus(405);
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST, DELETE, OPTIONS");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ANSWER), callback);
        return true;
    }
}
