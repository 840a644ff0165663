package io.cpra.bench.realtarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The named scenarios, each with its full and its {@code --quick} shape. The figures in the
 * comments are the targets the scenario is judged against (see {@link Verdicts}).
 */
enum Preset {

    /** N http monitors at 10 s against nginx: ≥ 30,000 checks/s, every monitor seen, gap p99 ≤ 1.1 intervals. */
    HEALTHY("healthy", "http monitors at 10 s against a healthy keep-alive nginx"),
    /** 1,000,000 http monitors at 60 s (16,667 checks/s): healthy for 10 minutes. */
    MILLION("million", "1,000,000 http monitors at 60 s against a healthy nginx"),
    /** 10,000,000 checks against a healthy target that recycles connections: zero non-OK outcomes. */
    KEEPALIVE("keepalive", "10,000,000 checks (1,000,000 quick) against a healthy nginx that closes connections after N requests"),
    /** Slow and dead targets beside healthy ones: every monitor checked every interval, closed ports red in time. */
    SLOW("slow", "http monitors on a target that answers after 5 s, tcp monitors on a closed port, healthy bystanders"),
    /** Twice the rate the box can do, then less: bounded, fair, and back on schedule within one interval. */
    OVERLOAD("overload", "a ramp to find the box's rate, then twice that rate, then half of it"),
    /** tcp monitors against an open and a closed port: checks/s and CPU per check. */
    TCP("tcp", "tcp monitors against an open port (HTTP/1.0 request and reply) and a closed port");

    private final String label;
    private final String description;

    Preset(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    static Preset of(String name) {
        for (Preset preset : values()) {
            if (preset.label.equals(name.toLowerCase(Locale.ROOT))) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown scenario \"" + name + "\"; scenarios: " + names());
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Preset::label).toList();
    }

    /**
     * A scenario's shape, after the command line's overrides.
     *
     * @param preset          the scenario
     * @param quick           whether it is the short variant
     * @param groups          the monitors
     * @param warmup          time from readiness to the measured window
     * @param duration        the measured window (for the overload: at twice the rate)
     * @param javaOptions     {@code CPRA_JAVA_OPTS}
     * @param readyWithin     how long cpra may take to load the manifest and start
     * @param closingRequests requests after which the closing server closes a connection
     * @param closingIdle     its keep-alive idle timeout
     * @param checks          the checks the keep-alive scenario aims for (0 elsewhere)
     * @param rate            the overload scenario's capacity in checks/s when given, skipping the ramp (0: ramp)
     * @param rampStep        how long each ramp step is measured
     */
    record Plan(Preset preset, boolean quick, List<MonitorGroup> groups, Duration warmup, Duration duration,
                String javaOptions, Duration readyWithin, int closingRequests, Duration closingIdle, long checks,
                double rate, Duration rampStep) {

        /** @return the checks per second the manifest asks for */
        double askedRate() {
            return groups.stream().mapToDouble(MonitorGroup::rate).sum();
        }

        /** @return the group of a target, or null */
        MonitorGroup group(Target target) {
            return groups.stream().filter(g -> g.target() == target).findFirst().orElse(null);
        }
    }

    /**
     * @param options the command line
     * @return this scenario's shape with the command line's overrides
     */
    Plan plan(Options options) {
        boolean quick = options.quick();
        List<MonitorGroup> groups = new ArrayList<>();
        Duration interval = options.duration("interval", switch (this) {
            case HEALTHY, KEEPALIVE -> Duration.ofSeconds(10);
            case MILLION -> Duration.ofSeconds(60);
            case SLOW -> Duration.ofSeconds(3);
            case OVERLOAD -> Duration.ofSeconds(2);
            case TCP -> Duration.ofSeconds(1);
        });
        Duration timeout = options.duration("timeout", switch (this) {
            case HEALTHY, KEEPALIVE, SLOW -> Duration.ofSeconds(2);
            case MILLION -> Duration.ofSeconds(5);
            case OVERLOAD, TCP -> Duration.ofSeconds(1);
        });
        Duration warmup;
        Duration duration;
        String java = "-Xms1g -Xmx4g";
        long checks = 0;
        switch (this) {
            case HEALTHY -> {
                groups.add(new MonitorGroup(Target.HTTP_OK, options.integer("monitors", quick ? 30_000 : 300_000),
                        interval, timeout, 1));
                warmup = Duration.ofSeconds(quick ? 15 : 30);
                duration = Duration.ofSeconds(quick ? 20 : 60);
            }
            case MILLION -> {
                groups.add(new MonitorGroup(Target.HTTP_OK, options.integer("monitors", 1_000_000), interval, timeout, 1));
                warmup = Duration.ofSeconds(quick ? 75 : 90);
                duration = Duration.ofMinutes(quick ? 2 : 10);
                java = "-Xms2g -Xmx8g";
            }
            case KEEPALIVE -> {
                MonitorGroup group = new MonitorGroup(Target.HTTP_CLOSING,
                        options.integer("monitors", quick ? 100_000 : 200_000), interval, timeout, 1);
                groups.add(group);
                checks = options.integer("checks", quick ? 1_000_000 : 10_000_000);
                warmup = Duration.ofSeconds(20);
                duration = Duration.ofSeconds((long) Math.ceil(checks / group.rate()));
            }
            case SLOW -> {
                // cpra refuses a timeout longer than the interval, and a check that runs to its
                // deadline is due again the moment it ends (an overrun) when both are equal: so the
                // slow monitors run at 3 s with a 2 s timeout, the closed ports at 1 s
                groups.add(new MonitorGroup(Target.HTTP_SLOW, options.integer("monitors", 3_000), interval, timeout, 1));
                groups.add(new MonitorGroup(Target.TCP_CLOSED, 1_000, Duration.ofSeconds(1), Duration.ofSeconds(1), 3));
                int bystanders = options.integer("bystanders", 1_000);
                if (bystanders > 0) {
                    groups.add(new MonitorGroup(Target.HTTP_OK, bystanders, Duration.ofSeconds(1),
                            Duration.ofSeconds(1), 1));
                }
                warmup = Duration.ofSeconds(10);
                duration = Duration.ofSeconds(quick ? 20 : 60);
            }
            case OVERLOAD -> {
                // the group's size is set once the rate is known; this one is the ramp's first step
                groups.add(new MonitorGroup(Target.HTTP_OK, options.integer("monitors", 10_000), interval, timeout, 1));
                warmup = interval.multipliedBy(2).plusSeconds(6);
                duration = Duration.ofSeconds(quick ? 20 : 60);
            }
            case TCP -> {
                int each = options.integer("monitors", quick ? 1_000 : 5_000);
                groups.add(new MonitorGroup(Target.TCP_OPEN, each, interval, timeout, 1));
                groups.add(new MonitorGroup(Target.TCP_CLOSED, each, interval, timeout, 1));
                warmup = Duration.ofSeconds(10);
                duration = Duration.ofSeconds(quick ? 20 : 60);
            }
            default -> throw new IllegalStateException(name());
        }
        return new Plan(this, quick, List.copyOf(groups), options.duration("warmup", warmup),
                options.duration("duration", duration), options.text("java-opts", java),
                options.duration("ready-within", Duration.ofMinutes(5)),
                options.integer("keepalive-requests", 100), options.duration("keepalive-idle", Duration.ofSeconds(5)),
                checks, options.number("rate", 0), Duration.ofSeconds(quick ? 6 : 10));
    }
}
