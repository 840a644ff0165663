package io.cpra.core.engine;

import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;

/**
 * Each monitor's check history for the current wall-clock minute, counted in the store's
 * columns, and the sweep that hands closed minutes to the {@link HistorySink}. Engine thread
 * only.
 *
 * <p><b>What a row holds</b> (22 bytes, no object): checks and failures (saturating shorts),
 * latency sum and max in microseconds (the sum saturates at {@link Integer#MAX_VALUE}, 35
 * minutes), an eight-bucket latency histogram of one-byte counts packed in a long (when one
 * count would pass 255 every count is halved, so proportions survive), stage changes, and the
 * low byte of the minute these count (the tag).
 *
 * <p><b>Closing a minute.</b> When the wall clock enters a new minute, a sweep walks the rows a
 * budget per tick and hands over every row whose tag is not the current minute and that counted
 * something, then zeroes it. A row checked before the sweep reaches it hands its old minute over
 * first ({@link #count}), so two minutes never mix in one row. The sweep of a minute ends before
 * the next one starts (what is left is swept at once), so a row's tag is at most 255 minutes
 * behind and its minute is found from the tag alone. The chunk that ends a sweep says so
 * ({@link HistoryChunk#completeBefore()}), so the writer knows when a minute is whole.
 *
 * <p>Nothing is allocated per check; a chunk of {@value HistoryChunk#CAPACITY} buckets is
 * allocated per that many monitors per minute. A removed monitor's unfinished minute is dropped.
 */
final class MinuteCounts {

    /** Rows the sweep looks at per tick: a million rows close in about 60 ticks. */
    static final int SWEEP_BUDGET = 16_384;
    private static final long MILLIS_PER_MINUTE = 60_000;

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final HistorySink sink;
    private final EngineCounters counters;
    private long minute = Long.MIN_VALUE;
    private int sweepFrom = -1;
    private HistoryChunk chunk = new HistoryChunk();

    MinuteCounts(EntityStore<PulseCheck, MonitorSpec> store, HistorySink sink, EngineCounters counters) {
        this.store = store;
        this.sink = sink;
        this.counters = counters;
    }

    /**
     * Once per tick: notices a new minute and sweeps a budget of rows.
     *
     * @param wallMillis the wall clock now
     * @return rows looked at
     */
    int tick(long wallMillis) {
        long now = Math.floorDiv(wallMillis, MILLIS_PER_MINUTE);
        if (minute == Long.MIN_VALUE) {
            minute = now;
            return 0;
        }
        int work = 0;
        if (now != minute) {
            if (sweepFrom >= 0) {
                work += sweep(Integer.MAX_VALUE);  // the previous minute's sweep ends first
            }
            minute = now;
            sweepFrom = 0;
        }
        if (sweepFrom >= 0) {
            work += sweep(SWEEP_BUDGET);
        }
        return work;
    }

    /** Counts one check of a row into the current minute. */
    void count(int row, boolean failed, long latencyMicros) {
        roll(row);
        store.minuteChecks().set(row, saturatedShort((store.minuteChecks().get(row) & 0xFFFF) + 1));
        if (failed) {
            store.minuteFailures().set(row, saturatedShort((store.minuteFailures().get(row) & 0xFFFF) + 1));
        }
        int micros = (int) Math.min(Integer.MAX_VALUE, Math.max(0, latencyMicros));
        store.minuteLatencySum().set(row, (int) Math.min(Integer.MAX_VALUE,
                (long) store.minuteLatencySum().get(row) + micros));
        if (micros > store.minuteLatencyMax().get(row)) {
            store.minuteLatencyMax().set(row, micros);
        }
        store.minuteHistogram().set(row, histogramAdd(store.minuteHistogram().get(row), bucketOf(micros)));
    }

    /** Counts a stage change of a row into the current minute. */
    void stageChanged(int row) {
        roll(row);
        int changes = store.minuteStageChanges().get(row) & 0xFF;
        if (changes < 0xFF) {
            store.minuteStageChanges().set(row, (byte) (changes + 1));
        }
    }

    /** Hands over the row's counts when they belong to an earlier minute, and tags it with this one. */
    private void roll(int row) {
        byte tag = (byte) minute;
        if (store.minuteTag().get(row) != tag) {
            handOver(row);
            store.minuteTag().set(row, tag);
        }
    }

    private int sweep(int budget) {
        byte tag = (byte) minute;
        int from = sweepFrom;
        sweepFrom = store.forEachLive(from, budget, row -> {
            if (store.minuteTag().get(row) != tag) {
                handOver(row);
            }
        });
        if (sweepFrom < 0) {
            chunk.completeBefore(minute);
            send();
        }
        return (sweepFrom < 0 ? store.rowBound() : sweepFrom) - from;
    }

    /** Moves a row's counts, if any, into the chunk as a bucket of the minute its tag names. */
    private void handOver(int row) {
        int checks = store.minuteChecks().get(row) & 0xFFFF;
        int changes = store.minuteStageChanges().get(row) & 0xFF;
        if (checks == 0 && changes == 0) {
            return;
        }
        long bucket = minute - ((minute - store.minuteTag().get(row)) & 0xFF);
        MonitorSpec spec = store.spec().get(row);
        chunk.add(store.name().get(row), spec.groups(), bucket, checks, store.minuteFailures().get(row) & 0xFFFF,
                store.minuteLatencySum().get(row) & 0xFFFF_FFFFL, store.minuteLatencyMax().get(row),
                store.minuteHistogram().get(row), changes);
        store.minuteChecks().set(row, (short) 0);
        store.minuteFailures().set(row, (short) 0);
        store.minuteLatencySum().set(row, 0);
        store.minuteLatencyMax().set(row, 0);
        store.minuteHistogram().set(row, 0L);
        store.minuteStageChanges().set(row, (byte) 0);
        if (chunk.full()) {
            send();
        }
    }

    private void send() {
        HistoryChunk full = chunk;
        chunk = new HistoryChunk();
        if (full.size() == 0 && full.completeBefore() == Long.MIN_VALUE) {
            return;
        }
        if (!sink.offer(full)) {
            counters.historyDropped.add(full.size());
        }
    }

    /** The histogram bucket of a latency. */
    static int bucketOf(int micros) {
        int[] bounds = HistoryChunk.BUCKET_BOUNDS_MICROS;
        for (int i = 0; i < bounds.length; i++) {
            if (micros <= bounds[i]) {
                return i;
            }
        }
        return bounds.length;
    }

    /** Adds one to a packed histogram's bucket; halves every count first when that one is full. */
    static long histogramAdd(long histogram, int bucket) {
        int shift = bucket * 8;
        if (((histogram >>> shift) & 0xFF) == 0xFF) {
            histogram = (histogram >>> 1) & 0x7F7F_7F7F_7F7F_7F7FL;
        }
        return histogram + (1L << shift);
    }

    private static short saturatedShort(int value) {
        return (short) Math.min(value, 0xFFFF);
    }
}
