package io.cpra.core.engine;

import io.cpra.plugin.api.PulseCheck;

import java.util.Objects;

/**
 * One monitor as the engine takes it: compiled from a manifest entry or an API request, with its
 * plugin instances prepared. Immutable.
 *
 * @param name        the unique name
 * @param enabled     false for a monitor that is loaded but never scheduled
 * @param check       its prepared pulse check
 * @param spec        its (shared) spec
 * @param fingerprint a 64-bit hash of the definition it was compiled from; a reload keeps the
 *                    state and schedule of a monitor whose fingerprint did not change
 * @param origin      where it is defined: a manifest reload replaces only manifest monitors
 */
public record MonitorPlan(String name, boolean enabled, PulseCheck check, MonitorSpec spec, long fingerprint,
                          Origin origin) {

    /** Where a monitor is defined. */
    public enum Origin {
        /** The manifest file; it owns these monitors, a reload replaces them. */
        MANIFEST,
        /** The HTTP API; storage keeps them, a reload leaves them alone. */
        API
    }

    /** Checks that nothing is missing. */
    public MonitorPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * A manifest monitor.
     *
     * @param name        the unique name
     * @param enabled     false for a monitor that is loaded but never scheduled
     * @param check       its prepared pulse check
     * @param spec        its (shared) spec
     * @param fingerprint a hash of its definition
     */
    public MonitorPlan(String name, boolean enabled, PulseCheck check, MonitorSpec spec, long fingerprint) {
        this(name, enabled, check, spec, fingerprint, Origin.MANIFEST);
    }

    /**
     * This plan with another origin.
     *
     * @param other the origin
     * @return a copy
     */
    public MonitorPlan from(Origin other) {
        return new MonitorPlan(name, enabled, check, spec, fingerprint, other);
    }
}
