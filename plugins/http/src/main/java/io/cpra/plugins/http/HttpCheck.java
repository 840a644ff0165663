package io.cpra.plugins.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.http.Header;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One prepared {@code http} monitor: its URL and a pointer to its shared {@link HttpSpec}.
 * Immutable, so safe for concurrent calls.
 *
 * <p>Each attempt takes a client whose connect timeout fits in the time left, a connection
 * from {@link Connections} (an idle keep-alive one if there is one), sets the request's read
 * timeout to the time left, and reads the body only as far as the rules need: up to
 * {@link Bodies#LIMIT} bytes with body rules, otherwise it is drained so the connection can
 * be reused. Redirects are followed here, each hop on a connection of its own endpoint. A
 * transport error on a reused connection before any response arrived (the server closed it
 * while it was idle) is retried once on a fresh connection; a failure on a fresh connection
 * is reported at once. A failed attempt is repeated up to {@code retries} times while the
 * deadline allows; each attempt may use an equal share of the time left.
 * An interrupt (the platform's deadline or shutdown) surfaces as {@link InterruptedException}.
 */
final class HttpCheck implements PulseCheck {

    /** The longest pause between attempts; shorter when the deadline is near. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Header CONNECTION_CLOSE = HeaderValues.CONNECTION_CLOSE;

    private final String url;
    private final HttpSpec spec;
    private final Transport transport;

    HttpCheck(String url, HttpSpec spec, Transport transport) {
        this.url = url;
        this.spec = spec;
        this.transport = transport;
    }

    String url() {
        return url;
    }

    HttpSpec spec() {
        return spec;
    }

    /** The configured URL's {@code host:port}; redirects do not change it. */
    @Override
    public String destination() {
        return Endpoint.destination(url);
    }

    @Override
    public int destinationConcurrency() {
        return transport.connections().settings().perDestination();
    }

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        int allowed = spec.retries() + 1;
        PulseOutcome outcome = attempt(deadline.share(allowed));
        int attempts = 1;
        while (!outcome.passing() && attempts < allowed && !deadline.expired()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(RETRY_PAUSE_NANOS, deadline.remainingNanos() / 4));
            outcome = attempt(deadline.share(allowed - attempts));
            attempts++;
        }
        if (attempts == 1) {
            return outcome;
        }
        String note = outcome.passing() ? " (attempt " + attempts + ")" : " (" + attempts + " attempts)";
        return outcome.withMessage(outcome.message() + note);
    }


    private PulseOutcome attempt(Deadline deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before requesting " + url);
        }
        if (deadline.remainingNanos() <= 0) {
            return PulseOutcome.critical("timed out before the request was sent");
        }
        long start = transport.nanoTime();
        try {
            Method method = spec.method();
            String body = spec.body();
            URI uri = URI.create(url);
            Endpoint at = Endpoint.of(uri, spec.tls());
            for (int redirects = 0; ; redirects++) {
                Exchange exchange = exchange(at, uri, method, body, deadline);
                if (exchange.location == null) {
                    long elapsed = transport.nanoTime() - start;
                    return judge(exchange.status, exchange.text, exchange.size, elapsed, at);
                }
                if (redirects == spec.maxRedirects()) {
                    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - start);
                    return PulseOutcome.critical("HTTP " + exchange.status + " in " + elapsedMs
                            + " ms, redirected more than " + spec.maxRedirects() + " times")
                            .withDetail("time=" + elapsedMs + "ms size=" + exchange.size + "B");
                }
                uri = uri.resolve(exchange.location);
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null) {
                    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - start);
                    return PulseOutcome.critical(Failures.cap("HTTP " + exchange.status + " in " + elapsedMs
                            + " ms, redirected to " + Failures.line(exchange.location) + ", not an http(s) URL"))
                            .withDetail("time=" + elapsedMs + "ms size=" + exchange.size + "B");
                }
                at = Endpoint.of(uri, spec.tls());
                // 307 and 308 repeat the request as it was; the others continue with a GET
                if (exchange.status != 307 && exchange.status != 308 && !Method.HEAD.equals(method)) {
                    method = Method.GET;
                    body = null;
                }
            }
        } catch (RuntimeException e) {
            if (Failures.interrupted(e)) {
                InterruptedException interrupted = new InterruptedException("interrupted while requesting " + url);
                interrupted.initCause(e);
                throw interrupted;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(transport.nanoTime() - start);
            return PulseOutcome.critical(Failures.describe(e, elapsedMs))
                    .withDetail("time=" + elapsedMs + "ms");
        }
    }

    /** What one request brought back; {@code location} is set when it is a redirect to follow. */
    private record Exchange(int status, String text, int size, String location) {
    }

    /**
     * One request and its response on a connection of {@code at}: a reused one if there is
     * one, and a fresh one once more when the reused one fails before a response arrives.
     */
    private Exchange exchange(Endpoint at, URI uri, Method method, String body, Deadline deadline) {
        Connections connections = transport.connections();
        Transport.Client client = transport.client(spec.tls(), deadline.remainingNanos());
        Connections.Lease lease = connections.acquire(at, client.web(), spec.keepAlive());
        Progress progress = new Progress();
        try {
            Exchange exchange = exchange(lease, client, uri, method, body, deadline, progress);
            connections.finish(lease, spec.keepAlive());
            return exchange;
        } catch (RuntimeException e) {
            connections.finish(lease, false);
            if (!lease.reused() || progress.responded || Failures.timedOut(e) || Failures.causedByInterrupt(e)
                    || deadline.expired()) {
                throw e;
            }
        }
        // the server closed the idle connection, or broke it: once more on a fresh one
        Transport.Client fresh = transport.client(spec.tls(), deadline.remainingNanos());
        lease = connections.acquire(at, fresh.web(), false);
        try {
            Exchange exchange = exchange(lease, fresh, uri, method, body, deadline, new Progress());
            connections.finish(lease, spec.keepAlive());
            return exchange;
        } catch (RuntimeException e) {
            connections.finish(lease, false);
            throw e;
        }
    }

    /** Whether the response's status line arrived: after that, a failure is the server's, not a stale connection's. */
    private static final class Progress {
        private boolean responded;
    }

    private Exchange exchange(Connections.Lease lease, Transport.Client client, URI uri, Method method, String body,
                              Deadline deadline, Progress progress) {
        Http1ClientRequest request = client.http1().method(method)
                // a URI, not the string: Helidon reads a string as a path and would encode its '?'
                .uri(uri)
                .connection(lease.connection())
                .followRedirects(false)
                // never zero: a socket reads a zero timeout as "wait forever"
                .readTimeout(Duration.ofMillis(deadline.timeoutMillis()));
        for (Header header : spec.headers().headers()) {
            request.header(header);
        }
        if (!spec.keepAlive()) {
            request.header(CONNECTION_CLOSE);
        }
        try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
            progress.responded = true;
            int status = response.status().code();
            String location = null;
            if (spec.followRedirects() && status >= 300 && status < 400 && status != 304) {
                location = response.headers().first(HeaderNames.LOCATION).orElse(null);
            }
            if (Method.HEAD.equals(method)) {
                // a HEAD response announces the length of a body it does not send
                return new Exchange(status, null, 0, location);
            }
            if (location == null && spec.bodyRules().needsBody()) {
                Bodies.Body read = Bodies.read(response);
                return new Exchange(status, new String(read.bytes(), 0, read.length(), charset(response)),
                        read.length(), null);
            }
            return new Exchange(status, null, Bodies.drain(response), location);
        }
    }

    private static Charset charset(HttpClientResponse response) {
        return response.headers().contentType()
                .flatMap(HttpMediaType::charset)
                .flatMap(HttpCheck::charsetNamed)
                .orElse(StandardCharsets.UTF_8);
    }

    private static Optional<Charset> charsetNamed(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private PulseOutcome judge(int status, String body, int size, long elapsedNanos, Endpoint endpoint) {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
        String seen = "HTTP " + status + " in " + elapsedMs + " ms";
        String detail = "time=" + elapsedMs + "ms size=" + size + "B";
        if (!spec.status().matches(status)) {
            return PulseOutcome.critical(seen + ", expected " + spec.status()).withDetail(detail);
        }
        if (body != null) {
            String mismatch = spec.bodyRules().mismatch(body);
            if (mismatch != null) {
                return PulseOutcome.critical(seen + ", " + mismatch).withDetail(detail);
            }
        }
        if (spec.maxTime() != null && elapsedNanos > spec.maxTime().toNanos()) {
            return PulseOutcome.critical(seen + ", slower than " + Durations.format(spec.maxTime())).withDetail(detail);
        }
        List<String> warnings = new ArrayList<>(2);
        if (spec.warnTime() != null && elapsedNanos > spec.warnTime().toNanos()) {
            warnings.add("slower than " + Durations.format(spec.warnTime()));
        }
        ExpiryLedger ledger = transport.ledger(spec.tls());
        if (ledger != null) {
            ExpiryLedger.Seen certificate = ledger.seen(endpoint.host(), endpoint.port());
            if (certificate == null) {
                warnings.add("no certificate seen from " + endpoint.host() + ":" + endpoint.port());
            } else {
                Duration left = Duration.between(transport.wallClock().instant(),
                        Instant.ofEpochMilli(certificate.notAfterMillis()));
                String expiry = expiry(left, certificate.notAfterMillis());
                if (left.isNegative() || left.isZero()
                        || (spec.certCritical() != null && left.compareTo(spec.certCritical()) < 0)) {
                    return PulseOutcome.critical(seen + ", " + expiry).withDetail(detail);
                }
                if (spec.certWarning() != null && left.compareTo(spec.certWarning()) < 0) {
                    warnings.add(expiry);
                }
            }
        }
        if (!warnings.isEmpty()) {
            return PulseOutcome.warning(seen + ", " + String.join("; ", warnings)).withDetail(detail);
        }
        return PulseOutcome.ok(seen).withDetail(detail);
    }

    private static String expiry(Duration left, long notAfterMillis) {
        Instant when = Instant.ofEpochMilli(notAfterMillis);
        if (left.isNegative() || left.isZero()) {
            return "certificate expired at " + when;
        }
        Duration shown = left.toMinutes() > 0 ? Duration.ofMinutes(left.toMinutes()) : left.withNanos(0);
        return "certificate expires in " + Durations.format(shown) + " (" + when + ")";
    }

    @Override
    public String toString() {
        return "HttpCheck[" + spec.method() + " " + url + "]";
    }
}
