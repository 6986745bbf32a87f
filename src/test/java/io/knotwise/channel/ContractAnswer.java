package io.knotwise.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every HTTP answer owes a client whatever it sent (docs/API.md): never a 5xx, every error a JSON body
 * {@code {"error": {"code", "message"}}}, and no stack trace or Java class name in any body. Stateless.
 */
public final class ContractAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTERNALS = List.of("Exception", "at io.", "java.", "\tat ", "Caused by");
    /** A fully qualified Java class name, such as {@code com.fasterxml.jackson.core.StreamReadConstraints}. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");

    private ContractAnswer() {
    }

    /**
     * Fails unless the answer keeps the contract.
     *
     * @param sent what the request carried, in every form the guide may echo back (a parsed text, a raw body):
     *             a word the client sent itself is no leak when it comes back
     */
    public static void check(HttpResponse<String> response, String... sent) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        assertThat(status).as("status for a body answered with %s", body).isLessThan(500);
        for (String internal : INTERNALS) {
            if (!anyContains(sent, internal)) {
                assertThat(body).as("answer with status %d", status).doesNotContain(internal);
            }
        }
        Matcher className = CLASS_NAME.matcher(body);
        while (className.find()) {
            assertThat(anyContains(sent, className.group())).as("class name %s in %s", className.group(), body)
                    .isTrue();
        }
        if (status >= 300) {
            JsonNode error = parse(body).get("error");
            assertThat(error).as("error body %s", body).isNotNull();
            assertThat(error.path("code").isTextual()).as("error.code in %s", body).isTrue();
            assertThat(error.path("message").isTextual()).as("error.message in %s", body).isTrue();
            assertThat(error.path("message").asText()).as("error.message in %s", body).isNotBlank();
        }
    }

    private static boolean anyContains(String[] sent, String part) {
        for (String s : sent) {
            if (s != null && s.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("an error answer that is not JSON: " + body, e);
        }
    }
}
