package io.cpra.plugin.api;

import java.util.Objects;

/**
 * A config value is missing or invalid. Names the monitor and the key path so the platform
 * can point at the file, line and column. Thrown by {@link Plugin#prepare} and by
 * {@link PluginConfig}'s accessors; never on the hot path.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String monitor;
    private final String path;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param monitor the monitor's name, or an empty string when not known
     * @param path    the key path, such as {@code pulse_check.config.port}, or an empty string
     * @param reason  what is wrong and what was expected
     */
    public ConfigException(String monitor, String path, String reason) {
        super(describe(monitor, path, reason));
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The monitor the bad value belongs to.
     *
     * @return the monitor's name, or an empty string
     */
    public String monitor() {
        return monitor;
    }

    /**
     * Where the bad value is.
     *
     * @return the key path, or an empty string for the block as a whole
     */
    public String path() {
        return path;
    }

    /**
     * What is wrong, without monitor and path.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    private static String describe(String monitor, String path, String reason) {
        StringBuilder text = new StringBuilder();
        if (monitor != null && !monitor.isEmpty()) {
            text.append("monitor \"").append(monitor).append("\": ");
        }
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(reason).toString();
    }
}
