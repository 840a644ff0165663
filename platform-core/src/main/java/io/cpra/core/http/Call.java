package io.cpra.core.http;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One call of a route: Helidon's request and response, and the path parameters the
 * {@link Router} decoded. Used by one request thread only.
 *
 * <p>A {@code HEAD} request runs its {@code GET} route; {@link #reply} then sends the status and
 * headers the {@code GET} would, {@code Content-Length} included, without the body (Helidon
 * 4.3.0 would write it). A route that streams asks {@link #head()} and answers headers only.
 */
final class Call {

    private final ServerRequest request;
    private final ServerResponse response;
    private final Map<String, String> params;
    private final String actor;

    Call(ServerRequest request, ServerResponse response, Map<String, String> params, String actor) {
        this.request = request;
        this.response = response;
        this.params = params;
        this.actor = actor;
    }

    /**
     * The name of the token the call was made with, which the event history records with every
     * change; writes always have one.
     *
     * @return the token's name, or {@code null} for an open read
     */
    String actor() {
        return actor;
    }

    /**
     * Whether this is a {@code HEAD} request run by its {@code GET} route: answer without a body.
     *
     * @return true for {@code HEAD}
     */
    boolean head() {
        return Method.HEAD.equals(request.prologue().method());
    }

    ServerRequest request() {
        return request;
    }

    ServerResponse response() {
        return response;
    }

    /** A path parameter of the route's template; present by construction. */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter {" + name + "}");
        }
        return value;
    }

    /**
     * The query parameters, refusing any this route does not know and any given twice: a
     * misspelt filter would otherwise silently list everything.
     *
     * @param accepted the names the route reads
     * @return the parameters
     * @throws ApiException 400 naming each unknown or repeated parameter
     */
    Parameters query(Set<String> accepted) {
        Parameters query;
        try {
            query = request.query();
            query.names();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the query string is not valid percent-encoding");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(query.names())) {
            if (!accepted.contains(name)) {
                errors.add(new ApiException.FieldError(name, accepted.isEmpty() ? "unknown parameter; this route takes none"
                        : "unknown parameter; accepted: " + String.join(", ", new TreeSet<>(accepted))));
            } else if (query.all(name).size() > 1) {
                errors.add(new ApiException.FieldError(name, "given more than once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badParameters(errors);
        }
        return query;
    }

    /** A query parameter's value, absent when missing or empty. */
    static Optional<String> value(Parameters query, String name) {
        return query.first(name).asOptional().filter(v -> !v.isEmpty());
    }

    /** Answers with a JSON body; for {@code HEAD}, with its headers only. */
    void reply(Status status, JsonStructure body) {
        send(response, head(), status, body);
    }

    /**
     * Answers with a JSON body, or for {@code HEAD} with the same status and headers and no body.
     *
     * @param response the response
     * @param head     whether the request is a {@code HEAD}
     * @param status   the status
     * @param body     the body a {@code GET} gets
     */
    static void send(ServerResponse response, boolean head, Status status, JsonStructure body) {
        response.status(status);
        if (!head) {
            response.send(body);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonWriter writer = Json.createWriter(bytes)) {
            writer.write(body);
        }
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        // kept by Helidon when set: the length a GET's body has, and no body written
        response.header(HeaderNames.CONTENT_LENGTH, Integer.toString(bytes.size()));
        response.send();
    }
}
