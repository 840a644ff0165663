package io.cpra.plugin.api;

import java.util.List;
import java.util.Objects;

/**
 * One config key a plugin accepts, as listed in its {@link PluginDescriptor}. Immutable.
 *
 * @param name         the key as written in YAML, such as {@code expected_status}
 * @param type         the shape its value must have
 * @param required     whether the key must be present
 * @param defaultValue the default shown to users when absent, or {@code null} for none; the
 *                     plugin applies it itself through {@link PluginConfig}'s accessors
 * @param description  one line, shown by {@code cpra plugins TYPE} and {@code GET /api/v1/plugins}
 * @param children     for a {@link ValueType#MAP} key, the keys its map accepts; empty means
 *                     any keys (a map of headers, say)
 */
public record ConfigKey(String name, ValueType type, boolean required, String defaultValue,
                        String description, List<ConfigKey> children) {

    /**
     * Creates a key.
     *
     * @throws IllegalArgumentException when children are given for a key that is not a map
     */
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        children = List.copyOf(children);
        if (!children.isEmpty() && type != ValueType.MAP) {
            throw new IllegalArgumentException("config key \"" + name + "\" has children but is not a map");
        }
    }

    /**
     * A key that must be present.
     *
     * @param name        the key
     * @param type        its value's shape
     * @param description one line of description
     * @return the key
     */
    public static ConfigKey required(String name, ValueType type, String description) {
        return new ConfigKey(name, type, true, null, description, List.of());
    }

    /**
     * A key that may be absent.
     *
     * @param name         the key
     * @param type         its value's shape
     * @param defaultValue the default as users would write it, or {@code null} for none
     * @param description  one line of description
     * @return the key
     */
    public static ConfigKey optional(String name, ValueType type, String defaultValue, String description) {
        return new ConfigKey(name, type, false, defaultValue, description, List.of());
    }

    /**
     * This map key with the keys its map accepts.
     *
     * @param keys the nested keys
     * @return a copy with the given children
     */
    public ConfigKey withChildren(ConfigKey... keys) {
        return new ConfigKey(name, type, required, defaultValue, description, List.of(keys));
    }
}
