package io.cpra.bench.realtarget;

import java.time.Duration;

/**
 * Monitors of one kind in a scenario's manifest: {@code count} monitors named
 * {@code <prefix><index>} (index zero-padded to seven digits), all checking {@code target} on
 * the same interval. The name is also the {@code m} query argument nginx logs.
 *
 * @param target    what they check
 * @param count     how many, at least 1
 * @param interval  their interval
 * @param timeout   their pulse timeout, at most the interval (cpra refuses longer ones)
 * @param threshold failures in a row that open an incident ({@code max_failures})
 */
record MonitorGroup(Target target, int count, Duration interval, Duration timeout, int threshold) {

    /** The digits of a monitor's index: room for ten million monitors of one kind. */
    static final int DIGITS = 7;

    MonitorGroup {
        if (count < 1 || count >= 10_000_000) {
            throw new IllegalArgumentException(target + ": count must be from 1 to 9,999,999, got " + count);
        }
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException(target + ": timeout " + timeout + " is longer than the interval "
                    + interval + ", which cpra refuses");
        }
    }

    /** @return the name of the monitor at {@code index} */
    String name(int index) {
        String digits = Integer.toString(index);
        return target.prefix() + "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
    }

    /** @return the checks per second this group asks for */
    double rate() {
        return count / (interval.toNanos() / 1e9);
    }

    /** @return the same group with another count */
    MonitorGroup withCount(int newCount) {
        return new MonitorGroup(target, newCount, interval, timeout, threshold);
    }
}
