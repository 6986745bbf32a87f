package io.knotwise.channel.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before Javalin sees the request (an ambiguous or malformed URI, a bad header),
 * in the same JSON shape as every other error instead of Jetty's HTML page, and without a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // A garbled request line ("HTTP/9.9", or the rest of a refused body read as a new request) is the client's
        // fault: a 400, not the 505 Jetty would give, which reads as a server error.
        int status = code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
        response.setStatus(status);
        String name = status == 400 ? "bad_request" : status == 413 ? "payload_too_large"
                : status == 404 ? "not_found" : status < 500 ? "bad_request" : "internal_error";
        String said = status < 500 && message != null && !message.isBlank()
                ? "the request was refused: " + message : HttpStatus.getMessage(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(Json.errorBody(name, said)).getBytes(StandardCharsets.UTF_8)),
                callback);
    }
}
