package io.cpra.plugin.testkit;

import io.cpra.plugin.api.Deadline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when a test moves it, with deadlines on its time line:
 * how a test checks what a plugin does as its deadline nears or passes, without sleeping.
 * Starts at an arbitrary reading far from zero, as {@link System#nanoTime()} does. Thread-safe.
 *
 * <pre>{@code
 * TestClock clock = TestClock.create();
 * Deadline deadline = clock.deadlineAfter(Duration.ofSeconds(5));
 * clock.advance(Duration.ofSeconds(4));   // one second left
 * }</pre>
 */
public final class TestClock implements LongSupplier {

    private final AtomicLong now = new AtomicLong(1L << 40);

    private TestClock() {
    }

    /**
     * A clock at an arbitrary reading.
     *
     * @return the clock
     */
    public static TestClock create() {
        return new TestClock();
    }

    /**
     * The clock's reading.
     *
     * @return nanoseconds on this clock's time line
     */
    @Override
    public long getAsLong() {
        return now.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far; must not be negative
     * @return this clock
     */
    public TestClock advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + step);
        }
        now.addAndGet(step.toNanos());
        return this;
    }

    /**
     * A deadline on this clock.
     *
     * @param timeout how long from the clock's reading now
     * @return the deadline
     */
    public Deadline deadlineAfter(Duration timeout) {
        return Deadline.after(timeout, this);
    }

    /**
     * A deadline on this clock that has passed already.
     *
     * @return the deadline, one nanosecond ago
     */
    public Deadline expiredDeadline() {
        return Deadline.at(now.get() - 1, this);
    }
}
