package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.LifecycleState;

import java.time.Instant;
import java.util.Objects;

/**
 * What a restart puts back on a loaded monitor: its lifecycle state as of its last stage change,
 * its open incident, and the operator's hold. Immutable.
 *
 * @param name             the monitor's name
 * @param state            its lifecycle state, or {@code null} to keep the fresh one
 * @param incidentId       its open incident's id, or 0
 * @param incidentOpenedAt when that incident opened, or {@code null}
 * @param paused           whether its checks are paused
 * @param maintenance      whether it is in maintenance
 * @param maintenanceUntil when maintenance ends by itself, or {@code null}
 */
public record MonitorRestore(String name, LifecycleState state, long incidentId, Instant incidentOpenedAt,
                             boolean paused, boolean maintenance, Instant maintenanceUntil) {

    /** Checks that the name is there. */
    public MonitorRestore {
        Objects.requireNonNull(name, "name");
    }
}
