package io.cpra.core.web;

import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageException;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Uptime read from the check history in storage: the buckets the history writer flushed, read at
 * the coarsest resolution that still covers the window's edges. Every bucket lies within one
 * UTC day (buckets start on whole minutes, hours or days), so a day's bar is the sum of the
 * buckets that start in it. Thread-safe: it keeps no state; storage serves concurrent reads.
 */
final class StoredUptime implements UptimeHistory {

    private static final long DAY_MILLIS = 86_400_000L;

    private final Storage storage;
    private final InstantSource wall;

    StoredUptime(Storage storage, InstantSource wall) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    @Override
    public Optional<double[]> daily(String monitor, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        if (!read(() -> storage.hasHistory(HistoryBatch.Scope.MONITOR, monitor))) {
            return Optional.empty();
        }
        Instant now = wall.instant();
        long today = Math.floorDiv(now.toEpochMilli(), DAY_MILLIS) * DAY_MILLIS;
        long first = today - (days - 1) * DAY_MILLIS;
        List<HistoryBucket> buckets = read(() -> storage.history(HistoryBatch.Scope.MONITOR, monitor,
                Instant.ofEpochMilli(first), now, HistoryBatch.Resolution.DAY));
        long[] checks = new long[days];
        long[] failures = new long[days];
        for (HistoryBucket bucket : buckets) {
            long day = Math.floorDiv(bucket.startMillis() - first, DAY_MILLIS);
            if (day >= 0 && day < days) {
                checks[(int) day] += bucket.checks();
                failures[(int) day] += bucket.failures();
            }
        }
        double[] shares = new double[days];
        Arrays.fill(shares, Double.NaN);
        for (int day = 0; day < days; day++) {
            if (checks[day] > 0) {
                shares[day] = (double) (checks[day] - failures[day]) / checks[day];
            }
        }
        return Optional.of(shares);
    }

    @Override
    public OptionalDouble uptime(String monitor, Duration window) {
        Instant now = wall.instant();
        HistoryBatch.Resolution coarsest = HistoryBatch.Resolution.coarsestFor(window.toMillis());
        List<HistoryBucket> buckets = read(() -> storage.history(HistoryBatch.Scope.MONITOR, monitor,
                now.minus(window), now, coarsest));
        long checks = 0;
        long failures = 0;
        for (HistoryBucket bucket : buckets) {
            checks += bucket.checks();
            failures += bucket.failures();
        }
        return checks == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) (checks - failures) / checks);
    }

    private static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (StorageException e) {
            // a page that says "no history" while the store is down would tell the public something untrue
            throw new WebException(503, "the check history cannot be read now; try again");
        }
    }
}
