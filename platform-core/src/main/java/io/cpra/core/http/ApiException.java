package io.cpra.core.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * A request the API refuses, with the status and the one-line message the caller sees, and
 * optionally one entry per offending field. Thrown by routes and turned into the error body by
 * {@link Dispatcher}; it carries no stack trace, since it is an answer rather than a fault.
 */
final class ApiException extends RuntimeException {

    private final transient Status status;
    private final transient List<FieldError> errors;
    private final transient List<Header> headers;

    ApiException(Status status, String message, List<FieldError> errors) {
        this(status, message, errors, List.of());
    }

    ApiException(Status status, String message) {
        this(status, message, List.of(), List.of());
    }

    private ApiException(Status status, String message, List<FieldError> errors, List<Header> headers) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = List.copyOf(headers);
    }

    /** This refusal with one more response header, such as {@code Allow} or {@code Retry-After}. */
    ApiException withHeader(HeaderName name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(HeaderValues.create(name, value));
        return new ApiException(status, getMessage(), errors, more);
    }

    static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST_400, message);
    }

    static ApiException badRequest(String message, List<FieldError> errors) {
        return new ApiException(Status.BAD_REQUEST_400, message, errors);
    }

    /**
     * A 400 about the query parameters: one problem is the message itself, several are counted
     * in it, and {@code errors} holds each.
     *
     * @param errors at least one
     */
    static ApiException badParameters(List<FieldError> errors) {
        return badRequest(errors.size() == 1
                ? errors.getFirst().path() + ": " + errors.getFirst().message()
                : errors.size() + " problems with the query parameters", errors);
    }

    /** A 400 about one field: the message names it, and {@code errors} holds it. */
    static ApiException badField(String path, String message) {
        return new ApiException(Status.BAD_REQUEST_400, path + ": " + message, List.of(new FieldError(path, message)));
    }

    /** A 503 that a retry may cure: the engine or the store cannot answer now. */
    static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, message).withHeader(HeaderNames.RETRY_AFTER, "1");
    }

    static ApiException noMonitor(String name) {
        return new ApiException(Status.NOT_FOUND_404, "no monitor named \"" + name + "\"");
    }

    Status status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }

    List<Header> headers() {
        return headers;
    }

    /**
     * What is wrong with one part of a request.
     *
     * @param path    where: a query parameter's name, or a JSON path into the body such as {@code until}
     * @param message what is wrong with it
     */
    record FieldError(String path, String message) {
    }
}
