package io.cpra.core.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The liveness check behind {@code /observe/health/live}: up while cpra can still do its job,
 * down — with the reason as a detail — when a part it cannot do without has died or is stuck
 * (the engine thread, for one), so a supervisor that watches liveness restarts the process.
 * Thread-safe.
 */
public final class Liveness implements HealthCheck {

    private final AtomicReference<String> downBecause = new AtomicReference<>();
    private final Map<String, Supplier<String>> conditions = new ConcurrentHashMap<>();

    /**
     * Adds a condition liveness depends on, asked at each health call.
     *
     * @param name      the condition's name in the details
     * @param condition returns {@code null} when fine, else why not
     */
    public void require(String name, Supplier<String> condition) {
        conditions.put(name, condition);
    }

    /**
     * Marks the process down for good.
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

    @Override
    public String name() {
        return "cpra";
    }

    @Override
    public HealthCheckResponse call() {
        String reason = downBecause.get();
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
