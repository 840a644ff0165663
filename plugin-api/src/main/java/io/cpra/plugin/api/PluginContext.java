package io.cpra.plugin.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a plugin learns about the monitor it prepares an instance for, beside its config block.
 * Immutable and thread-safe. New capabilities arrive as default methods, so plugins written
 * against an older API keep working.
 */
public interface PluginContext {

    /**
     * The monitor's name, for messages and for payloads that name it.
     *
     * @return the name as written in the manifest
     */
    String monitor();

    /**
     * The directory relative paths in config resolve against: the distribution's home, so
     * CPRA's {@code file: logs/alerts.log} lands in the distribution's {@code logs/}.
     *
     * @return an absolute directory
     */
    Path baseDirectory();

    /**
     * Resolves a path from config against {@link #baseDirectory()}; absolute paths stay as
     * they are.
     *
     * @param path a path as written in config
     * @return an absolute, normalised path
     */
    default Path resolve(String path) {
        return baseDirectory().resolve(path).toAbsolutePath().normalize();
    }

    /**
     * A context with the given values, for the platform and for plugin tests.
     *
     * @param monitor       the monitor's name
     * @param baseDirectory the directory relative paths resolve against
     * @return the context
     */
    static PluginContext of(String monitor, Path baseDirectory) {
        Objects.requireNonNull(monitor, "monitor");
        Path base = baseDirectory.toAbsolutePath().normalize();
        return new PluginContext() {
            @Override
            public String monitor() {
                return monitor;
            }

            @Override
            public Path baseDirectory() {
                return base;
            }

            @Override
            public String toString() {
                return "PluginContext[monitor=" + monitor + ", baseDirectory=" + base + "]";
            }
        };
    }
}
