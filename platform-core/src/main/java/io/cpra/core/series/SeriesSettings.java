package io.cpra.core.series;

import io.cpra.plugin.api.Durations;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which monitors get Prometheus series of their own ({@code cpra.metrics.monitor-series}). Off
 * unless groups are listed. Immutable.
 *
 * <pre>
 * cpra:
 *   metrics:
 *     monitor-series:
 *       groups: [payments, edge]   # monitors of these groups get series; none by default
 *       max-series: 10000          # at most this many series in all, 9 per monitor
 *       refresh: 5s                # how often the values are read from the engine
 * </pre>
 *
 * @param groups    the groups, in configuration order (a monitor in several is labelled with the
 *                  first); empty turns per-monitor series off
 * @param maxSeries the most per-monitor series exported, 1 to {@value #MOST_SERIES}
 * @param refresh   how often the values are read from the engine, 1 s to 1 h
 */
public record SeriesSettings(List<String> groups, int maxSeries, Duration refresh) {

    /** The {@code max-series} when none is configured: 1,250 monitors' worth. */
    public static final int DEFAULT_MAX_SERIES = 10_000;
    /** The largest {@code max-series} accepted: beyond it a scrape costs more than the checks. */
    public static final int MOST_SERIES = 1_000_000;
    /** The {@code refresh} when none is configured. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    private static final Set<String> KEYS = Set.of("groups", "max-series", "refresh");

    /** Copies the list and checks the ranges. */
    public SeriesSettings {
        groups = List.copyOf(groups);
        if (maxSeries < 1 || maxSeries > MOST_SERIES) {
            throw new IllegalArgumentException("max-series must be 1 to " + MOST_SERIES + ", got " + maxSeries);
        }
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0 || refresh.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("refresh must be 1s to 1h, got " + Durations.format(refresh));
        }
    }

    /**
     * Per-monitor series off.
     *
     * @return the settings
     */
    public static SeriesSettings none() {
        return new SeriesSettings(List.of(), DEFAULT_MAX_SERIES, DEFAULT_REFRESH);
    }

    /**
     * Whether any group is configured.
     *
     * @return true when series are exported
     */
    public boolean enabled() {
        return !groups.isEmpty();
    }

    /**
     * Reads {@code metrics.monitor-series} under the given node.
     *
     * @param cpra the {@code cpra} node of the configuration
     * @return the settings
     * @throws ConfigException naming the key of the first problem
     */
    public static SeriesSettings from(Config cpra) {
        Config node = cpra.get("metrics.monitor-series");
        if (!node.exists()) {
            return none();
        }
        for (Config child : node.asNodeList().orElse(List.of())) {
            if (!KEYS.contains(child.name())) {
                throw new ConfigException(child.key() + ": unknown key; expected one of groups, max-series, refresh");
            }
        }
        Set<String> groups = new LinkedHashSet<>();
        Config list = node.get("groups");
        List<Config> items = list.exists() && !list.isLeaf() ? list.asNodeList().orElse(List.of()) : List.of();
        if (list.exists() && list.isLeaf()) {
            // a single group written as a scalar, or a comma-separated list from an environment variable
            items = new ArrayList<>();
            for (String part : list.asString().orElse("").split(",")) {
                if (!part.isBlank()) {
                    groups.add(part.strip());
                }
            }
        }
        for (Config item : items) {
            String group = item.asString().orElseThrow(() -> new ConfigException(item.key() + ": must be a group name"));
            if (group.isBlank()) {
                throw new ConfigException(item.key() + ": must not be blank");
            }
            groups.add(group.strip());
        }
        Config max = node.get("max-series");
        Config refresh = node.get("refresh");
        String refreshText = refresh.asString().orElse(Durations.format(DEFAULT_REFRESH));
        Duration every;
        try {
            every = Durations.parse(refreshText);
        } catch (RuntimeException e) {
            throw new ConfigException(refresh.key() + ": not a duration like 5s or 1m: " + refreshText);
        }
        try {
            return new SeriesSettings(new ArrayList<>(groups), max.asInt().orElse(DEFAULT_MAX_SERIES), every);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.key() + "." + e.getMessage());
        }
    }
}
