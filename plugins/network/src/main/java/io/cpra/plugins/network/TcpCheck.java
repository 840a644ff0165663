package io.cpra.plugins.network;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One prepared {@code tcp} monitor: host, port and a pointer to its shared {@link TcpSpec}.
 * Immutable, so safe for concurrent calls.
 *
 * <p>An attempt connects with the time left as connect timeout, optionally shakes hands with
 * TLS, sends, and reads until the expected text appears, the peer closes, the read limit is
 * reached or the deadline passes; every blocking step gets the time left. A failed attempt is
 * repeated up to {@code retries} times, each attempt using an equal share of the time left.
 * The platform's
 * interrupt closes the socket and surfaces as {@link InterruptedException}.
 */
final class TcpCheck implements PulseCheck {

    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int SHOWN_REPLY = 60;

    private final String host;
    private final int port;
    private final TcpSpec spec;
    private final NetworkTools tools;

    TcpCheck(String host, int port, TcpSpec spec, NetworkTools tools) {
        this.host = host;
        this.port = port;
        this.spec = spec;
        this.tools = tools;
    }

    TcpSpec spec() {
        return spec;
    }

    /**
     * {@code host:port}, IPv6 literals in brackets; built on each call rather than kept, so a
     * million tcp monitors do not each hold one more string.
     */
    @Override
    public String destination() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
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
            throw new InterruptedException("interrupted before connecting to " + host + ":" + port);
        }
        if (deadline.expired()) {
            return PulseOutcome.critical("timed out before connecting to " + host + ":" + port);
        }
        long start = tools.nanoTime();
        String stage = "connecting";
        try (Socket plain = new Socket()) {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                return PulseOutcome.critical("unknown host: " + host);
            }
            plain.connect(address, deadline.timeoutMillis());
            plain.setSoTimeout(deadline.timeoutMillis());
            Socket socket = plain;
            X509Certificate certificate = null;
            if (spec.trust() != null) {
                stage = "in the TLS handshake";
                SSLSocket tls = (SSLSocket) tools.tls().factory(spec.trust()).createSocket(plain, host, port, true);
                if (spec.trust().verify()) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                certificate = chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
                socket = tls;
            }
            OutputStream out = socket.getOutputStream();
            if (spec.send() != null) {
                stage = "sending";
                out.write(spec.send().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            String reply = null;
            if (!spec.expect().isEmpty()) {
                stage = "reading";
                reply = read(socket, deadline);
            }
            if (spec.quit() != null) {
                out.write(spec.quit().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            return judge(tools.nanoTime() - start, reply, certificate);
        } catch (IOException | RuntimeException e) {
            if (Failures.interrupted(e)) {
                InterruptedException interrupted = new InterruptedException("interrupted " + stage + " " + host + ":" + port);
                interrupted.initCause(e);
                throw interrupted;
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(tools.nanoTime() - start);
            return PulseOutcome.critical(host + ":" + port + ": " + Failures.describe(e, stage, elapsedMs))
                    .withDetail("time=" + elapsedMs + "ms");
        }
    }

    /** Reads until the expected texts appear, the peer closes or the read limit is reached. */
    private String read(Socket socket, Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[spec.readLimit()];
        int length = 0;
        while (length < buffer.length) {
            socket.setSoTimeout(deadline.timeoutMillis());
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
            if (matches(new String(buffer, 0, length, StandardCharsets.ISO_8859_1))) {
                break;
            }
        }
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    private boolean matches(String reply) {
        for (String expected : spec.expect()) {
            boolean found = reply.contains(expected);
            if (found && !spec.matchAll()) {
                return true;
            }
            if (!found && spec.matchAll()) {
                return false;
            }
        }
        return spec.matchAll();
    }

    private PulseOutcome judge(long elapsedNanos, String reply, X509Certificate certificate) {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
        String seen = "connected to " + host + ":" + port + (spec.trust() != null ? " with TLS" : "")
                + " in " + elapsedMs + " ms";
        String detail = "time=" + elapsedMs + "ms";
        if (reply != null && !matches(reply)) {
            String wanted = (spec.matchAll() ? "all of " : spec.expect().size() > 1 ? "any of " : "")
                    + quoted(spec.expect());
            return PulseOutcome.critical(seen + ", reply lacks " + wanted + " (got " + shown(reply) + ")")
                    .withDetail(detail);
        }
        if (spec.maxTime() != null && elapsedNanos > spec.maxTime().toNanos()) {
            return PulseOutcome.critical(seen + ", slower than " + Durations.format(spec.maxTime())).withDetail(detail);
        }
        List<String> warnings = new ArrayList<>(2);
        if (spec.warnTime() != null && elapsedNanos > spec.warnTime().toNanos()) {
            warnings.add("slower than " + Durations.format(spec.warnTime()));
        }
        if (certificate != null && (spec.certWarning() != null || spec.certCritical() != null)) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            Duration left = Duration.between(tools.wallClock().instant(), notAfter);
            if (left.isNegative() || left.isZero()) {
                return PulseOutcome.critical(seen + ", certificate expired at " + notAfter).withDetail(detail);
            }
            String expiry = "certificate expires in " + Durations.format(Duration.ofMinutes(Math.max(1, left.toMinutes())))
                    + " (" + notAfter + ")";
            if (spec.certCritical() != null && left.compareTo(spec.certCritical()) < 0) {
                return PulseOutcome.critical(seen + ", " + expiry).withDetail(detail);
            }
            if (spec.certWarning() != null && left.compareTo(spec.certWarning()) < 0) {
                warnings.add(expiry);
            }
        }
        if (!warnings.isEmpty()) {
            return PulseOutcome.warning(seen + ", " + String.join("; ", warnings)).withDetail(detail);
        }
        return PulseOutcome.ok(seen).withDetail(detail);
    }

    private static String quoted(List<String> texts) {
        List<String> shown = new ArrayList<>(texts.size());
        for (String text : texts) {
            shown.add(shown(text));
        }
        return String.join(", ", shown);
    }

    /** A reply as people can read it: UTF-8 again, control characters escaped, cut short. */
    private static String shown(String latin1) {
        String text = new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < SHOWN_REPLY; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                case '"' -> shown.append("\\\"");
                default -> shown.append(c < 0x20 ? '?' : c);
            }
        }
        return shown.append(text.length() > SHOWN_REPLY ? "...\"" : "\"").toString();
    }

    @Override
    public String toString() {
        return "TcpCheck[" + host + ":" + port + "]";
    }
}
