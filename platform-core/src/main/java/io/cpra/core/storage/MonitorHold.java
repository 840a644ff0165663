package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The operator's hold on a monitor. Immutable.
 *
 * @param name             the monitor's name
 * @param paused           whether its checks are paused
 * @param maintenance      whether it is in maintenance
 * @param maintenanceUntil when maintenance ends by itself, or {@code null}
 * @param updatedAt        when the hold last changed
 */
public record MonitorHold(String name, boolean paused, boolean maintenance, Instant maintenanceUntil, Instant updatedAt) {

    /** Checks that nothing is missing. */
    public MonitorHold {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
