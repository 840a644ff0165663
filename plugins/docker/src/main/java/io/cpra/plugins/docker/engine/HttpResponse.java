package io.cpra.plugins.docker.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A complete HTTP response. Immutable.
 *
 * @param status  the status code
 * @param headers header names in lower case; a repeated header keeps its last value
 * @param body    the body with any transfer coding removed
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    /**
     * Creates a response.
     *
     * @throws NullPointerException when a component is null
     */
    public HttpResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
