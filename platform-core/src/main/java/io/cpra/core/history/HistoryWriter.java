package io.cpra.core.history;

import io.cpra.core.engine.HistoryChunk;
import io.cpra.core.engine.HistorySink;
import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.core.storage.Storage;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the engine's closed history minutes to storage on a thread of its own, and rolls them
 * up and prunes them there: nothing of it runs on the engine thread.
 *
 * <p>The engine's side ({@link #offer}) is a lock-free hand-off. It is bounded by refusing, not
 * by back-pressure: history must never hold a check back, so past {@link HistorySettings#backlog()}
 * buckets waiting, chunks are refused and the engine counts them
 * ({@code cpra_history_buckets_dropped_total}). The backlog shows in {@code cpra_history_backlog},
 * each write's time in {@code cpra_history_write_seconds}.
 *
 * <p>Each chunk becomes one transaction: its monitors' minute buckets, and per group and minute
 * the sum of its members' (a group's minute arrives in many chunks and adds up in storage).
 * A chunk that ends a minute's sweep carries the minute mark; after it the writer rolls whole
 * hours and days up and prunes each tier past its retention. A write that fails is retried every
 * second, so a store that is down loses nothing until the backlog is full.
 */
public final class HistoryWriter implements HistorySink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HistoryWriter.class.getName());
    private static final long IDLE_PARK_NANOS = 50_000_000L;
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;
    private static final long MILLIS_PER_MINUTE = 60_000L;

    private final Storage storage;
    private final HistorySettings settings;
    private final InstantSource wall;
    private final Queue<HistoryChunk> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final Thread thread;
    private final Timer writeTime;
    private volatile boolean running = true;

    private HistoryWriter(Storage storage, HistorySettings settings, InstantSource wall, MeterRegistry metrics) {
        this.storage = storage;
        this.settings = settings;
        this.wall = wall;
        this.writeTime = metrics.getOrCreate(Timer.builder("cpra_history_write")
                .description("Time to write one chunk of history buckets to storage").baseUnit("seconds"));
        metrics.getOrCreate(Gauge.builder("cpra_history_backlog", backlog, AtomicLong::get)
                .description("History buckets waiting to be written to storage"));
        this.thread = Thread.ofPlatform().daemon().name("cpra-history").unstarted(this::run);
    }

    /**
     * Starts a writer; pass it to the engine as its history sink.
     *
     * @param storage  where to write
     * @param settings retention and backlog
     * @param wall     the wall clock, for retention cuts
     * @param metrics  where its meters go
     * @return the running writer
     */
    public static HistoryWriter start(Storage storage, HistorySettings settings, InstantSource wall,
                                      MeterRegistry metrics) {
        HistoryWriter writer = new HistoryWriter(storage, settings, wall, metrics);
        writer.thread.start();
        return writer;
    }

    @Override
    public boolean offer(HistoryChunk chunk) {
        if (backlog.get() + chunk.size() > settings.backlog() && chunk.size() > 0) {
            return false;
        }
        backlog.addAndGet(chunk.size());
        queue.add(chunk);
        return true;
    }

    /** @return buckets waiting to be written */
    public long backlog() {
        return backlog.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            HistoryChunk chunk = queue.peek();
            if (chunk == null) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            try {
                long start = System.nanoTime();
                storage.writeHistory(batch(chunk));
                writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                queue.poll();
                backlog.addAndGet(-chunk.size());
                if (chunk.completeBefore() != Long.MIN_VALUE) {
                    housekeeping();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "writing check history failed; retrying every second: "
                        + e.getMessage());
                LockSupport.parkNanos(RETRY_AFTER_NANOS);
            }
        }
    }

    /** Rolls up whatever is whole, then prunes each tier past its retention. */
    private void housekeeping() {
        while (storage.rollUpHistory() > 0) {
            // a roll-up handles a bounded number of periods: go on until it is caught up
        }
        var now = wall.instant();
        storage.pruneHistory(now.minus(settings.minutes()), now.minus(settings.hours()), now.minus(settings.days()));
    }

    /** A chunk as storage takes it: each monitor's bucket and each group's sum per minute. */
    static HistoryBatch batch(HistoryChunk chunk) {
        HistoryBatch batch = new HistoryBatch();
        Map<GroupMinute, long[]> groups = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            long[] histogram = histogram(chunk, i);
            long start = chunk.minute(i) * MILLIS_PER_MINUTE;
            batch.add(HistoryBatch.Scope.MONITOR, chunk.monitor(i), new HistoryBucket(start, chunk.checks(i),
                    chunk.failures(i), chunk.latencySumMicros(i), chunk.latencyMaxMicros(i), histogram,
                    chunk.stageChanges(i)));
            List<String> names = chunk.groups(i);
            for (int g = 0; g < names.size(); g++) {
                long[] sum = groups.computeIfAbsent(new GroupMinute(names.get(g), start),
                        key -> new long[5 + HistoryBucket.BUCKETS]);
                sum[0] += chunk.checks(i);
                sum[1] += chunk.failures(i);
                sum[2] += chunk.latencySumMicros(i);
                sum[3] = Math.max(sum[3], chunk.latencyMaxMicros(i));
                sum[4] += chunk.stageChanges(i);
                for (int b = 0; b < HistoryBucket.BUCKETS; b++) {
                    sum[5 + b] += histogram[b];
                }
            }
        }
        groups.forEach((key, sum) -> {
            long[] histogram = new long[HistoryBucket.BUCKETS];
            System.arraycopy(sum, 5, histogram, 0, HistoryBucket.BUCKETS);
            batch.add(HistoryBatch.Scope.GROUP, key.group(), new HistoryBucket(key.startMillis(), sum[0], sum[1],
                    sum[2], sum[3], histogram, sum[4]));
        });
        if (chunk.completeBefore() != Long.MIN_VALUE) {
            batch.completeBefore(chunk.completeBefore() * MILLIS_PER_MINUTE);
        }
        return batch;
    }

    /**
     * The entry's histogram scaled back to its checks: the engine halves every count when one
     * fills its byte, so counts are stretched to sum to the checks again, keeping a busy
     * monitor's weight in a group's merged histogram.
     */
    private static long[] histogram(HistoryChunk chunk, int i) {
        long[] counts = new long[HistoryBucket.BUCKETS];
        long total = 0;
        for (int b = 0; b < counts.length; b++) {
            counts[b] = chunk.histogram(i, b);
            total += counts[b];
        }
        int checks = chunk.checks(i);
        if (total > 0 && total != checks) {
            long assigned = 0;
            int largest = 0;
            for (int b = 0; b < counts.length; b++) {
                counts[b] = counts[b] * checks / total;
                assigned += counts[b];
                if (counts[b] > counts[largest]) {
                    largest = b;
                }
            }
            counts[largest] += checks - assigned;
        }
        return counts;
    }

    private record GroupMinute(String group, long startMillis) {
    }

    /**
     * Writes what is queued, then stops; waits up to {@code grace}.
     *
     * @param grace how long to wait for the last writes
     */
    public void close(Duration grace) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
