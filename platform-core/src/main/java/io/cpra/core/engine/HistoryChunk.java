package io.cpra.core.engine;

import java.util.List;

/**
 * Closed one-minute buckets of many monitors, as the engine hands them to a {@link HistorySink}:
 * one entry per monitor and minute that counted a check or a stage change, in primitive arrays
 * so that a million monitors make a few hundred objects a minute, not a million.
 *
 * <p>{@link #completeBefore()} is set on the chunk that ends a minute's sweep: every bucket of
 * every minute before it has been handed over (this chunk included), so roll-ups may read them.
 *
 * <p>Filled on the engine thread, then handed over whole; immutable for its reader after that.
 */
public final class HistoryChunk {

    /** Entries per chunk. */
    public static final int CAPACITY = 4096;

    /** Upper bounds, in microseconds, of the latency histogram's first seven buckets; the eighth is open. */
    public static final int[] BUCKET_BOUNDS_MICROS = {10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000};
    /** Buckets in the latency histogram. */
    public static final int BUCKETS = BUCKET_BOUNDS_MICROS.length + 1;

    private final String[] monitors = new String[CAPACITY];
    private final List<?>[] groups = new List<?>[CAPACITY];
    private final long[] minutes = new long[CAPACITY];
    private final int[] checks = new int[CAPACITY];
    private final int[] failures = new int[CAPACITY];
    private final long[] latencySumMicros = new long[CAPACITY];
    private final int[] latencyMaxMicros = new int[CAPACITY];
    private final long[] histograms = new long[CAPACITY];
    private final int[] stageChanges = new int[CAPACITY];
    private int size;
    private long completeBefore = Long.MIN_VALUE;

    HistoryChunk() {
    }

    void add(String monitor, List<String> monitorGroups, long minute, int checkCount, int failureCount,
             long latencySum, int latencyMax, long histogram, int changes) {
        monitors[size] = monitor;
        groups[size] = monitorGroups;
        minutes[size] = minute;
        checks[size] = checkCount;
        failures[size] = failureCount;
        latencySumMicros[size] = latencySum;
        latencyMaxMicros[size] = latencyMax;
        histograms[size] = histogram;
        stageChanges[size] = changes;
        size++;
    }

    boolean full() {
        return size == CAPACITY;
    }

    void completeBefore(long minute) {
        this.completeBefore = minute;
    }

    /** @return entries in this chunk */
    public int size() {
        return size;
    }

    /**
     * @return the epoch minute (milliseconds / 60,000) before which every bucket has been handed
     *         over, or {@link Long#MIN_VALUE} when this chunk does not end a sweep
     */
    public long completeBefore() {
        return completeBefore;
    }

    /** @param i an entry @return its monitor's name */
    public String monitor(int i) {
        return monitors[i];
    }

    /** @param i an entry @return its monitor's groups */
    @SuppressWarnings("unchecked")
    public List<String> groups(int i) {
        return (List<String>) groups[i];
    }

    /** @param i an entry @return the bucket's epoch minute (milliseconds / 60,000) */
    public long minute(int i) {
        return minutes[i];
    }

    /** @param i an entry @return checks counted */
    public int checks(int i) {
        return checks[i];
    }

    /** @param i an entry @return checks that were not ok */
    public int failures(int i) {
        return failures[i];
    }

    /** @param i an entry @return the sum of the checks' latencies, in microseconds */
    public long latencySumMicros(int i) {
        return latencySumMicros[i];
    }

    /** @param i an entry @return the longest check's latency, in microseconds */
    public int latencyMaxMicros(int i) {
        return latencyMaxMicros[i];
    }

    /**
     * @param i      an entry
     * @param bucket a histogram bucket, 0 .. {@link #BUCKETS} - 1
     * @return the checks counted in it (scaled down together with the others when one reached 255)
     */
    public int histogram(int i, int bucket) {
        return (int) (histograms[i] >>> (bucket * 8)) & 0xFF;
    }

    /** @param i an entry @return stage changes in the minute */
    public int stageChanges(int i) {
        return stageChanges[i];
    }
}
