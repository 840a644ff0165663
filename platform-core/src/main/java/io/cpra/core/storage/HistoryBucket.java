package io.cpra.core.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One bucket of check history: what a monitor's (or a group's) checks did in one minute, hour or
 * day. Values are sums except {@code latencyMaxMicros}. Immutable.
 *
 * @param startMillis      the bucket's start, epoch milliseconds, a whole minute, hour or day (UTC)
 * @param checks           checks counted
 * @param failures         checks whose status was not ok
 * @param latencySumMicros the sum of their latencies, in microseconds
 * @param latencyMaxMicros the longest latency, in microseconds
 * @param histogram        checks per latency bucket ({@link #BUCKETS} counts; bounds in the history package)
 * @param stageChanges     stage changes
 */
public record HistoryBucket(long startMillis, long checks, long failures, long latencySumMicros,
                            long latencyMaxMicros, long[] histogram, long stageChanges) {

    /** Latency buckets in a histogram. */
    public static final int BUCKETS = 8;

    /** Checks the histogram's length and copies it. */
    public HistoryBucket {
        Objects.requireNonNull(histogram, "histogram");
        if (histogram.length != BUCKETS) {
            throw new IllegalArgumentException("a histogram has " + BUCKETS + " buckets, got " + histogram.length);
        }
        histogram = histogram.clone();
    }

    @Override
    public long[] histogram() {
        return histogram.clone();
    }

    /** @param bucket a histogram bucket @return its count */
    public long histogram(int bucket) {
        return histogram[bucket];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryBucket b && startMillis == b.startMillis && checks == b.checks
                && failures == b.failures && latencySumMicros == b.latencySumMicros
                && latencyMaxMicros == b.latencyMaxMicros && Arrays.equals(histogram, b.histogram)
                && stageChanges == b.stageChanges;
    }

    @Override
    public int hashCode() {
        return Objects.hash(startMillis, checks, failures, Arrays.hashCode(histogram));
    }

    @Override
    public String toString() {
        return "HistoryBucket[" + startMillis + ": " + checks + " checks, " + failures + " failures, sum "
                + latencySumMicros + "us, max " + latencyMaxMicros + "us, " + Arrays.toString(histogram) + ", "
                + stageChanges + " stage changes]";
    }
}
