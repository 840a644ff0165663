package io.cpra.core.listen;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.ListenerConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A Helidon listener made hard to knock over (see the package doc): {@link #harden} puts the
 * connection guard, the connection cap and TLS into a listener's configuration and starts the
 * sweeper thread that enforces the guard's deadlines; {@link #close()} stops it.
 */
public final class Listener implements AutoCloseable {

    private static final Duration MIN_SWEEP = Duration.ofMillis(50);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    private final ConnectionGuard guard;
    private final ScheduledExecutorService sweeper;
    private final int connectionCap;

    private Listener(ConnectionGuard guard, ScheduledExecutorService sweeper, int connectionCap) {
        this.guard = guard;
        this.sweeper = sweeper;
        this.connectionCap = connectionCap;
    }

    /**
     * Configures a listener (a {@code WebServer.builder()} is one) and starts the sweeper.
     *
     * @param listener the listener's configuration builder, before {@code build()}
     * @param settings the deadlines, caps and TLS
     * @return the running guard, to close when the server stops
     * @throws IllegalArgumentException when the TLS key or certificate cannot be used
     */
    public static Listener harden(ListenerConfig.BuilderBase<?, ?> listener, ListenerSettings settings) {
        return harden(listener, settings, System::nanoTime, fileDescriptorLimit(), openFileDescriptors());
    }

    static Listener harden(ListenerConfig.BuilderBase<?, ?> listener, ListenerSettings settings, LongSupplier nanos,
                           long fdLimit, long fdOpen) {
        // load the key before anything starts, so a bad file stops the start with its name
        if (settings.tls() != null) {
            listener.tls(Tls.builder().sslContext(settings.tls().sslContext()).build());
        }
        ConnectionGuard guard = new ConnectionGuard(settings, nanos);
        int cap = settings.connectionCap(fdLimit, fdOpen);
        // the guard must be the only selector: with one, Helidon hands it each connection before
        // reading a byte; with two, it would first block reading until the client says something
        listener.protocolsDiscoverServices(false)
                .protocols(List.of())
                .connectionSelectors(List.of(guard))
                // acquired before accept: once full, new clients wait in the kernel's backlog
                .maxTcpConnections(cap);
        Duration sweep = sweepPeriod(settings);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cpra-listener-guard").factory());
        sweeper.scheduleWithFixedDelay(guard::sweep, sweep.toNanos(), sweep.toNanos(), TimeUnit.NANOSECONDS);
        return new Listener(guard, sweeper, cap);
    }

    /** A quarter of the shortest deadline, between 50 ms and 1 s: a deadline is kept to within a quarter. */
    static Duration sweepPeriod(ListenerSettings settings) {
        Duration shortest = settings.idleTimeout();
        shortest = shortest.compareTo(settings.headerTimeout()) < 0 ? shortest : settings.headerTimeout();
        shortest = shortest.compareTo(settings.bodyTimeout()) < 0 ? shortest : settings.bodyTimeout();
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : quarter.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : quarter;
    }

    /**
     * The cap on open connections in force.
     *
     * @return the cap
     */
    public int connectionCap() {
        return connectionCap;
    }

    /**
     * Connections refused because their client address held its share, since start.
     *
     * @return the count
     */
    public long refused() {
        return guard.refused();
    }

    /**
     * Connections closed past a deadline, since start.
     *
     * @return the count
     */
    public long timedOut() {
        return guard.timedOut();
    }

    /** Stops the sweeper; the web server closes the connections. */
    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private static long fileDescriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    private static long openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }
}
