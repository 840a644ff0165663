package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.plugin.api.Colour;

import java.util.List;
import java.util.Objects;

/**
 * What a monitor does apart from its own pulse check: its schedule, thresholds, intervention and
 * code routes. Immutable, and interned by the compiler, so a million monitors with a few
 * distinct settings share a few specs.
 *
 * @param pulseType     the pulse plugin's type, for metrics and alert texts
 * @param intervalNanos time between checks, 100 ms to 24 h
 * @param timeoutNanos  deadline of one check, positive and at most the interval
 * @param policy        the lifecycle's thresholds, attempts, backoff and cooldowns
 * @param intervention  the remediation, or {@code null} when none is configured
 * @param codes         the code blocks present, at most one per colour
 * @param groups        the monitor's groups
 * @param dependsOn     the monitor's parents: monitor names and {@code group:NAME}s ({@code depends_on})
 * @param notifyGroups  CPRA's notification groups the monitor names anywhere, possibly empty
 */
public record MonitorSpec(String pulseType,
                          long intervalNanos,
                          long timeoutNanos,
                          Policy policy,
                          InterventionSpec intervention,
                          List<CodeRoute> codes,
                          List<String> groups,
                          List<String> dependsOn,
                          List<String> notifyGroups) {

    /** How a {@code depends_on} entry names every monitor of a group. */
    public static final String GROUP_PREFIX = "group:";

    /** Checks the ranges. */
    public MonitorSpec {
        Objects.requireNonNull(pulseType, "pulseType");
        Objects.requireNonNull(policy, "policy");
        codes = List.copyOf(codes);
        groups = List.copyOf(groups);
        dependsOn = List.copyOf(dependsOn);
        notifyGroups = List.copyOf(notifyGroups);
        if (intervalNanos <= 0 || timeoutNanos <= 0 || timeoutNanos > intervalNanos) {
            throw new IllegalArgumentException("need 0 < timeout <= interval; got timeout " + timeoutNanos
                    + " ns, interval " + intervalNanos + " ns");
        }
    }

    /**
     * A spec without parents and without notification groups.
     *
     * @param pulseType     the pulse plugin's type
     * @param intervalNanos time between checks
     * @param timeoutNanos  deadline of one check
     * @param policy        the lifecycle's settings
     * @param intervention  the remediation, or {@code null}
     * @param codes         the code blocks present
     * @param groups        the monitor's groups
     */
    public MonitorSpec(String pulseType, long intervalNanos, long timeoutNanos, Policy policy,
                       InterventionSpec intervention, List<CodeRoute> codes, List<String> groups) {
        this(pulseType, intervalNanos, timeoutNanos, policy, intervention, codes, groups, List.of(), List.of());
    }

    /**
     * The route of one colour.
     *
     * @param colour the colour
     * @return its code block, or {@code null} when the monitor has none for it
     */
    public CodeRoute route(Colour colour) {
        for (CodeRoute route : codes) {
            if (route.colour() == colour) {
                return route;
            }
        }
        return null;
    }
}
