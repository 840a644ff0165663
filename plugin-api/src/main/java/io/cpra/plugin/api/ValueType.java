package io.cpra.plugin.api;

/**
 * The shape a config value must have. The platform checks values against these before a
 * plugin's {@code prepare} runs; {@link PluginConfig}'s accessors apply the same rules.
 */
public enum ValueType {
    /** Any scalar, read as its text: {@code GET}, {@code 127.0.0.1}, {@code 8080}. */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A number, whole or not. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A duration in Go syntax such as {@code 500ms}, {@code 5s}, {@code 1h30m}; see {@link Durations}. */
    DURATION,
    /** A list of scalars; a single scalar is read as a list of one. */
    LIST,
    /** A nested map; its keys are checked against the key's children when it declares any. */
    MAP,
    /** Anything; the plugin validates it in {@code prepare}. */
    ANY
}
