package io.cpra.core.engine.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * How one pool runs. Immutable; ranges as documented on each component.
 *
 * @param name           the pipeline's name in metrics and thread names ({@code pulse}, {@code intervention}, {@code code})
 * @param minLimit       the fewest concurrent calls the limit may fall to, at least 1
 * @param maxLimit       the most concurrent calls the limit may rise to, at least {@code minLimit}
 * @param initialLimit   the limit at start, within the bounds
 * @param queueCapacity  jobs the pool's queue holds, rounded up to a power of two; a full queue
 *                       makes the engine keep the job due and offer it again next tick
 * @param targetWait     the mean queueing wait the adaptive limit aims for, positive
 * @param abandonGrace   how long past its deadline an interrupted call may still return before
 *                       it is abandoned, not negative
 * @param adaptEvery     how often the limit is recomputed, positive
 * @param checkEvery     how often deadlines are checked, positive; deadlines are enforced to
 *                       within this
 */
public record PoolSettings(String name,
                           int minLimit,
                           int maxLimit,
                           int initialLimit,
                           int queueCapacity,
                           Duration targetWait,
                           Duration abandonGrace,
                           Duration adaptEvery,
                           Duration checkEvery) {

    /** Checks the documented ranges. */
    public PoolSettings {
        Objects.requireNonNull(name, "name");
        if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit
                || queueCapacity < 1 || !targetWait.isPositive() || abandonGrace.isNegative()
                || !adaptEvery.isPositive() || !checkEvery.isPositive()) {
            throw new IllegalArgumentException("pool settings out of range: " + this);
        }
    }

    /**
     * Defaults for a pipeline: limit 4 to {@code maxLimit}, a 20 ms wait target, a 1 s grace,
     * adaptation every second and deadline checks every 5 ms.
     *
     * @param name          the pipeline's name
     * @param maxLimit      the most concurrent calls
     * @param queueCapacity the queue's capacity
     * @return the settings
     */
    public static PoolSettings defaults(String name, int maxLimit, int queueCapacity) {
        int min = Math.min(4, maxLimit);
        return new PoolSettings(name, min, maxLimit, min, queueCapacity, Duration.ofMillis(20),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(5));
    }
}
