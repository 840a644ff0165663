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
    private final java.util.Map<String, java.util.function.Supplier<String>> conditions =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Adds a condition readiness depends on, asked at each health call.
     *
     * @param name      the condition's name in the details
     * @param condition returns {@code null} when fine, else why not
     */
    public void require(String name, java.util.function.Supplier<String> condition) {
        conditions.put(name, condition);
    }

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
        if (reason == null) {
            for (var condition : conditions.entrySet()) {
                String why = condition.getValue().get();
                if (why != null) {
                    reason = condition.getKey() + ": " + why;
                    break;
                }
            }
        }
        return reason == null
                ? HealthCheckResponse.builder().status(HealthCheckResponse.Status.UP).build()
                : HealthCheckResponse.builder().status(HealthCheckResponse.Status.DOWN).detail("reason", reason).build();
    }
}
