package io.cpra.core.engine.schedule;

/**
 * Fixed-rate arithmetic for pulses: where a monitor's first check falls, and where the next
 * one falls after a check came due. Pure functions of their arguments.
 *
 * <p><b>Spread.</b> A monitor's first check is due {@link #offset offset(name, interval)} after
 * it is loaded, an offset in {@code [0, interval)} taken from a stable hash of its name: a
 * million monitors loaded at once spread evenly over one interval instead of firing in the
 * first tick, and a restart spreads them the same way. The hash is 64-bit FNV-1a over the
 * name's UTF-16 chars followed by the MurmurHash3 64-bit finaliser; the offset is the high
 * half of the unsigned product of hash and interval. Both are fixed: changing them reshuffles
 * every fleet's schedule.
 *
 * <p><b>No drift, no pile-up.</b> The next due time is the previous due time plus the
 * interval, not the completion time plus the interval. When the engine fell a whole interval
 * or more behind, the slots already past are skipped, not fired in a burst: {@link #nextDue}
 * returns the first slot after {@code now} and {@link #skippedCycles} says how many slots were
 * passed over, for the engine to count as misses.
 *
 * <p>Times are {@link System#nanoTime()}-style values compared by difference, so they may be
 * negative or wrap; a previous due time and {@code now} must lie within 2<sup>62</sup> ns of
 * each other.
 */
public final class FixedRate {

    private FixedRate() {
    }

    /**
     * A monitor's spread offset: a stable function of its name, uniform over one interval.
     *
     * @param name          the monitor's name
     * @param intervalNanos its interval, positive
     * @return an offset in {@code [0, intervalNanos)}
     */
    public static long offset(CharSequence name, long intervalNanos) {
        requirePositive(intervalNanos);
        return Math.unsignedMultiplyHigh(hash(name), intervalNanos);
    }

    /**
     * A monitor's first due time when it is loaded at {@code nowNanos}.
     *
     * @param nowNanos      the load time
     * @param intervalNanos its interval, positive
     * @param name          the monitor's name
     * @return {@code nowNanos + offset(name, intervalNanos)}
     */
    public static long firstDue(long nowNanos, long intervalNanos, CharSequence name) {
        return nowNanos + offset(name, intervalNanos);
    }

    /**
     * A monitor's first due time, aligned to the wall clock: the first instant at or after
     * {@code nowNanos} whose wall-clock time is {@code offset(name, interval)} past a multiple
     * of the interval since the epoch. A monitor then keeps its phase across restarts, not only
     * its place in the spread.
     *
     * @param nowNanos      the load time on the nano time line
     * @param wallNanos     the same instant as nanoseconds since the Unix epoch
     * @param intervalNanos the interval, positive
     * @param name          the monitor's name
     * @return a due time in {@code [nowNanos, nowNanos + intervalNanos)}
     */
    public static long alignedFirstDue(long nowNanos, long wallNanos, long intervalNanos,
            CharSequence name) {
        long phase = offset(name, intervalNanos);
        return nowNanos + Math.floorMod(phase - Math.floorMod(wallNanos, intervalNanos), intervalNanos);
    }

    /**
     * The due time after {@code previousDue}: {@code previousDue + interval}, or, when that is
     * not after {@code nowNanos}, the first {@code previousDue + k * interval} that is.
     *
     * @param previousDue   the due time that just came up
     * @param intervalNanos the interval, positive
     * @param nowNanos      the current time
     * @return the next due time, after {@code nowNanos} unless {@code nowNanos} is before
     *         {@code previousDue}
     */
    public static long nextDue(long previousDue, long intervalNanos, long nowNanos) {
        return previousDue + (skippedCycles(previousDue, intervalNanos, nowNanos) + 1) * intervalNanos;
    }

    /**
     * How many slots {@link #nextDue} passes over: zero on time, {@code k} when the engine fell
     * behind by at least {@code k} whole intervals.
     *
     * @param previousDue   the due time that just came up
     * @param intervalNanos the interval, positive
     * @param nowNanos      the current time
     * @return the number of skipped slots, from 0
     */
    public static long skippedCycles(long previousDue, long intervalNanos, long nowNanos) {
        requirePositive(intervalNanos);
        long behind = nowNanos - previousDue;
        return behind < intervalNanos ? 0 : behind / intervalNanos;
    }

    /** The stable 64-bit name hash described in the class comment. */
    static long hash(CharSequence name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = name.length(); i < n; i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        // FNV leaves names that differ in their last char close together; avalanche every bit
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static void requirePositive(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos + " ns");
        }
    }
}
