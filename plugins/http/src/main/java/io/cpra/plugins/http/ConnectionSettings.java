package io.cpra.plugins.http;

import io.cpra.plugin.api.Durations;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How many keep-alive connections the plugin keeps, and for how long. Settings of the whole
 * plugin, not of one monitor: they come from system properties (in a distribution, through
 * {@code CPRA_JAVA_OPTS}). Immutable.
 *
 * @param perDestination the most idle connections kept per destination and TLS profile, 1 to
 *                       65,536 ({@value #PER_DESTINATION_PROPERTY}, default
 *                       {@value #DEFAULT_PER_DESTINATION}); also what
 *                       {@link io.cpra.plugin.api.PulseCheck#destinationConcurrency()} reports,
 *                       so the platform runs no more checks of one destination at once than
 *                       can keep their connections
 * @param idleTimeout    an idle connection older than this is closed rather than reused, 1s to
 *                       1h ({@value #IDLE_TIMEOUT_PROPERTY}, default 30s): below the
 *                       keep-alive timeouts of common servers (nginx 75s, ALB 60s), so reuse
 *                       rarely meets a connection the server has just closed
 * @param maxIdle        the most idle connections kept in all, 0 to 1,000,000
 *                       ({@value #MAX_IDLE_PROPERTY}, default {@value #DEFAULT_MAX_IDLE}); 0
 *                       turns reuse off. Each costs a socket and about 20 KiB of buffers
 */
record ConnectionSettings(int perDestination, Duration idleTimeout, int maxIdle) {

    static final String PER_DESTINATION_PROPERTY = "cpra.http.connections-per-destination";
    static final String IDLE_TIMEOUT_PROPERTY = "cpra.http.idle-timeout";
    static final String MAX_IDLE_PROPERTY = "cpra.http.max-idle-connections";
    static final int DEFAULT_PER_DESTINATION = 256;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_IDLE = 10_000;

    static final ConnectionSettings DEFAULTS =
            new ConnectionSettings(DEFAULT_PER_DESTINATION, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_IDLE);

    ConnectionSettings {
        if (perDestination < 1 || perDestination > 65_536) {
            throw new IllegalArgumentException(PER_DESTINATION_PROPERTY + " must be between 1 and 65536, got " + perDestination);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(IDLE_TIMEOUT_PROPERTY + " must be between 1s and 1h, got "
                    + Durations.format(idleTimeout));
        }
        if (maxIdle < 0 || maxIdle > 1_000_000) {
            throw new IllegalArgumentException(MAX_IDLE_PROPERTY + " must be between 0 and 1000000, got " + maxIdle);
        }
    }

    /**
     * The settings named by properties, defaults for those not set.
     *
     * @param properties looks a property up, null when not set ({@code System::getProperty})
     * @throws IllegalArgumentException naming the property when a value is malformed or out of range
     */
    static ConnectionSettings from(UnaryOperator<String> properties) {
        return new ConnectionSettings(
                integer(properties, PER_DESTINATION_PROPERTY, DEFAULT_PER_DESTINATION),
                duration(properties, IDLE_TIMEOUT_PROPERTY, DEFAULT_IDLE_TIMEOUT),
                integer(properties, MAX_IDLE_PROPERTY, DEFAULT_MAX_IDLE));
    }

    private static int integer(UnaryOperator<String> properties, String name, int fallback) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
        }
    }

    private static Duration duration(UnaryOperator<String> properties, String name, Duration fallback) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Durations.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 30s, got \"" + value + "\"");
        }
    }
}
