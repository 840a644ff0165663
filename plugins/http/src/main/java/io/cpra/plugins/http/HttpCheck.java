package io.cpra.plugins.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.http.Header;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * <p>Each attempt takes a client whose connect timeout fits in the time left, sets the
 * request's read timeout to the time left, and reads at most {@link #BODY_LIMIT} bytes of the
 * body. A failed attempt is repeated up to {@code retries} times while the deadline allows;
 * each attempt may use an equal share of the time left.
 * An interrupt (the platform's deadline or shutdown) surfaces as {@link InterruptedException}.
 */
final class HttpCheck implements PulseCheck {

    /** The most of a response body that is read; rules see the body cut here. */
    static final int BODY_LIMIT = 64 * 1024;

    /** The longest pause between attempts; shorter when the deadline is near. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final byte[] NO_BODY = new byte[0];

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
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            return PulseOutcome.critical("timed out before the request was sent");
        }
        long start = transport.nanoTime();
        try {
            HttpClientRequest request = transport.client(spec.tls(), remaining)
                    .method(spec.method())
                    // a URI, not the string: Helidon reads a string as a path and would encode its '?'
                    .uri(URI.create(url))
                    .followRedirects(spec.followRedirects())
                    .maxRedirects(spec.maxRedirects())
                    .keepAlive(spec.keepAlive())
                    // never zero: a socket reads a zero timeout as "wait forever"
                    .readTimeout(Duration.ofMillis(deadline.timeoutMillis()));
            for (Header header : spec.headers().headers()) {
                request.header(header);
            }
            try (HttpClientResponse response = spec.body() == null ? request.request() : request.submit(spec.body())) {
                int status = response.status().code();
                // a HEAD response announces the length of a body it does not send
                byte[] body = Method.HEAD.equals(spec.method()) ? NO_BODY : read(response);
                long elapsed = transport.nanoTime() - start;
                String text = spec.bodyRules().needsBody() ? new String(body, charset(response)) : null;
                return judge(status, text, body.length, elapsed, response.lastEndpointUri());
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

    private static byte[] read(HttpClientResponse response) {
        try (InputStream in = response.inputStream()) {
            return in.readNBytes(BODY_LIMIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private PulseOutcome judge(int status, String body, int size, long elapsedNanos, ClientUri endpoint) {
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
