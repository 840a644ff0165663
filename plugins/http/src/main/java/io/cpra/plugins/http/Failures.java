package io.cpra.plugins.http;

import io.helidon.webclient.api.RuntimeUnknownHostException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.io.EOFException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * Turns what a failed request threw into the one line an operator reads: timed out, connection
 * refused, reset or closed by the server, unknown host, why TLS failed, or the first line of
 * anything else. Never more than one line and never more than {@link #MAX_MESSAGE} characters:
 * Helidon's messages can carry hex dumps of what it read, which say nothing to an operator and
 * would be cut mid-table. No instances.
 */
final class Failures {

    /** The longest message, in characters. */
    static final int MAX_MESSAGE = 200;

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
        return cap(reason(error, elapsedMs));
    }

    private static String reason(Throwable error, long elapsedMs) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed: " + tlsReason(t);
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out after " + elapsedMs + " ms (" + line(t.getMessage()) + ")";
            }
            if (t instanceof ConnectException) {
                String message = String.valueOf(t.getMessage());
                return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + line(message);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException || t instanceof RuntimeUnknownHostException) {
                return "unknown host: " + line(t.getMessage());
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof SocketException && message.contains("reset")) {
                return "connection reset by peer";
            }
            if (t instanceof SocketException && message.contains("broken pipe")) {
                return "connection closed by peer (broken pipe)";
            }
            if (t instanceof EOFException || t.getClass().getSimpleName().equals("InsufficientDataAvailableException")) {
                // Helidon's reader found the end of the stream where it expected more
                return "connection closed by peer before the response was complete";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalStateException || root.getClass().getSimpleName().equals("IncorrectNewLineException")) {
            // Helidon's response parser: the server did not answer in HTTP/1.x
            return "invalid HTTP response: " + line(root.getMessage());
        }
        return root.getClass().getSimpleName() + ": " + line(root.getMessage());
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
                return "the server certificate is not trusted (" + line(t.getMessage()) + ")";
            }
            String message = t.getMessage();
            if (message != null && message.contains("No subject alternative")) {
                return "the server certificate does not match the host name (" + line(message) + ")";
            }
        }
        return line(ssl.getMessage());
    }

    /**
     * Whether a failure was caused by an interrupt. Helidon wraps an interrupt into a runtime
     * exception and may clear the thread's flag, so both the flag and the causes are checked.
     * Clears the flag.
     */
    static boolean interrupted(Throwable error) {
        return Thread.interrupted() | causedByInterrupt(error);
    }

    /** Like {@link #interrupted}, but leaves the thread's flag as it is. */
    static boolean causedByInterrupt(Throwable error) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        for (Throwable t = error; t != null && !interrupted; t = t.getCause()) {
            interrupted = t instanceof InterruptedException || t instanceof ClosedByInterruptException;
        }
        return interrupted;
    }

    /** Whether a failure was a timeout: the server was slow, which another try does not cure. */
    static boolean timedOut(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first line of a message, without what follows it (Helidon puts hex dumps there), a
     * dangling colon or control characters.
     */
    static String line(String text) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        int end = text.indexOf('\n');
        int table = text.indexOf("+---");
        if (table >= 0 && (end < 0 || table < end)) {
            end = table;
        }
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        while (line.endsWith(":")) {
            line = line.substring(0, line.length() - 1).strip();
        }
        StringBuilder clean = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            clean.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return clean.isEmpty() ? "no details" : clean.toString();
    }

    /** The text cut to {@link #MAX_MESSAGE} characters, with an ellipsis where it was cut. */
    static String cap(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
