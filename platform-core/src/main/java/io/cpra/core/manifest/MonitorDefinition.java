package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated monitor, with every alias and default resolved, as {@link ManifestReader} hands
 * it to the next stage. Config blocks are plain, unmodifiable values (maps with string keys,
 * lists, strings, numbers, booleans, nulls) already checked against the plugins' declared keys;
 * blocks shared through a YAML alias are shared here too.
 *
 * <p><b>Positions.</b> While the reader's consumer runs, the definition keeps the monitor's
 * position table, so {@link #positionOf}, {@link #error} and {@link #reject} point at the exact
 * line and column of a key path such as {@code pulse_check.config.port}. When the consumer
 * returns the table is dropped to keep memory flat; afterwards every path resolves to the
 * monitor's own position.
 *
 * <p><b>Thread-safety:</b> the values are immutable. {@link #reject} may only be called by the
 * consumer, on the thread that called it, before it returns.
 */
public final class MonitorDefinition {

    private final String name;
    private final int index;
    private final boolean enabled;
    private final List<String> groups;
    private final List<String> dependsOn;
    private final List<String> notifyGroups;
    private final Pulse pulse;
    private final Intervention intervention;
    private final Map<Colour, Code> codes;
    private final ManifestPosition position;
    private final String pathPrefix;
    private Node tree;
    private Problems problems;

    MonitorDefinition(String name, int index, boolean enabled, List<String> groups, List<String> dependsOn,
                      List<String> notifyGroups, Pulse pulse, Intervention intervention, Map<Colour, Code> codes,
                      ManifestPosition position,
                      String pathPrefix, Node tree) {
        this.name = name;
        this.index = index;
        this.enabled = enabled;
        this.groups = groups;
        this.dependsOn = dependsOn;
        this.notifyGroups = notifyGroups;
        this.pulse = pulse;
        this.intervention = intervention;
        this.codes = codes;
        this.position = position;
        this.pathPrefix = pathPrefix;
        this.tree = tree;
    }

    /** @return the unique name: 1..200 characters, not blank, no control characters, not {@code .} or {@code ..} */
    public String name() {
        return name;
    }

    /** @return the monitor's 0-based index in the manifest's {@code monitors} list */
    public int index() {
        return index;
    }

    /** @return false for a monitor that is loaded but not scheduled */
    public boolean enabled() {
        return enabled;
    }

    /** @return the groups from the monitor and its pulse block, merged in order, without repeats */
    public List<String> groups() {
        return groups;
    }

    /**
     * @return the parents from {@code depends_on}, in order, without repeats: monitor names, and
     *         {@code group:NAME} for every monitor of a group; empty when the monitor depends on nothing
     */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /**
     * CPRA's notification groups: the monitor's {@code notify_groups} and then {@code codes.groups},
     * merged in order, without repeats. Each colour's own {@code groups} are on its {@link Code}.
     *
     * @return the groups, possibly empty
     */
    public List<String> notifyGroups() {
        return notifyGroups;
    }

    /**
     * Every notification group the monitor names: {@link #notifyGroups()} and then each colour's,
     * in colour order, without repeats; what a listing filters on.
     *
     * @return the groups, possibly empty
     */
    public List<String> allNotifyGroups() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(notifyGroups);
        codes.values().forEach(code -> all.addAll(code.groups()));
        return List.copyOf(all);
    }

    /** @return the pulse (health check) */
    public Pulse pulse() {
        return pulse;
    }

    /** @return the intervention, when one is configured */
    public Optional<Intervention> intervention() {
        return Optional.ofNullable(intervention);
    }

    /** @return the code blocks by colour, in colour order; colours without a block are absent */
    public Map<Colour, Code> codes() {
        return codes;
    }

    /** @return where the monitor starts in the manifest */
    public ManifestPosition position() {
        return position;
    }

    /**
     * Where a key path of this monitor is written.
     *
     * @param keyPath such as {@code pulse_check.config.headers[1]}, as {@link ConfigException#path()}
     *                gives it
     * @return the key's position; for a key that is absent, the nearest enclosing block's; after
     *         the consumer returned, the monitor's own
     */
    public ManifestPosition positionOf(String keyPath) {
        Node root = tree;
        if (root == null) {
            return position;
        }
        return Paths.locate(root, keyPath, position.source()).orElse(position);
    }

    /**
     * An error about one of this monitor's keys, positioned and named like the reader's own.
     *
     * @param keyPath the key path at fault
     * @param reason  what is wrong and what was expected
     * @return the error
     */
    public ManifestError error(String keyPath, String reason) {
        return new ManifestError(positionOf(keyPath), name, pathPrefix + keyPath, reason);
    }

    /**
     * An error from a plugin's {@code prepare}, positioned at the key path it names.
     *
     * @param problem the plugin's exception
     * @return the error
     */
    public ManifestError error(ConfigException problem) {
        return error(problem.path(), problem.reason());
    }

    /**
     * Adds an error to the load this monitor came from, which then fails as a whole. For the
     * consumer, which may also simply throw the {@link ConfigException}.
     *
     * @param problem the plugin's exception
     * @throws IllegalStateException when called after the consumer returned
     */
    public void reject(ConfigException problem) {
        Problems sink = problems;
        if (sink == null) {
            throw new IllegalStateException("monitor " + name + " can only be rejected while it is being consumed");
        }
        sink.add(error(problem));
    }

    /** Attaches the load's error list for the duration of the consumer call. */
    void attach(Problems sink) {
        this.problems = sink;
    }

    /** Drops the position table and the error list once the consumer has returned. */
    void detach() {
        this.tree = null;
        this.problems = null;
    }

    @Override
    public String toString() {
        return "MonitorDefinition[" + name + (enabled ? "" : ", disabled") + ", " + pulse.type() + " every "
                + pulse.interval() + "]";
    }

    /**
     * The pulse block.
     *
     * @param key                 {@code pulse_check} or {@code pulse}, as written
     * @param type                the pulse plugin's type
     * @param interval            time between checks, 100ms..24h
     * @param timeout             deadline of one check, 0 &lt; timeout &le; interval
     * @param unhealthyThreshold  consecutive failures that make the monitor unhealthy
     *                            ({@code unhealthy_threshold} or {@code max_failures}), at least 1
     * @param healthyThreshold    consecutive successes that make it healthy again, at least 1
     * @param config              the plugin's config block, checked against its declared keys
     */
    public record Pulse(String key, String type, Duration interval, Duration timeout, int unhealthyThreshold,
                        int healthyThreshold, Map<String, Object> config) {

        /** Creates the block. */
        public Pulse {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(config, "config");
        }

        /** @return the config block's key path, such as {@code pulse_check.config}, for {@code PluginConfig.of} */
        public String configPath() {
            return key + ".config";
        }
    }

    /**
     * The intervention block.
     *
     * @param type      the intervention plugin's type ({@code action})
     * @param attempts  attempts allowed ({@code retries} or {@code max_failures}), at least 1
     * @param timeout   deadline of one attempt, positive
     * @param backoff   delay before the second attempt, doubling after; not negative
     * @param verify    verification pulses after a success, at least 1
     * @param configKey {@code target} or {@code config}, as written ({@code target} when neither is)
     * @param config    the plugin's config block
     * @param budgets   the intervention budgets an attempt needs room in ({@code budgets}), in order
     */
    public record Intervention(String type, int attempts, Duration timeout, Duration backoff, int verify,
                               String configKey, Map<String, Object> config, List<Budget> budgets) {

        /**
         * A block without budgets.
         *
         * @param type      the plugin's type
         * @param attempts  attempts allowed
         * @param timeout   deadline of one attempt
         * @param backoff   delay before the second attempt
         * @param verify    verification pulses
         * @param configKey {@code target} or {@code config}
         * @param config    the plugin's config block
         */
        public Intervention(String type, int attempts, Duration timeout, Duration backoff, int verify,
                            String configKey, Map<String, Object> config) {
            this(type, attempts, timeout, backoff, verify, configKey, config, List.of());
        }

        /** Creates the block. */
        public Intervention {
            budgets = List.copyOf(budgets);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(configKey, "configKey");
            Objects.requireNonNull(config, "config");
        }

        /** @return the config block's key path, such as {@code intervention.target} */
        public String configPath() {
            return "intervention." + configKey;
        }
    }

    /**
     * One entry of {@code intervention.budgets}: a limit shared by every monitor that declares the
     * same group and type.
     *
     * @param group      the group limited, or {@code null} for every group
     * @param type       the action type limited, or {@code null} for every type
     * @param concurrent attempts at once, or 0 for no such limit
     * @param max        attempts started per window {@code per}, or 0 for no such limit
     * @param per        the window of {@code max}, or {@code null} without one
     * @param maxWait    how long an attempt waits for room before the incident goes red ({@code wait})
     */
    public record Budget(String group, String type, int concurrent, int max, Duration per, Duration maxWait) {

        /** @return {@code group/type}, with {@code *} for a side that is not limited */
        public String name() {
            return (group == null ? "*" : group) + "/" + (type == null ? "*" : type);
        }
    }

    /**
     * One code block.
     *
     * @param colour   the colour it answers
     * @param dispatch false when the code is an event only and is not delivered
     * @param type     the code plugin's type ({@code notify})
     * @param cooldown the window that suppresses a repeat of this colour, or empty for the
     *                 server's default
     * @param config   the plugin's config block
     * @param groups   CPRA's notification groups of this colour ({@code codes.<colour>.groups})
     */
    public record Code(Colour colour, boolean dispatch, String type, Optional<Duration> cooldown,
                       Map<String, Object> config, List<String> groups) {

        /** Creates the block. */
        public Code {
            Objects.requireNonNull(colour, "colour");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(cooldown, "cooldown");
            Objects.requireNonNull(config, "config");
            groups = List.copyOf(groups);
        }

        /**
         * A block without notification groups.
         *
         * @param colour   the colour it answers
         * @param dispatch false when the code is an event only
         * @param type     the code plugin's type
         * @param cooldown the repeat window, or empty for the server's default
         * @param config   the plugin's config block
         */
        public Code(Colour colour, boolean dispatch, String type, Optional<Duration> cooldown,
                    Map<String, Object> config) {
            this(colour, dispatch, type, cooldown, config, List.of());
        }

        /** @return the config block's key path, such as {@code codes.red.config} */
        public String configPath() {
            return "codes." + colour.key() + ".config";
        }
    }
}
