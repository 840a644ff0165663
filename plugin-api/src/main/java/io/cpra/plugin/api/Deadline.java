package io.cpra.plugin.api;

import java.time.Duration;

/**
 * The instant by which a plugin call must return, on the {@link System#nanoTime()} time line.
 * Immutable and thread-safe.
 *
 * <p>Pass {@link #remaining()} or {@link #timeoutMillis()} to every blocking step. Socket APIs
 * read a timeout of zero as "wait forever", which is why {@link #timeoutMillis()} never
 * returns less than one.
 *
 * @param nanoTime the deadline as a {@code System.nanoTime()} value
 */
public record Deadline(long nanoTime) {

    /**
     * A deadline {@code timeout} from now.
     *
     * @param timeout how long the call may take; must not be negative
     * @return the deadline
     */
    public static Deadline after(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long now = System.nanoTime();
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE / 2;
        }
        return new Deadline(now + Math.min(nanos, Long.MAX_VALUE / 2));
    }

    /**
     * Nanoseconds left; zero or negative once the deadline has passed.
     *
     * @return the time left in nanoseconds
     */
    public long remainingNanos() {
        return nanoTime - System.nanoTime();
    }

    /**
     * Time left, never negative.
     *
     * @return the time left, or {@link Duration#ZERO} once the deadline has passed
     */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, remainingNanos()));
    }

    /**
     * Time left in whole milliseconds for APIs where zero means "no timeout".
     *
     * @return at least 1, at most {@link Integer#MAX_VALUE}
     */
    public int timeoutMillis() {
        long millis = Math.ceilDiv(remainingNanos(), 1_000_000L);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /**
     * Whether the deadline has passed.
     *
     * @return true when no time is left
     */
    public boolean expired() {
        return remainingNanos() <= 0;
    }
}
