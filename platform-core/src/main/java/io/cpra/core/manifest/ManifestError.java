package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigException;

import java.util.Objects;

/**
 * One problem in a manifest, naming where it is: position, monitor and key path. Immutable.
 *
 * <p>The reader produces these for syntax, schema, limit and plugin-config problems; the stage
 * that prepares plugins makes more from a plugin's {@link ConfigException} through
 * {@link MonitorDefinition#error(ConfigException)}, so every problem reads the same way:
 * <pre>monitors.yaml:14:9: monitor "orders-db": pulse_check.config.port: expected a whole number, got "http"</pre>
 *
 * @param position where the problem is; the key's own line and column when it exists, else
 *                 those of the nearest enclosing block
 * @param monitor  the monitor's name, or an empty string outside a monitor or when its name is
 *                 unknown
 * @param path     the key path inside the monitor, such as {@code pulse_check.config.port};
 *                 for a monitor without a usable name it starts with {@code monitors[3]}; empty
 *                 for the manifest as a whole
 * @param message  what is wrong and what was expected
 */
public record ManifestError(ManifestPosition position, String monitor, String path, String message) {

    /** Creates an error. */
    public ManifestError {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code file:line:column: monitor "name": path: message}, leaving out the parts not known.
     *
     * @return the error as one line
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(position.toString()).append(": ");
        if (!monitor.isEmpty()) {
            text.append("monitor \"").append(monitor).append("\": ");
        }
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
