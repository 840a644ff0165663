package io.cpra.core.listen;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tells whether a listening socket is still there, by trying to bind its address: the kernel
 * refuses ({@code EADDRINUSE}) while a socket listens on it, even with {@code SO_REUSEADDR}, and
 * allows it once none does. This asks the operating system rather than Helidon, whose listener
 * can end on its own (an {@code accept} that fails) while the server still reports itself running.
 *
 * <p>The same question answers "is the port free?" before the server starts. Stateless and
 * thread-safe; each question opens and closes one socket.
 */
public final class ListenerWatch {

    private ListenerWatch() {
    }

    /**
     * Whether some socket listens on the address.
     *
     * @param address the host and port
     * @return {@link Answer#LISTENING}, {@link Answer#FREE}, or {@link Answer#UNKNOWN} when the
     *         question itself failed (no file descriptor left to ask with, for one)
     */
    public static Answer probe(InetSocketAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address, 1);
            return Answer.FREE;
        } catch (BindException e) {
            // EADDRINUSE; EADDRNOTAVAIL (not this host's address) is a BindException too and tells nothing
            String message = e.getMessage();
            return message != null && message.contains("in use") ? Answer.LISTENING : Answer.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return Answer.UNKNOWN;
        }
    }

    /**
     * Why the listener on the address is gone, for the liveness check; {@code null} while it is
     * there or cannot be told.
     *
     * @param address the address the server listens on
     * @return the reason, or {@code null}
     */
    public static String gone(InetSocketAddress address) {
        return probe(address) == Answer.FREE
                ? "nothing listens on " + address.getHostString() + ":" + address.getPort() + " any more" : null;
    }

    /** What a probe found. */
    public enum Answer {
        /** A socket listens on the address. */
        LISTENING,
        /** Nothing listens; the address could be bound. */
        FREE,
        /** The probe could not tell. */
        UNKNOWN
    }
}
