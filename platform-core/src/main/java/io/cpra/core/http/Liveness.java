package io.cpra.core.http;

import io.helidon.health.HealthCheckType;

/**
 * The liveness check behind {@code /observe/health/live}: up while cpra can still do its job,
 * down — with the reason as a detail — when a part it cannot do without has died or is stuck
 * (the engine thread, for one), so a supervisor that watches liveness restarts the process.
 */
public final class Liveness extends ConditionalCheck {

    /** Up until a condition fails or {@link #down} is called. */
    public Liveness() {
        super(null);
    }

    /**
     * Marks the process down for good; the first reason stays.
     *
     * @param reason shown in the health details
     */
    public void down(String reason) {
        downBecause.compareAndSet(null, reason);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.LIVENESS;
    }
}
