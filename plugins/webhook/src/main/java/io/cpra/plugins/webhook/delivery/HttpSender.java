package io.cpra.plugins.webhook.delivery;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one HTTP request and reads the status and a short excerpt of the answer. Holds one
 * Helidon {@link WebClient} (and so one connection pool) for every instance its plugin
 * prepared. Never retries: the caller decides what a failure means.
 *
 * <p>Thread-safe; the blocking calls run on the caller's virtual thread.
 */
public final class HttpSender implements AutoCloseable {

    /** How long opening a connection may take at most; a call's deadline may cut it shorter. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final int EXCERPT = 300;
    private static final String USER_AGENT = "cpra";

    private final WebClient client;

    private HttpSender(WebClient client) {
        this.client = client;
    }

    /**
     * A sender with its own client: no redirects followed (a moved receiver is a config
     * error, not something to chase with a payload), and a fresh connection per request.
     *
     * <p>Why no keep-alive: Helidon 4.3.0's connection cache starts a monitor that reads from a
     * connection just returned to the cache, and a request that takes the connection in that
     * moment loses the first byte of its response ("Protocol is not HTTP"; the http pulse's
     * {@code Connections} tells the whole story). The http pulse keeps connections of its own; codes
     * and interventions are few, so a connection each costs little and a delivery never fails
     * for a reason that is not the receiver's.
     *
     * @return a new sender
     */
    public static HttpSender create() {
        return new HttpSender(WebClient.builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(false)
                .keepAlive(false)
                .build());
    }

    /**
     * What a receiver answered.
     *
     * @param status  the HTTP status code
     * @param excerpt the start of the body on one line, at most a few hundred characters
     */
    public record Reply(int status, String excerpt) {

        /**
         * The reply for people: {@code HTTP 503: upstream down}.
         *
         * @return status and excerpt
         */
        public String describe() {
            return "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
        }
    }

    /**
     * Sends one request.
     *
     * @param target      URL, method, the target's own headers and timeout
     * @param contentType the body's media type, or null when there is no body
     * @param extra       headers added for this request only (an idempotency key, say)
     * @param body        the body, or null for none
     * @param deadline    the call's deadline; the read timeout never runs past it
     * @return the receiver's answer
     * @throws IOException          when no answer came: refused, reset, timed out
     * @throws InterruptedException when the thread was interrupted (the platform's deadline)
     */
    public Reply exchange(HttpTarget target, String contentType, Map<String, String> extra, byte[] body,
                          Deadline deadline) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (deadline.expired()) {
            throw new InterruptedIOException("deadline passed before the request to " + target.withoutSecrets() + " was sent");
        }
        Duration timeout = min(target.timeout(), deadline.remaining());
        HttpClientRequest request = client.method(Method.create(target.method()))
                .uri(target.uri())
                .readTimeout(timeout)
                .header(HeaderNames.USER_AGENT, USER_AGENT);
        target.headers().forEach((name, value) -> request.header(HeaderNames.create(name), value));
        extra.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try {
            HttpClientResponse response;
            if (body == null) {
                response = request.request();
            } else {
                request.header(HeaderNames.CONTENT_TYPE, contentType);
                response = request.submit(body);
            }
            try (response) {
                String text = response.entity().hasEntity() ? response.as(String.class) : "";
                return new Reply(response.status().code(), excerpt(text));
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                InterruptedException interrupted = new InterruptedException("interrupted while calling " + target.withoutSecrets());
                interrupted.initCause(e);
                throw interrupted;
            }
            throw new IOException(describe(e), e);
        }
    }

    /**
     * Sends one request and classifies the answer as a delivery outcome.
     *
     * @param target   URL, method, headers and timeout
     * @param extra    headers for this request only
     * @param json     a JSON document, UTF-8
     * @param deadline the call's deadline
     * @return delivered for 2xx; retry for 408, 425, 429, 5xx and when no answer came; reject otherwise
     * @throws InterruptedException when interrupted
     */
    public DeliveryOutcome deliverJson(HttpTarget target, Map<String, String> extra, byte[] json, Deadline deadline)
            throws InterruptedException {
        try {
            return classify(exchange(target, "application/json", extra, json, deadline));
        } catch (IOException e) {
            return DeliveryOutcome.retry(e.getMessage());
        }
    }

    /**
     * What a status code means for a delivery: accepted, worth another attempt, or never going
     * to work.
     *
     * @param reply the receiver's answer
     * @return the outcome, with the status and excerpt as message
     */
    public static DeliveryOutcome classify(Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return DeliveryOutcome.delivered(reply.describe());
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryOutcome.retry(reply.describe());
        }
        if (status >= 300 && status < 400) {
            return DeliveryOutcome.reject(reply.describe() + " (redirects are not followed; configure the final URL)");
        }
        return DeliveryOutcome.reject(reply.describe());
    }

    /**
     * One line naming the root cause of a failed exchange, such as
     * {@code ConnectException: Connection refused}.
     *
     * @param failure what the client threw
     * @return the description
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }

    static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > EXCERPT ? line.substring(0, EXCERPT - 3) + "..." : line;
    }

    private static Duration min(Duration a, Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        return shorter.isZero() ? Duration.ofMillis(1) : shorter;
    }

    /** Releases the client's pooled connections. */
    @Override
    public void close() {
        client.closeResource();
    }
}
