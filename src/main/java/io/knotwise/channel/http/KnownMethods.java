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
 * Answers a request with a method HTTP does not define ("FOO", "XYZZY") with a JSON 501 before anything else sees it:
 * no route, no log line per request, no metric series named after the made-up method. Thread-safe.
 */
final class KnownMethods extends Handler.Wrapper {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
    private static final byte[] ANSWER = Json.write(Json.errorBody("not_implemented",
            "this method is not one the guide answers; use GET, POST or DELETE")).getBytes(StandardCharsets.UTF_8);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (METHODS.contains(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.setStatus(501);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ANSWER), callback);
        return true;
    }
}
