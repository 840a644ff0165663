package io.cpra.plugins.http;

import io.helidon.webclient.api.RuntimeUnknownHostException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * Turns what a failed request threw into the few words an operator needs: timed out,
 * connection refused, unknown host, or why TLS failed. No instances.
 */
final class Failures {

    private static final int MAX_REASON = 200;

    private Failures() {
    }

    /**
     * Describes a failure.
     *
     * @param error     what the request threw
     * @param elapsedMs how long the attempt ran
     * @return a message such as {@code "connection refused"} or {@code "timed out after 512 ms"}
     */
    static String describe(Throwable error, long elapsedMs) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed: " + tlsReason(t);
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out after " + elapsedMs + " ms (" + shorten(t.getMessage()) + ")";
            }
            if (t instanceof ConnectException) {
                String message = String.valueOf(t.getMessage());
                return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + shorten(message);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException || t instanceof RuntimeUnknownHostException) {
                return "unknown host: " + shorten(t.getMessage());
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + shorten(root.getMessage());
    }

    private static String tlsReason(Throwable ssl) {
        for (Throwable t = ssl; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the server certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the server certificate is not valid yet";
            }
            if (t instanceof CertPathBuilderException) {
                return "the server certificate is not trusted (" + shorten(t.getMessage()) + ")";
            }
            String message = t.getMessage();
            if (message != null && message.contains("No subject alternative")) {
                return "the server certificate does not match the host name (" + shorten(message) + ")";
            }
        }
        return shorten(ssl.getMessage());
    }

    /**
     * Whether a failure was caused by an interrupt. Helidon wraps an interrupt into a runtime
     * exception and may clear the thread's flag, so both the flag and the causes are checked.
     * Clears the flag.
     */
    static boolean interrupted(Throwable error) {
        boolean interrupted = Thread.interrupted();
        for (Throwable t = error; t != null && !interrupted; t = t.getCause()) {
            interrupted = t instanceof InterruptedException || t instanceof ClosedByInterruptException;
        }
        return interrupted;
    }

    static String shorten(String text) {
        if (text == null) {
            return "no details";
        }
        String line = text.strip().replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
