package io.cpra.core.listen;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The listener's only HTTP/1.1 connection selector: Helidon hands it each connection right after
 * {@code accept}, before a byte is read (a listener with a single selector skips identification).
 * It refuses a connection whose client address already holds
 * {@link ListenerSettings#maxConnectionsPerClient()} connections, and wraps the others so that
 * {@link #sweep()} can close those past their deadline:
 *
 * <table>
 *   <caption>deadlines by phase</caption>
 *   <tr><th>phase</th><th>from</th><th>deadline</th></tr>
 *   <tr><td>waiting for a request (and its request line)</td><td>accept, or the end of the previous answer</td><td>idle-timeout</td></tr>
 *   <tr><td>headers</td><td>the request line</td><td>header-timeout</td></tr>
 *   <tr><td>body (only when the request declares one)</td><td>the end of the headers</td><td>body-timeout, until the answer starts</td></tr>
 *   <tr><td>answering (event streams included)</td><td>the answer's status line</td><td>none</td></tr>
 * </table>
 *
 * <p>Threads: each connection's own thread moves its phase (through Helidon's HTTP/1 listener
 * callbacks) and is the only writer of it; the sweeper thread only reads phases and closes
 * sockets. Counts per client are updated atomically per key.
 */
final class ConnectionGuard implements ServerConnectionSelector {

    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    private static final String TOO_MANY_TEXT = "too many connections from your address\n";
    private static final byte[] TOO_MANY = ("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n"
            + "Content-Type: text/plain\r\nContent-Length: " + TOO_MANY_TEXT.length() + "\r\n\r\n" + TOO_MANY_TEXT)
            .getBytes(StandardCharsets.US_ASCII);

    private final ListenerSettings settings;
    private final LongSupplier nanos;
    private final Http1ConnectionSelector http1;
    private final Map<ConnectionContext, Guarded> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    ConnectionGuard(ListenerSettings settings, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
        this.http1 = Http1ConnectionSelector.builder()
                .config(Http1Config.builder()
                        .addReceiveListener(new Received())
                        .addSendListener(new Sent())
                        .build())
                .build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        return http1.supports(request);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        InetAddress client = ctx.remotePeer().address() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (client != null && perClient.merge(client, 1, Integer::sum) > settings.maxConnectionsPerClient()) {
            release(client);
            refused.increment();
            LOG.log(System.Logger.Level.DEBUG, () -> "refused a connection from " + client + ": it holds "
                    + settings.maxConnectionsPerClient() + " already");
            return new Refused(ctx);
        }
        Guarded guarded = new Guarded(ctx, client, http1.connection(ctx));
        open.put(ctx, guarded);
        return guarded;
    }

    /** Closes every connection past its deadline; called by the sweeper thread. */
    void sweep() {
        long now = nanos.getAsLong();
        for (Guarded connection : open.values()) {
            String why = overdue(connection.readingRequestLine(), connection.idleTime(), connection.phase, now, settings);
            if (why != null) {
                timedOut.increment();
                LOG.log(System.Logger.Level.DEBUG, () -> "closed a connection from " + connection.client + ": " + why);
                connection.shut();
            }
        }
    }

    /**
     * The rule: why a connection is past its deadline, or {@code null} when it is not.
     *
     * @param readingRequestLine whether it waits for the request line of its next request
     * @param idle               how long since its last answer ended (or since accept)
     * @param phase              the phase of its current request, or {@code null} before the first
     * @param now                the clock now, in nanos
     * @param settings           the deadlines
     * @return the reason, or {@code null}
     */
    static String overdue(boolean readingRequestLine, Duration idle, Phase phase, long now, ListenerSettings settings) {
        if (readingRequestLine) {
            return idle.compareTo(settings.idleTimeout()) > 0 ? "no request within " + settings.idleTimeout() : null;
        }
        if (phase == null) {
            return null;
        }
        long age = now - phase.sinceNanos();
        return switch (phase.step()) {
            case HEADERS -> age > settings.headerTimeout().toNanos()
                    ? "headers not complete within " + settings.headerTimeout() : null;
            case BODY -> age > settings.bodyTimeout().toNanos()
                    ? "body not received within " + settings.bodyTimeout() : null;
            case ANSWER -> null;
        };
    }

    /** Connections refused for their client's cap, since start. */
    long refused() {
        return refused.sum();
    }

    /** Connections closed past a deadline, since start. */
    long timedOut() {
        return timedOut.sum();
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }

    private void forget(Guarded connection) {
        open.remove(connection.ctx);
        if (connection.client != null) {
            release(connection.client);
        }
    }

    private void release(InetAddress client) {
        perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    /** Where a request is, and since when (nanos of the guard's clock). */
    record Phase(Step step, long sinceNanos) {
    }

    /** The steps of a request that can have a deadline. */
    enum Step {
        HEADERS, BODY, ANSWER
    }

    /** Moves a connection's phase as its request arrives. */
    private final class Received implements Http1ConnectionListener {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            move(ctx, Step.HEADERS);
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            boolean body = headers.contains(HeaderNames.TRANSFER_ENCODING)
                    || headers.contains(HeaderNames.CONTENT_LENGTH) && !"0".equals(headers.get(HeaderNames.CONTENT_LENGTH).get().strip());
            move(ctx, body ? Step.BODY : Step.ANSWER);
        }
    }

    /** Moves a connection's phase when its answer starts. */
    private final class Sent implements Http1ConnectionListener {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            if (status.code() >= 200) {
                move(ctx, Step.ANSWER);
            }
        }
    }

    private void move(ConnectionContext ctx, Step step) {
        Guarded connection = open.get(ctx);
        if (connection != null) {
            connection.phase = new Phase(step, nanos.getAsLong());
        }
    }

    /** A connection under the guard's deadlines; forgets itself when Helidon is done with it. */
    private final class Guarded implements ServerConnection, InterruptableTask<Void> {
        private final ConnectionContext ctx;
        private final InetAddress client;
        private final ServerConnection http;
        /** Written only by the connection's own thread; volatile so that the sweeper sees the latest. */
        private volatile Phase phase;

        Guarded(ConnectionContext ctx, InetAddress client, ServerConnection http) {
            this.ctx = ctx;
            this.client = client;
            this.http = http;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            try {
                http.handle(limit);
            } finally {
                forget(this);
            }
        }

        @Override
        public Duration idleTime() {
            return http.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            http.close(interrupt);
        }

        @Override
        public boolean canInterrupt() {
            return readingRequestLine();
        }

        boolean readingRequestLine() {
            return http instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        /** Ends the connection now: its thread may be blocked reading, so the socket is closed too. */
        void shut() {
            http.close(true);
            try {
                ctx.serverSocket().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, "closing a timed-out socket failed", e);
            }
        }
    }

    /** A connection over its client's cap: answered 503 and closed, its request unread. */
    private static final class Refused implements ServerConnection {
        private final ConnectionContext ctx;

        Refused(ConnectionContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void handle(Limit limit) {
            try {
                ctx.dataWriter().writeNow(BufferData.create(TOO_MANY));
            } catch (RuntimeException gone) {
                // the client left already; closing is all that is left to do
            }
            throw new CloseConnectionException("too many connections from this client address");
        }

        @Override
        public Duration idleTime() {
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            ctx.serverSocket().close();
        }
    }
}
