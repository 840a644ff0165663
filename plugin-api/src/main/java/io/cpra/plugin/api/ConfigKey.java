package io.cpra.plugin.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One config key a plugin accepts, as listed in its {@link PluginDescriptor}. Immutable and
 * thread-safe.
 *
 * <p>Made with {@link #required}, {@link #optional} or {@link #builder}, and refined with the
 * {@code with...} methods, each of which returns a copy. New attributes arrive as new builder
 * setters and accessors with a default, so descriptors written against an older API keep
 * compiling and loading.
 *
 * <pre>{@code
 * ConfigKey.required("url", ValueType.STRING, "the URL to request").withRoles(KeyRole.TARGET_URL)
 * ConfigKey.optional("password", ValueType.STRING, null, "the SMTP password").withRoles(KeyRole.SECRET)
 * }</pre>
 */
public final class ConfigKey {

    private final String name;
    private final ValueType type;
    private final boolean required;
    private final String defaultValue;
    private final String description;
    private final List<ConfigKey> children;
    private final Set<KeyRole> roles;

    private ConfigKey(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.type = Objects.requireNonNull(builder.type, "type");
        this.required = builder.required;
        this.defaultValue = builder.defaultValue;
        this.description = Objects.requireNonNull(builder.description, "description");
        this.children = List.copyOf(builder.children);
        this.roles = builder.roles.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(builder.roles));
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
        return builder(name, type).required(true).description(description).build();
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
        return builder(name, type).defaultValue(defaultValue).description(description).build();
    }

    /**
     * A builder for a key; optional, without default, description, children or roles until set.
     *
     * @param name the key as written in YAML, such as {@code expected_status}
     * @param type the shape its value must have
     * @return a builder
     */
    public static Builder builder(String name, ValueType type) {
        return new Builder(name, type);
    }

    /**
     * The key as written in YAML.
     *
     * @return such as {@code expected_status}
     */
    public String name() {
        return name;
    }

    /**
     * The shape its value must have.
     *
     * @return the value type
     */
    public ValueType type() {
        return type;
    }

    /**
     * Whether the key must be present. A {@link KeyRole#SECRET} key is present also when it
     * is given as {@code <key>_env} or {@code <key>_file}.
     *
     * @return true when required
     */
    public boolean required() {
        return required;
    }

    /**
     * The default shown to users when absent; the plugin applies it itself through
     * {@link PluginConfig}'s accessors.
     *
     * @return the default as users would write it, or {@code null} for none
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * One line, shown by {@code cpra plugins TYPE} and {@code GET /api/v1/plugins}.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * For a {@link ValueType#MAP} key, the keys its map accepts.
     *
     * @return the nested keys; empty means any keys (a map of headers, say)
     */
    public List<ConfigKey> children() {
        return children;
    }

    /**
     * What the value means to the platform: secret, path, network target.
     *
     * @return the roles, possibly empty
     */
    public Set<KeyRole> roles() {
        return roles;
    }

    /**
     * Whether the key has a role.
     *
     * @param role the role
     * @return true when {@link #roles()} contains it
     */
    public boolean has(KeyRole role) {
        return roles.contains(role);
    }

    /**
     * This map key with the keys its map accepts.
     *
     * @param keys the nested keys
     * @return a copy with the given children
     */
    public ConfigKey withChildren(ConfigKey... keys) {
        return toBuilder().children(List.of(keys)).build();
    }

    /**
     * This key with roles added to those it has.
     *
     * @param more the roles to add
     * @return a copy with the roles added
     */
    public ConfigKey withRoles(KeyRole... more) {
        Builder builder = toBuilder();
        builder.roles.addAll(Arrays.asList(more));
        return builder.build();
    }

    /**
     * A builder holding this key's values.
     *
     * @return a builder to make a changed copy
     */
    public Builder toBuilder() {
        Builder builder = new Builder(name, type).required(required).defaultValue(defaultValue)
                .description(description).children(children);
        builder.roles.addAll(roles);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKey that
                && name.equals(that.name) && type == that.type && required == that.required
                && Objects.equals(defaultValue, that.defaultValue) && description.equals(that.description)
                && children.equals(that.children) && roles.equals(that.roles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required, defaultValue, description, children, roles);
    }

    @Override
    public String toString() {
        return "ConfigKey[" + name + " " + type + (required ? " required" : "")
                + (defaultValue == null ? "" : " default=" + defaultValue)
                + (roles.isEmpty() ? "" : " roles=" + roles)
                + (children.isEmpty() ? "" : " children=" + children) + "]";
    }

    /** Collects a key's attributes; not thread-safe, used by one thread at a time. */
    public static final class Builder {
        private final String name;
        private final ValueType type;
        private boolean required;
        private String defaultValue;
        private String description = "";
        private List<ConfigKey> children = List.of();
        private final EnumSet<KeyRole> roles = EnumSet.noneOf(KeyRole.class);

        private Builder(String name, ValueType type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Whether the key must be present.
         *
         * @param required true to require it
         * @return this builder
         */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /**
         * The default shown to users when absent.
         *
         * @param defaultValue the default as users would write it, or {@code null} for none
         * @return this builder
         */
        public Builder defaultValue(String defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        /**
         * One line of description.
         *
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * For a map key, the keys its map accepts.
         *
         * @param children the nested keys
         * @return this builder
         */
        public Builder children(List<ConfigKey> children) {
            this.children = List.copyOf(children);
            return this;
        }

        /**
         * Roles of the value, added to those already set.
         *
         * @param roles the roles
         * @return this builder
         */
        public Builder roles(KeyRole... roles) {
            this.roles.addAll(Arrays.asList(roles));
            return this;
        }

        /**
         * Makes the key.
         *
         * @return the key
         * @throws IllegalArgumentException when children are given for a key that is not a map
         */
        public ConfigKey build() {
            return new ConfigKey(this);
        }
    }
}
