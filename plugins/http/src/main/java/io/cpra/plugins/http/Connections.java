package io.cpra.plugins.http;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.http1.Http1Client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The plugin's keep-alive connections, kept per {@link Endpoint} in place of Helidon's
 * connection cache. Thread-safe; no thread of its own.
 *
 * <p><b>Why not Helidon's cache.</b> Helidon 4.3.0's HTTP/1 cache returns a connection to its
 * queue and only then starts the connection's idle monitor, a virtual thread that reads one
 * byte to notice a close by the server. In between, another request can take the connection
 * from the queue and start reading its response while the monitor starts reading too: the
 * monitor takes the response's first byte and the request sees {@code TTP/1.1 200 OK}
 * ("Protocol is not HTTP"). Here a connection is handed to Helidon explicitly
 * ({@code request.connection(..)}), Helidon's release only marks it reusable, and the check
 * puts it back with {@link #finish} once it is done with it: a connection is in the idle
 * queue or owned by exactly one check, never both. No idle monitor runs; a connection the
 * server closed while it was idle shows up as a transport error on its next use, which the
 * check retries once on a fresh connection ({@link Lease#reused()}).
 *
 * <p><b>Bounds.</b> At most {@link ConnectionSettings#perDestination()} idle connections per
 * endpoint and {@link ConnectionSettings#maxIdle()} in all; a connection that would exceed
 * either is closed instead. The newest idle connection is reused first, so a quiet period lets
 * the older ones age out: those idle longer than {@link ConnectionSettings#idleTimeout()} are
 * closed when met, and a sweep at most twice per idle timeout, run by whichever check returns
 * a connection, closes them in every queue. An endpoint's queue, once made, stays (empty, a
 * few dozen bytes): removing it could race with a check putting a connection into it.
 */
final class Connections implements AutoCloseable {

    private static final List<String> ALPN = List.of(Http1Client.PROTOCOL_ID);
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private final ConnectionSettings settings;
    private final LongSupplier nanoClock;
    private final long idleNanos;
    private final Map<Endpoint, Idle> idle = new ConcurrentHashMap<>();
    private final AtomicInteger idleTotal = new AtomicInteger();
    private final AtomicLong lastSweep;
    private final AtomicLong opened = new AtomicLong();

    Connections(ConnectionSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.idleNanos = settings.idleTimeout().toNanos();
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    ConnectionSettings settings() {
        return settings;
    }

    /**
     * A connection to the endpoint: the newest idle one still young enough, else a new one.
     *
     * @param client the client whose connect timeout and TLS setup a new connection uses
     * @param reuse  false to skip the idle ones (a retry after a reused one failed; no keep-alive)
     * @throws RuntimeException what connecting threw: refused, timed out, unknown host, TLS
     */
    Lease acquire(Endpoint endpoint, WebClient client, boolean reuse) {
        if (reuse) {
            Idle queue = idle.get(endpoint);
            Lease lease;
            while (queue != null && (lease = queue.connections.pollFirst()) != null) {
                queue.size.decrementAndGet();
                idleTotal.decrementAndGet();
                if (nanoClock.getAsLong() - lease.idleSince < idleNanos && lease.connection.isConnected()) {
                    lease.reset(true);
                    return lease;
                }
                lease.connection.closeResource();
            }
        }
        Lease lease = new Lease(endpoint);
        WebClientConfig config = client.prototype();
        ConnectionKey key = ConnectionKey.create(endpoint.scheme(), endpoint.host(), endpoint.port(),
                endpoint.secure() ? config.tls() : NO_TLS, config.dnsResolver(), config.dnsAddressLookup(),
                config.proxy());
        lease.connection = TcpClientConnection.create(client, key, ALPN, lease::released, lease::closed).connect();
        opened.incrementAndGet();
        lease.reset(false);
        return lease;
    }

    /**
     * Ends a lease: keeps the connection for the next check when Helidon released it as
     * reusable and there is room, closes it otherwise. The caller must not touch the lease after.
     *
     * @param keep false to close the connection even if it could be reused
     */
    void finish(Lease lease, boolean keep) {
        if (lease.closed) {
            return;
        }
        if (!keep || !lease.reusable || !lease.connection.isConnected() || !reserve()) {
            lease.connection.closeResource();
            return;
        }
        Idle queue = idle.computeIfAbsent(lease.endpoint, e -> new Idle());
        if (queue.size.incrementAndGet() > settings.perDestination()) {
            queue.size.decrementAndGet();
            idleTotal.decrementAndGet();
            lease.connection.closeResource();
            return;
        }
        long now = nanoClock.getAsLong();
        lease.idleSince = now;
        // publishes the lease's plain fields to the check that polls it next
        queue.connections.offerFirst(lease);
        sweepIfDue(now);
    }

    /** Counts one more idle connection if the total allows. */
    private boolean reserve() {
        while (true) {
            int total = idleTotal.get();
            if (total >= settings.maxIdle()) {
                return false;
            }
            if (idleTotal.compareAndSet(total, total + 1)) {
                return true;
            }
        }
    }

    private void sweepIfDue(long now) {
        long last = lastSweep.get();
        if (now - last < idleNanos / 2 || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (Idle queue : idle.values()) {
            Lease oldest;
            while ((oldest = queue.connections.peekLast()) != null && now - oldest.idleSince >= idleNanos) {
                if (queue.connections.removeLastOccurrence(oldest)) {
                    queue.size.decrementAndGet();
                    idleTotal.decrementAndGet();
                    oldest.connection.closeResource();
                }
            }
        }
    }

    /** Connections opened since start, for tests and benchmarks. */
    long opened() {
        return opened.get();
    }

    /** Idle connections kept right now. */
    int idleCount() {
        return idleTotal.get();
    }

    @Override
    public void close() {
        for (Idle queue : idle.values()) {
            Lease lease;
            while ((lease = queue.connections.pollFirst()) != null) {
                queue.size.decrementAndGet();
                idleTotal.decrementAndGet();
                lease.connection.closeResource();
            }
        }
    }

    /** The idle connections of one endpoint, newest first. */
    private static final class Idle {
        private final ConcurrentLinkedDeque<Lease> connections = new ConcurrentLinkedDeque<>();
        private final AtomicInteger size = new AtomicInteger();
    }

    /**
     * One connection and, while a check holds it, that check's view of it. Owned by one check
     * from {@link #acquire} to {@link #finish} (its fields are plain: the idle queue hands it
     * over), by the idle queue in between.
     */
    static final class Lease {
        private final Endpoint endpoint;
        private TcpClientConnection connection;
        private long idleSince;
        private boolean reused;
        private boolean reusable;
        private boolean closed;

        private Lease(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        private void reset(boolean reused) {
            this.reused = reused;
            this.reusable = false;
        }

        /** The connection to hand to Helidon's request. */
        TcpClientConnection connection() {
            return connection;
        }

        /** Whether the connection served an earlier check: a failure on it may mean the server closed it. */
        boolean reused() {
            return reused;
        }

        // Helidon's release, when a response was read to its end: keep the socket open, and
        // leave it to finish() to queue it once the check is done with it
        private boolean released(TcpClientConnection released) {
            reusable = true;
            return true;
        }

        private void closed(TcpClientConnection gone) {
            closed = true;
        }
    }
}
