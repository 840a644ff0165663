package io.cpra.core.listen;

import io.cpra.plugin.api.Durations;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the listener protects itself: deadlines for each phase of a request, caps on connections,
 * and TLS. Immutable; read from the dashed keys under {@code server:} in
 * {@code conf/application.yaml}.
 *
 * <p>Ranges: every timeout from 1 ms to 1 day; {@code maxConnections} 1 to 1,000,000;
 * {@code maxConnectionsPerClient} 1 to {@code maxConnections}.
 *
 * @param idleTimeout             how long a connection may wait for (the request line of) its next
 *                                request ({@code server.idle-timeout})
 * @param headerTimeout           how long the headers of a request may take once its request line
 *                                arrived ({@code server.header-timeout})
 * @param bodyTimeout             how long the body of a request may take, from the end of its headers
 *                                until the answer starts ({@code server.body-timeout}); requests without
 *                                a body have no such deadline, so event streams stay open
 * @param maxConnections          open connections at most; more wait in the kernel's backlog
 *                                ({@code server.max-connections}); further bounded by the file
 *                                descriptors the process may open, see {@link #connectionCap}
 * @param maxConnectionsPerClient open connections from one client address at most; more are closed at
 *                                once ({@code server.max-connections-per-client})
 * @param tls                     TLS, or {@code null} for plain HTTP ({@code server.tls})
 */
public record ListenerSettings(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
                               int maxConnections, int maxConnectionsPerClient, TlsSettings tls) {

    /** A keep-alive connection with nothing to say is closed after a minute. */
    public static final String DEFAULT_IDLE_TIMEOUT = "60s";
    /** Headers come in one packet from any real client. */
    public static final String DEFAULT_HEADER_TIMEOUT = "10s";
    /** A 1 MiB body (the API's largest) in 30 s is 35 KiB/s. */
    public static final String DEFAULT_BODY_TIMEOUT = "30s";
    /** Far more than the dashboards, scripts and scrapers that call cpra. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
    /** A tenth of the total, so one address cannot take all. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 100;

    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    private static final int MAX_CONNECTIONS_CEILING = 1_000_000;
    /** Connections get at most this share of the file descriptors still free at start. */
    private static final int FD_SHARE_DIVISOR = 2;
    /** However few descriptors are free, a listener gets this many connections. */
    private static final int MIN_FD_CAP = 16;

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public ListenerSettings {
        timeout("idle-timeout", idleTimeout);
        timeout("header-timeout", headerTimeout);
        timeout("body-timeout", bodyTimeout);
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_CEILING) {
            throw new IllegalArgumentException("max-connections: must be between 1 and " + MAX_CONNECTIONS_CEILING
                    + ", got " + maxConnections);
        }
        if (maxConnectionsPerClient < 1 || maxConnectionsPerClient > maxConnections) {
            throw new IllegalArgumentException("max-connections-per-client: must be between 1 and max-connections ("
                    + maxConnections + "), got " + maxConnectionsPerClient);
        }
    }

    /**
     * The defaults, plain HTTP.
     *
     * @return the settings
     */
    public static ListenerSettings defaults() {
        return new ListenerSettings(Durations.parse(DEFAULT_IDLE_TIMEOUT), Durations.parse(DEFAULT_HEADER_TIMEOUT),
                Durations.parse(DEFAULT_BODY_TIMEOUT), DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, null);
    }

    /**
     * Reads the settings under {@code server}.
     *
     * @param server the {@code server} node
     * @param home   the cpra home, against which relative TLS paths resolve
     * @return the settings
     * @throws ConfigException naming the key of a bad value
     */
    public static ListenerSettings from(Config server, Path home) {
        Duration idle = duration(server.get("idle-timeout"), DEFAULT_IDLE_TIMEOUT);
        Duration header = duration(server.get("header-timeout"), DEFAULT_HEADER_TIMEOUT);
        Duration body = duration(server.get("body-timeout"), DEFAULT_BODY_TIMEOUT);
        int max = server.get("max-connections").asInt().orElse(DEFAULT_MAX_CONNECTIONS);
        int perClient = server.get("max-connections-per-client").asInt()
                .orElse(Math.min(DEFAULT_MAX_CONNECTIONS_PER_CLIENT, max));
        TlsSettings tls = TlsSettings.from(server.get("tls"), home);
        try {
            return new ListenerSettings(idle, header, body, max, perClient, tls);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(server.key() + "." + e.getMessage());
        }
    }

    /**
     * The cap on open connections given the file descriptors: {@link #maxConnections}, but no more
     * than half of the descriptors still free, so that a flood of connections leaves the other half
     * to checks, storage and logs and {@code accept} never fails for want of one.
     *
     * @param fdLimit the process's limit on open file descriptors, or a negative number when unknown
     * @param fdOpen  descriptors open now
     * @return the cap, at least {@value #MIN_FD_CAP} (or {@code maxConnections} when smaller)
     */
    public int connectionCap(long fdLimit, long fdOpen) {
        if (fdLimit < 0 || fdOpen < 0) {
            return maxConnections;
        }
        long free = Math.max(0, fdLimit - fdOpen);
        long share = Math.max(MIN_FD_CAP, free / FD_SHARE_DIVISOR);
        return (int) Math.min(maxConnections, share);
    }

    /**
     * These settings with TLS.
     *
     * @param tls the TLS settings, or {@code null} for plain HTTP
     * @return a copy
     */
    public ListenerSettings withTls(TlsSettings tls) {
        return new ListenerSettings(idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerClient, tls);
    }

    /**
     * These settings with other deadlines.
     *
     * @param idle   the idle timeout
     * @param header the header timeout
     * @param body   the body timeout
     * @return a copy
     */
    public ListenerSettings withTimeouts(Duration idle, Duration header, Duration body) {
        return new ListenerSettings(idle, header, body, maxConnections, maxConnectionsPerClient, tls);
    }

    /**
     * These settings with other caps.
     *
     * @param total     open connections at most
     * @param perClient open connections from one address at most
     * @return a copy
     */
    public ListenerSettings withCaps(int total, int perClient) {
        return new ListenerSettings(idleTimeout, headerTimeout, bodyTimeout, total, perClient, tls);
    }

    private static void timeout(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(key + ": must be between 1ms and 1d, got " + value);
        }
    }

    private static Duration duration(Config key, String fallback) {
        String text = key.asString().orElse(fallback);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.key() + ": " + e.getMessage());
        }
    }
}
