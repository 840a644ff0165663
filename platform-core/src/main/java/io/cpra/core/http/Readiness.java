package io.cpra.core.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The readiness check behind {@code /observe/health/ready}: down, with the reason as a
 * detail, until the server has finished starting, and down again while it stops.
 */
public final class Readiness implements HealthCheck {

    private final AtomicReference<String> notReadyBecause = new AtomicReference<>("starting");

    /** Marks the server ready. */
    public void ready() {
        notReadyBecause.set(null);
    }

    /**
     * Marks the server not ready.
     *
     * @param reason shown in the health details
     */
    public void notReady(String reason) {
        notReadyBecause.set(reason);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "cpra";
    }

    @Override
    public HealthCheckResponse call() {
        String reason = notReadyBecause.get();
        return reason == null
                ? HealthCheckResponse.builder().status(HealthCheckResponse.Status.UP).build()
                : HealthCheckResponse.builder().status(HealthCheckResponse.Status.DOWN).detail("reason", reason).build();
    }
}
