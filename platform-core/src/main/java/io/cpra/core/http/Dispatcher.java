package io.cpra.core.http;

import io.cpra.core.access.Caller;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The one Helidon handler behind {@code /api/v1/*}: finds the route ({@link Router}), lets the
 * {@link Guard} decide, runs the route, and turns every way a call can end into the API's
 * error format — {@code {"error": "...", "errors": [{"path": "...", "message": "..."}]}} — so no
 * answer ever carries a stack trace or an exception's class. An unexpected exception is logged
 * with a reference the 500 answer repeats, so an operator can find it. Thread-safe.
 */
final class Dispatcher implements Handler {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final Router router;
    private final Guard guard;

    Dispatcher(Router router, Guard guard) {
        this.router = router;
        this.guard = guard;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        Method method = request.prologue().method();
        boolean head = Method.HEAD.equals(method);
        try {
            // HEAD is GET without the body (RFC 9110 9.3.2): the GET route answers it
            switch (router.find(head ? Method.GET : method, request.path().rawPath())) {
                case Router.Lookup.Found found -> {
                    String actor = guard.check(request, found.route().scope()).map(Caller::name).orElse(null);
                    found.route().endpoint().handle(new Call(request, response, found.params(), actor));
                }
                case Router.Lookup.WrongMethod wrong -> throw new ApiException(Status.METHOD_NOT_ALLOWED_405,
                        "method " + method.text() + " is not allowed here; allowed: " + allowed(wrong))
                        .withHeader(HeaderNames.ALLOW, allowed(wrong));
                case Router.Lookup.NotFound notFound -> throw new ApiException(Status.NOT_FOUND_404,
                        "no such route: " + method.text() + " " + request.path().path());
            }
        } catch (ApiException e) {
            refuse(response, head, e);
        } catch (HttpException e) {
            // Helidon's own refusals (a malformed header, an unreadable entity): keep the status,
            // not the message, which may quote internals
            refuse(response, head, new ApiException(e.status(), e.status().reasonPhrase().toLowerCase(Locale.ROOT)));
        } catch (UncheckedIOException | CloseConnectionException | DataReader.InsufficientDataAvailableException e) {
            // the client went away mid-request or mid-answer: nobody to answer, nothing to fix,
            // so one line without a stack; Helidon closes the connection
            LOG.log(System.Logger.Level.INFO, "the client " + request.remotePeer().host() + " left during "
                    + method.text() + " " + request.path().path() + " (" + e.getClass().getSimpleName() + ")");
            throw new CloseConnectionException("the client left", e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            LOG.log(System.Logger.Level.ERROR, "internal error " + reference + " answering " + method.text() + " "
                    + request.path().path(), e);
            refuse(response, head, new ApiException(Status.INTERNAL_SERVER_ERROR_500,
                    "internal error; the server log has the details under reference " + reference));
        }
    }

    /** The methods a path allows; HEAD wherever GET is. */
    private static String allowed(Router.Lookup.WrongMethod wrong) {
        java.util.Set<Method> methods = new java.util.LinkedHashSet<>(wrong.allowed());
        if (methods.contains(Method.GET)) {
            methods.add(Method.HEAD);
        }
        return methods.stream().map(Method::text).collect(Collectors.joining(", "));
    }

    static void refuse(ServerResponse response, ApiException e) {
        refuse(response, false, e);
    }

    static void refuse(ServerResponse response, boolean head, ApiException e) {
        if (response.isSent()) {
            return;
        }
        for (Header header : e.headers()) {
            response.header(header);
        }
        Call.send(response, head, e.status(), body(e.getMessage(), e.errors()));
    }

    /** The error format of every refusal. */
    static JsonObject body(String message, List<ApiException.FieldError> errors) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", oneLine(message));
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            for (ApiException.FieldError error : errors) {
                list.add(Json.createObjectBuilder().add("path", error.path()).add("message", oneLine(error.message())));
            }
            body.add("errors", list);
        }
        return body.build();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
