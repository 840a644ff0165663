package io.cpra.plugins.network;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;

/**
 * Turns what a failed probe threw into the few words an operator needs. No instances.
 */
final class Failures {

    private static final int MAX_REASON = 200;

    private Failures() {
    }

    /**
     * Describes a failure.
     *
     * @param error     what the probe threw
     * @param stage     what the probe was doing, such as {@code "reading"}, for timeouts
     * @param elapsedMs how long the attempt ran
     */
    static String describe(Throwable error, String stage, long elapsedMs) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed: " + tlsReason(t);
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out " + stage + " after " + elapsedMs + " ms";
            }
            if (t instanceof ConnectException) {
                String message = String.valueOf(t.getMessage());
                return message.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : "cannot connect: " + shorten(message);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host: " + shorten(t.getMessage());
            }
        }
        return error.getClass().getSimpleName() + " while " + stage + ": " + shorten(error.getMessage());
    }

    /** Whether a failure was an interrupt; clears the thread's interrupt flag. */
    static boolean interrupted(Throwable error) {
        boolean interrupted = Thread.interrupted();
        for (Throwable t = error; t != null && !interrupted; t = t.getCause()) {
            interrupted = t instanceof InterruptedException || t instanceof ClosedByInterruptException;
        }
        return interrupted;
    }

    private static String tlsReason(Throwable ssl) {
        for (Throwable t = ssl; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the server certificate has expired";
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

    static String shorten(String text) {
        if (text == null) {
            return "no details";
        }
        String line = text.strip().replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
