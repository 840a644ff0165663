package io.cpra.core.http;

import io.cpra.core.access.Scope;
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
 * @param scope    what a token must allow to call it: {@link Scope#READ} for reads (needed only
 *                 when reads are protected), {@link Scope#OPERATE} or {@link Scope#ADMIN} for writes
 * @param endpoint what answers it
 */
record Route(Method method, String path, Scope scope, Endpoint endpoint) {

    /**
     * A route whose scope follows from its method: reads need {@link Scope#READ}, writes
     * {@link Scope#ADMIN}.
     */
    Route(Method method, String path, Endpoint endpoint) {
        this(method, path, method.equals(Method.GET) || method.equals(Method.HEAD) ? Scope.READ : Scope.ADMIN, endpoint);
    }

    /**
     * A write that holds or runs a monitor without changing what it is.
     *
     * @return the route, needing {@link Scope#OPERATE}
     */
    static Route operate(Method method, String path, Endpoint endpoint) {
        return new Route(method, path, Scope.OPERATE, endpoint);
    }

    /** Checks the template, and that a write never needs only {@link Scope#READ}. */
    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(scope, "scope");
        boolean read = method.equals(Method.GET) || method.equals(Method.HEAD);
        if (!read && scope == Scope.READ) {
            throw new IllegalArgumentException("a write needs more than the read scope: " + method.text() + " " + path);
        }
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
