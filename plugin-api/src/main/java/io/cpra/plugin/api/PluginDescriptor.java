package io.cpra.plugin.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plugin tells the platform about itself: the type name manifests use, a one-line
 * description, and every config key it accepts. Immutable and thread-safe.
 *
 * <p>Made with {@link #of}. New attributes arrive as new factories or accessors with a
 * default, so descriptors written against an older API keep compiling and loading.
 */
public final class PluginDescriptor {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final String type;
    private final String description;
    private final List<ConfigKey> keys;

    private PluginDescriptor(String type, String description, List<ConfigKey> keys) {
        this.type = Objects.requireNonNull(type, "type");
        this.description = Objects.requireNonNull(description, "description");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("plugin type \"" + type + "\" must match " + TYPE.pattern());
        }
        this.keys = List.copyOf(keys);
        Set<String> seen = new HashSet<>();
        for (ConfigKey key : this.keys) {
            if (!seen.add(key.name())) {
                throw new IllegalArgumentException("plugin " + type + " lists config key \"" + key.name() + "\" twice");
            }
        }
    }

    /**
     * A descriptor with the given keys.
     *
     * @param type        the name manifests select the plugin by, such as {@code http}; lower
     *                    case letters, digits, {@code -} and {@code _}, starting with a letter
     * @param description one line for {@code cpra plugins} and {@code /api/v1/plugins}
     * @param keys        the accepted config keys; keys not listed are rejected
     * @return the descriptor
     * @throws IllegalArgumentException when the type name is malformed or a key is listed twice
     */
    public static PluginDescriptor of(String type, String description, ConfigKey... keys) {
        return new PluginDescriptor(type, description, List.of(keys));
    }

    /**
     * A descriptor with the given keys.
     *
     * @param type        the type name, as for {@link #of(String, String, ConfigKey...)}
     * @param description one line of description
     * @param keys        the accepted config keys
     * @return the descriptor
     * @throws IllegalArgumentException when the type name is malformed or a key is listed twice
     */
    public static PluginDescriptor of(String type, String description, List<ConfigKey> keys) {
        return new PluginDescriptor(type, description, keys);
    }

    /**
     * The name manifests select the plugin by.
     *
     * @return such as {@code http}
     */
    public String type() {
        return type;
    }

    /**
     * One line for {@code cpra plugins} and {@code /api/v1/plugins}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The accepted config keys, in the order listed.
     *
     * @return the keys; keys not listed are rejected
     */
    public List<ConfigKey> keys() {
        return keys;
    }

    /**
     * One of the top-level keys, by name.
     *
     * @param name the key
     * @return the key, or empty when not listed
     */
    public Optional<ConfigKey> key(String name) {
        return keys.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PluginDescriptor that
                && type.equals(that.type) && description.equals(that.description) && keys.equals(that.keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, description, keys);
    }

    @Override
    public String toString() {
        return "PluginDescriptor[" + type + ", " + keys.size() + " keys]";
    }
}
