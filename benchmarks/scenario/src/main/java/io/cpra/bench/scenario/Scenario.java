package io.cpra.bench.scenario;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the scenario runner: how many monitors of what kind, how often, for how long.
 * Parsed from {@code --key=value} arguments; every key has a default.
 *
 * @param monitors      how many monitors to load
 * @param interval      their interval
 * @param warmup        time to run before measuring
 * @param duration      time measured
 * @param pulse         {@code synthetic} (runs checks) or {@code http} (distinct URLs; for memory: load, do not check)
 * @param latency       the synthetic checks' latency distribution: fixed, uniform, exponential, lognormal
 * @param mean          its mean (fixed: the latency; lognormal: the median)
 * @param failureRate   share of synthetic checks that fail, 0 to 1
 * @param pulseMax      the pulse pool's highest concurrency limit
 * @param queueCapacity the pulse pool's queue capacity
 */
record Scenario(int monitors, Duration interval, Duration warmup, Duration duration, String pulse, String latency,
                Duration mean, double failureRate, int pulseMax, int queueCapacity) {

    static final Map<String, String> DEFAULTS = Map.of(
            "monitors", "1000000", "interval", "10s", "warmup", "15s", "duration", "60s", "pulse", "synthetic",
            "latency", "fixed", "mean", "0s", "failure-rate", "0", "pulse-max", "20000", "queue-capacity", "65536");

    static Scenario parse(String[] args) {
        Map<String, String> values = Arguments.parse(args, DEFAULTS);
        return new Scenario(Integer.parseInt(values.get("monitors")),
                io.cpra.plugin.api.Durations.parse(values.get("interval")),
                io.cpra.plugin.api.Durations.parse(values.get("warmup")),
                io.cpra.plugin.api.Durations.parse(values.get("duration")),
                values.get("pulse").toLowerCase(Locale.ROOT), values.get("latency"),
                io.cpra.plugin.api.Durations.parse(values.get("mean")),
                Double.parseDouble(values.get("failure-rate")),
                Integer.parseInt(values.get("pulse-max")), Integer.parseInt(values.get("queue-capacity")));
    }
}
