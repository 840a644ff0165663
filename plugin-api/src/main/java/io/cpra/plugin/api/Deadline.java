package io.cpra.plugin.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The instant by which a plugin call must return, on the time line of a nanosecond clock.
 * Immutable and thread-safe.
 *
 * <p>The platform hands each call a deadline on its own clock, which is
 * {@link System#nanoTime()} in production and a hand-driven clock in tests; the deadline
 * answers every question about the time left from that clock. So derive shorter deadlines
 * from the one given ({@link #share}, {@link #within}) rather than building new ones, which
 * would sit on another time line.
 *
 * <p>Pass {@link #remaining()} or {@link #timeoutMillis()} to every blocking step. Socket APIs
 * read a timeout of zero as "wait forever", which is why {@link #timeoutMillis()} never
 * returns less than one.
 */
public final class Deadline {

    /** Longest span a deadline covers: far enough to mean "no deadline", short enough never to overflow. */
    private static final long LONGEST = Long.MAX_VALUE / 2;
    private static final LongSupplier SYSTEM = System::nanoTime;

    private final long nanoTime;
    private final LongSupplier clock;

    private Deadline(long nanoTime, LongSupplier clock) {
        this.nanoTime = nanoTime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A deadline {@code timeout} from now on {@link System#nanoTime()}.
     *
     * @param timeout how long the call may take; must not be negative
     * @return the deadline
     * @throws IllegalArgumentException when the timeout is negative
     */
    public static Deadline after(Duration timeout) {
        return after(timeout, SYSTEM);
    }

    /**
     * A deadline {@code timeout} from now on the given clock.
     *
     * @param timeout   how long the call may take; must not be negative; longer than about
     *                  146 years counts as 146 years
     * @param nanoClock the clock, in nanoseconds, such as {@code System::nanoTime}
     * @return the deadline
     * @throws IllegalArgumentException when the timeout is negative
     */
    public static Deadline after(Duration timeout, LongSupplier nanoClock) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long nanos;
        try {
            nanos = Math.min(timeout.toNanos(), LONGEST);
        } catch (ArithmeticException tooLong) {
            nanos = LONGEST;
        }
        return new Deadline(nanoClock.getAsLong() + nanos, nanoClock);
    }

    /**
     * A deadline at a given reading of a clock.
     *
     * @param nanoTime  the deadline as a reading of {@code nanoClock}
     * @param nanoClock the clock, in nanoseconds
     * @return the deadline
     */
    public static Deadline at(long nanoTime, LongSupplier nanoClock) {
        return new Deadline(nanoTime, nanoClock);
    }

    /**
     * The deadline as a reading of its clock.
     *
     * @return the clock value at which the deadline passes
     */
    public long nanoTime() {
        return nanoTime;
    }

    /**
     * Nanoseconds left; zero or negative once the deadline has passed.
     *
     * @return the time left in nanoseconds
     */
    public long remainingNanos() {
        return nanoTime - clock.getAsLong();
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

    /**
     * The part of the time left that one of several attempts may use: an equal share, so that
     * an attempt that times out leaves room for the retries after it.
     *
     * @param attemptsLeft the attempts still to make, this one included
     * @return a deadline on the same clock; this one when no time is left or one attempt is
     */
    public Deadline share(int attemptsLeft) {
        long remaining = remainingNanos();
        if (remaining <= 0 || attemptsLeft <= 1) {
            return this;
        }
        return new Deadline(nanoTime - remaining + remaining / attemptsLeft, clock);
    }

    /**
     * This deadline or {@code limit} from now, whichever comes first.
     *
     * @param limit the longest a step may take; must not be negative
     * @return a deadline on the same clock
     * @throws IllegalArgumentException when the limit is negative
     */
    public Deadline within(Duration limit) {
        Deadline other = after(limit, clock);
        return other.nanoTime - nanoTime < 0 ? other : this;
    }

    /** Equal when on the same clock at the same reading. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Deadline that && nanoTime == that.nanoTime && clock == that.clock;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nanoTime) * 31 + System.identityHashCode(clock);
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + Durations.format(Duration.ofNanos(remainingNanos())) + "]";
    }
}
