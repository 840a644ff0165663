package io.cpra.core.engine.pool;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free log-linear histogram of durations in nanoseconds, cheap enough to record every
 * call's start lateness at a million calls a second (a bucket index and one
 * {@link LongAdder} increment; a general-purpose metrics timer costs about a microsecond here,
 * see BENCHMARKS.md). Values are grouped in eight sub-buckets per power of two, so a reported
 * percentile is within 12.5 % of the true value. Negative values count as zero.
 *
 * <p>Thread-safe: any number of threads record; {@link #snapshot()} reads a consistent-enough
 * copy (counts recorded during the copy may or may not be included).
 */
public final class LatenessHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    static final int BUCKETS = (64 - SUB_BITS) * SUB + SUB;

    private final LongAdder[] counts = new LongAdder[BUCKETS];
    private final AtomicLong max = new AtomicLong();

    /** Creates an empty histogram. */
    public LatenessHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * Records one value.
     *
     * @param nanos the duration; negative counts as zero
     */
    public void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)].increment();
        if (value > max.getPlain()) {
            max.accumulateAndGet(value, Math::max);
        }
    }

    /**
     * A copy of the counts so far.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts[i].sum();
        }
        return new Snapshot(copy, max.get());
    }

    static int index(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int msb = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (msb - SUB_BITS)) & (SUB - 1);
        return (msb - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value that falls into a bucket. */
    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int msb = index / SUB + SUB_BITS - 1;
        int sub = index % SUB;
        long lower = (1L << msb) + ((long) sub << (msb - SUB_BITS));
        long width = 1L << (msb - SUB_BITS);
        return lower + width - 1 < 0 ? Long.MAX_VALUE : lower + width - 1;
    }

    /**
     * Counts at one moment; subtract an earlier snapshot for a window's distribution.
     *
     * @param counts per bucket
     * @param max    the largest value recorded since start (not per window)
     */
    public record Snapshot(long[] counts, long max) {

        /**
         * The number of values.
         *
         * @return the total count
         */
        public long total() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        }

        /**
         * The distribution of values recorded after {@code earlier}.
         *
         * @param earlier a snapshot of the same histogram taken before this one
         * @return the difference; its max is the largest bucket bound with a value in it
         */
        public Snapshot since(Snapshot earlier) {
            long[] diff = new long[counts.length];
            int highest = -1;
            for (int i = 0; i < counts.length; i++) {
                diff[i] = counts[i] - earlier.counts[i];
                if (diff[i] > 0) {
                    highest = i;
                }
            }
            return new Snapshot(diff, highest < 0 ? 0 : Math.min(max, upperBound(highest)));
        }

        /**
         * A percentile.
         *
         * @param quantile between 0 and 1, such as 0.99
         * @return the upper bound of the bucket holding it, in nanoseconds; 0 when empty
         */
        public long percentile(double quantile) {
            long total = total();
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(quantile * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= Math.max(1, rank)) {
                    return Math.min(upperBound(i), max == 0 ? upperBound(i) : max);
                }
            }
            return max;
        }
    }
}
