package io.cpra.core.delivery;

import java.time.Duration;

/**
 * How codes are delivered — the one retry policy of the outbox — and the circuit breaker that
 * fails fast for a destination that keeps failing. Immutable.
 *
 * <p>A code gets up to {@code attempts} delivery attempts. After a failed attempt that may be
 * retried, the next comes {@code firstBackoff · 2^(n-1)} later (n = the attempt that failed),
 * at most {@code maxBackoff}, each delay spread by ±{@code jitter} so that the retries of many
 * codes do not arrive together. The same schedule continues after a restart: a code pending in
 * the outbox keeps its attempt count.
 *
 * @param attempts          delivery attempts per code, at least 1
 * @param firstBackoff      delay after the first failed attempt, not negative
 * @param maxBackoff        the longest delay, at least {@code firstBackoff}
 * @param jitter            share of each delay randomised, 0 to 1
 * @param breakerVolume     calls the breaker looks at (its rolling window), at least 1
 * @param breakerErrorRatio percentage of failures in that window that opens it, 1 to 100
 * @param breakerDelay      how long it stays open before letting a trial call through
 */
public record DeliverySettings(int attempts,
                               Duration firstBackoff,
                               Duration maxBackoff,
                               double jitter,
                               int breakerVolume,
                               int breakerErrorRatio,
                               Duration breakerDelay) {

    /** The default number of attempts per code. */
    public static final int DEFAULT_ATTEMPTS = 12;
    /** The default first backoff. */
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(2);
    /** The default longest backoff. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(30);

    /**
     * Twelve attempts, 2 s, 4 s, 8 s ... apart (±20 %), at most 30 min apart (about an hour and
     * a half in all); the breaker opens at 60 % failures of 10 calls, for 30 s.
     */
    public static final DeliverySettings DEFAULTS = new DeliverySettings(DEFAULT_ATTEMPTS, DEFAULT_FIRST_BACKOFF,
            DEFAULT_MAX_BACKOFF, 0.2, 10, 60, Duration.ofSeconds(30));

    /** Checks the ranges documented on each component. */
    public DeliverySettings {
        if (attempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0
                || !(jitter >= 0 && jitter <= 1) || breakerVolume < 1 || breakerErrorRatio < 1
                || breakerErrorRatio > 100 || breakerDelay.isNegative()) {
            throw new IllegalArgumentException("delivery settings out of range: " + this);
        }
    }

    /**
     * The same settings with another retry schedule.
     *
     * @param attempts     delivery attempts per code
     * @param firstBackoff delay after the first failed attempt
     * @param maxBackoff   the longest delay
     * @return the settings
     */
    public DeliverySettings withSchedule(int attempts, Duration firstBackoff, Duration maxBackoff) {
        return new DeliverySettings(attempts, firstBackoff, maxBackoff, jitter, breakerVolume, breakerErrorRatio,
                breakerDelay);
    }

    /**
     * How long to wait after attempt {@code failed} before the next, or -1 when it was the last.
     *
     * @param failed the attempt that failed, from 1
     * @param random a uniform random number in [0, 1), spreading the delay by the jitter
     * @return the delay in nanoseconds, or -1
     */
    public long retryDelayNanos(int failed, double random) {
        if (failed >= attempts) {
            return -1;
        }
        long first = firstBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int doublings = Math.clamp(failed - 1, 0, 62);
        long base = first > (max >> doublings) ? max : Math.min(max, first << doublings);
        double spread = base * jitter;
        return Math.max(0, Math.round(base - spread + random * 2 * spread));
    }
}
