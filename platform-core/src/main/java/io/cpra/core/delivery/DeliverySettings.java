package io.cpra.core.delivery;

import java.time.Duration;

/**
 * How codes are delivered: quick retries inside one delivery job, and the circuit breaker that
 * fails fast for a destination that keeps failing. Immutable.
 *
 * @param attempts          tries per delivery job, at least 1 (so {@code attempts - 1} quick retries)
 * @param firstRetryDelay   delay before the first retry; doubles for each later one
 * @param jitter            share of each delay randomised, 0 to 1, so retries of many codes spread out
 * @param breakerVolume     calls the breaker looks at (its rolling window), at least 1
 * @param breakerErrorRatio percentage of failures in that window that opens it, 1 to 100
 * @param breakerDelay      how long it stays open before letting a trial call through
 */
public record DeliverySettings(int attempts,
                               Duration firstRetryDelay,
                               double jitter,
                               int breakerVolume,
                               int breakerErrorRatio,
                               Duration breakerDelay) {

    /** Three tries, 200 ms then 400 ms apart (±50 %); the breaker opens at 60 % of 10 calls for 30 s. */
    public static final DeliverySettings DEFAULTS =
            new DeliverySettings(3, Duration.ofMillis(200), 0.5, 10, 60, Duration.ofSeconds(30));

    /** Checks the ranges documented on each component. */
    public DeliverySettings {
        if (attempts < 1 || firstRetryDelay.isNegative() || !(jitter >= 0 && jitter <= 1)
                || breakerVolume < 1 || breakerErrorRatio < 1 || breakerErrorRatio > 100 || breakerDelay.isNegative()) {
            throw new IllegalArgumentException("delivery settings out of range: " + this);
        }
    }
}
