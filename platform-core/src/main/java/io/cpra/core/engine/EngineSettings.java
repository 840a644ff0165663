package io.cpra.core.engine;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.pool.PoolSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs. Immutable; ranges as documented.
 *
 * @param tick                the engine's tick, and the timing wheel's resolution: 1 ms by default
 * @param pulsePool           the pulse pipeline
 * @param interventionPool    the intervention pipeline
 * @param codePool            the code pipeline
 * @param resultCapacity      the shared result queue's capacity; workers wait when it is full
 * @param commandCapacity     the command queue's capacity; callers get a rejected future when full
 * @param codeTimeout         deadline of one delivery attempt
 * @param delivery            the outbox's retry schedule and the circuit breakers of deliveries
 */
public record EngineSettings(Duration tick,
                             PoolSettings pulsePool,
                             PoolSettings interventionPool,
                             PoolSettings codePool,
                             int resultCapacity,
                             int commandCapacity,
                             Duration codeTimeout,
                             DeliverySettings delivery) {

    /** Checks the ranges. */
    public EngineSettings {
        Objects.requireNonNull(pulsePool, "pulsePool");
        Objects.requireNonNull(interventionPool, "interventionPool");
        Objects.requireNonNull(codePool, "codePool");
        Objects.requireNonNull(delivery, "delivery");
        if (!tick.isPositive() || tick.compareTo(Duration.ofSeconds(1)) > 0 || resultCapacity < 1
                || commandCapacity < 1 || !codeTimeout.isPositive()) {
            throw new IllegalArgumentException("engine settings out of range: " + this);
        }
    }

    /**
     * Defaults for a node: a 1 ms tick; pulse calls up to 20,000 at once, interventions 256,
     * deliveries 256; a delivery attempt may take 15 s; the retry schedule of
     * {@link DeliverySettings#DEFAULTS}.
     *
     * @return the settings
     */
    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofMillis(1),
                PoolSettings.defaults("pulse", 20_000, 1 << 16),
                PoolSettings.defaults("intervention", 256, 1 << 12),
                PoolSettings.defaults("code", 256, 1 << 14),
                1 << 16, 1 << 14, Duration.ofSeconds(15), DeliverySettings.DEFAULTS);
    }
}
