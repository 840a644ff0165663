package io.cpra.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin that could not be loaded, or a type that was refused.
 *
 * @param location the jar or folder under {@code plugins/} at fault
 * @param message  one line naming the location and the cause
 */
public record PluginFailure(Path location, String message) {

    /** Checks that no component is null. */
    public PluginFailure {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }
}
