package io.cpra.core.http;

import io.helidon.http.Method;

import java.util.List;
import java.util.Objects;

/**
 * One route of the API: a method, a path template such as
 * {@code /api/v1/monitors/{name}/pause} and what answers it. A template is literal segments and
 * {@code {parameter}} segments, each parameter matching one whole non-empty segment. Immutable.
 *
 * @param method   the HTTP method
 * @param path     the template, starting with {@link ApiRouting#PREFIX}
 * @param endpoint what answers it
 */
record Route(Method method, String path, Endpoint endpoint) {

    /** Checks the template. */
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!path.startsWith(ApiRouting.PREFIX + "/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("a route's path starts with " + ApiRouting.PREFIX
                    + "/ and has no empty segment: " + path);
        }
    }

    /**
     * Whether this route changes something; such routes always need the token.
     *
     * @return true for every method but GET and HEAD
     */
    boolean write() {
        return !method.equals(Method.GET) && !method.equals(Method.HEAD);
    }

    /** The template's segments, without the leading empty one. */
    List<String> segments() {
        return List.of(path.substring(1).split("/"));
    }

    /** Answers one call of a route. */
    @FunctionalInterface
    interface Endpoint {

        /**
         * Answers.
         *
         * @param call the request, the response and the path's parameters
         * @throws ApiException to refuse with a status and a message
         * @throws Exception    anything else is logged and answered with a generic 500
         */
        void handle(Call call) throws Exception;
    }
}
