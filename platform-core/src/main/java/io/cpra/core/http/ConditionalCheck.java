package io.cpra.core.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A health check that is down for a reason set by hand (starting, stopping, dead) or for the
 * first named condition that fails, and up otherwise; the reason is the {@code reason} detail.
 * Thread-safe: conditions are asked on each health call, from any thread.
 */
abstract class ConditionalCheck implements HealthCheck {

    /** Why the check is down regardless of its conditions; null when it is not. */
    final AtomicReference<String> downBecause;
    private final Map<String, Supplier<String>> conditions = new ConcurrentHashMap<>();

    ConditionalCheck(String initiallyDownBecause) {
        this.downBecause = new AtomicReference<>(initiallyDownBecause);
    }

    /**
     * Adds a condition the check depends on, asked at each health call.
     *
     * @param name      the condition's name in the reason
     * @param condition returns {@code null} when fine, else why not
     */
    public void require(String name, Supplier<String> condition) {
        conditions.put(name, condition);
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
