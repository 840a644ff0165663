package io.cpra.plugin.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plugin tells the platform about itself: the type name manifests use, a one-line
 * description, and every config key it accepts. Immutable.
 *
 * @param type        the name manifests select the plugin by, such as {@code http}; lower case
 *                    letters, digits, {@code -} and {@code _}, starting with a letter
 * @param description one line for {@code cpra plugins} and {@code /api/v1/plugins}
 * @param keys        the accepted config keys; keys not listed are rejected
 */
public record PluginDescriptor(String type, String description, List<ConfigKey> keys) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /**
     * Creates a descriptor.
     *
     * @throws IllegalArgumentException when the type name is malformed or a key is listed twice
     */
    public PluginDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("plugin type \"" + type + "\" must match " + TYPE.pattern());
        }
        keys = List.copyOf(keys);
        Set<String> seen = new HashSet<>();
        for (ConfigKey key : keys) {
            if (!seen.add(key.name())) {
                throw new IllegalArgumentException("plugin " + type + " lists config key \"" + key.name() + "\" twice");
            }
        }
    }

    /**
     * A descriptor with the given keys.
     *
     * @param type        the type name
     * @param description one line of description
     * @param keys        the accepted config keys
     * @return the descriptor
     */
    public static PluginDescriptor of(String type, String description, ConfigKey... keys) {
        return new PluginDescriptor(type, description, List.of(keys));
    }
}
