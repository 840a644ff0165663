package io.cpra.plugins.network;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * What the checks of the {@code icmp} plugin share: the clock, what this process can send,
 * and the permits for native ICMP probes. Thread-safe.
 *
 * <p><b>Why permits.</b> {@link InetAddress#isReachable(int)} blocks inside native code, which
 * pins the virtual thread to its carrier for up to the probe's timeout: a few probes of dead
 * hosts could occupy every carrier and stall all other checks. So at most
 * {@link #MAX_CONCURRENT_PROPERTY} native probes (default: half the processors, at least one)
 * run at once; the others wait, within their deadline. The TCP probe is plain Java socket
 * I/O, which unmounts, and needs no permit.
 */
final class IcmpTools {

    /** System property bounding concurrent native ICMP probes. */
    static final String MAX_CONCURRENT_PROPERTY = "cpra.plugins.icmp.max-concurrent";

    /** The port the TCP probe connects to: echo, as the JDK's own fallback does. */
    static final int ECHO_PORT = 7;

    private final LongSupplier nanoClock;
    private final IcmpAccess access;
    private final Semaphore nativeProbes;

    IcmpTools(LongSupplier nanoClock, IcmpAccess access, int maxConcurrent) {
        this.nanoClock = nanoClock;
        this.access = access;
        this.nativeProbes = new Semaphore(maxConcurrent, true);
    }

    static IcmpTools system() {
        int fallback = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new IcmpTools(System::nanoTime, IcmpAccess.detect(), Math.max(1, Integer.getInteger(MAX_CONCURRENT_PROPERTY, fallback)));
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    IcmpAccess access() {
        return access;
    }

    Semaphore nativeProbes() {
        return nativeProbes;
    }

    /**
     * One ICMP echo request through the JDK. Blocks natively; hold a permit.
     *
     * @return whether an echo reply came within the timeout
     */
    static boolean echo(InetAddress address, int timeoutMillis) throws IOException {
        return address.isReachable(timeoutMillis);
    }

    /**
     * The JDK's fallback probe, in Java so that it unmounts and honours interrupts: connect to
     * port 7; an accepted or a refused connection both prove that the host's TCP stack
     * answered. A timeout or an unreachable network is no answer.
     *
     * @return whether the host answered
     * @throws IOException for an interrupt (the socket is closed) or an unexpected failure
     */
    static boolean tcpProbe(InetAddress address, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, ECHO_PORT), timeoutMillis);
            return true;
        } catch (ConnectException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("refused")) {
                return true;
            }
            if (message.contains("unreachable")) {
                return false;
            }
            throw e;
        } catch (SocketTimeoutException | NoRouteToHostException e) {
            return false;
        }
    }
}
