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
 */
public record MonitorPlan(String name, boolean enabled, PulseCheck check, MonitorSpec spec, long fingerprint) {

    /** Checks that nothing is missing. */
    public MonitorPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(spec, "spec");
    }
}
