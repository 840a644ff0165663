package io.cpra.core.http;

import io.helidon.health.HealthCheckType;

/**
 * The readiness check behind {@code /observe/health/ready}: down, with the reason as a
 * detail, until the server has finished starting, while a condition it depends on fails (the
 * store), and again while it stops.
 */
public final class Readiness extends ConditionalCheck {

    /** Down ("starting") until {@link #ready()}. */
    public Readiness() {
        super("starting");
    }

    /** Marks the server ready. */
    public void ready() {
        downBecause.set(null);
    }

    /**
     * Marks the server not ready.
     *
     * @param reason shown in the health details
     */
    public void notReady(String reason) {
        downBecause.set(reason);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }
}
