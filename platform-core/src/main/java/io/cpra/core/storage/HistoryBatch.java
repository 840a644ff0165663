package io.cpra.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Minute buckets to write in one transaction ({@link Storage#writeHistory}). A bucket already
 * stored for the same subject and minute is added to, not replaced: a group's minute arrives in
 * several batches. Not thread-safe; hand it over whole.
 */
public final class HistoryBatch {

    /** What a bucket counts. */
    public enum Scope {
        /** one monitor */
        MONITOR("m"),
        /** every monitor of a group */
        GROUP("g");

        final String key;

        Scope(String key) {
            this.key = key;
        }
    }

    record Entry(Scope scope, String name, HistoryBucket bucket) {
    }

    final List<Entry> entries = new ArrayList<>();
    long completeBeforeMillis = Long.MIN_VALUE;

    /**
     * Adds a minute bucket.
     *
     * @param scope  a monitor's or a group's
     * @param name   the monitor's or group's name
     * @param bucket the minute's counts; its start a whole minute
     * @return this batch
     */
    public HistoryBatch add(Scope scope, String name, HistoryBucket bucket) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        if (Math.floorMod(bucket.startMillis(), Resolution.MINUTE.millis) != 0) {
            throw new IllegalArgumentException("a minute bucket starts on a whole minute: " + bucket.startMillis());
        }
        entries.add(new Entry(scope, name, bucket));
        return this;
    }

    /**
     * Records, with this batch, that every minute bucket before {@code millis} has been written,
     * so roll-ups may read them.
     *
     * @param millis a whole minute, epoch milliseconds
     * @return this batch
     */
    public HistoryBatch completeBefore(long millis) {
        this.completeBeforeMillis = millis;
        return this;
    }

    /** @return buckets in the batch */
    public int size() {
        return entries.size();
    }

    /** The sizes of the buckets kept, finest first. */
    public enum Resolution {
        /** one-minute buckets */
        MINUTE(60_000L, "cpra_history_minute"),
        /** one-hour buckets, rolled up from minutes */
        HOUR(3_600_000L, "cpra_history_hour"),
        /** one-day buckets (UTC), rolled up from hours */
        DAY(86_400_000L, "cpra_history_day");

        final long millis;
        final String table;

        Resolution(long millis, String table) {
            this.millis = millis;
            this.table = table;
        }

        /** @return a bucket's length in milliseconds */
        public long millis() {
            return millis;
        }

        /**
         * The coarsest buckets worth reading for a window: minutes up to an hour, hours below 90
         * days, days beyond; the window's edges come from finer buckets either way.
         *
         * @param windowMillis the window's length
         * @return the resolution
         */
        public static Resolution coarsestFor(long windowMillis) {
            return windowMillis <= HOUR.millis ? MINUTE : windowMillis < 90 * DAY.millis ? HOUR : DAY;
        }
    }
}
