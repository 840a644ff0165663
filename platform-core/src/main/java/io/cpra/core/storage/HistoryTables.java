package io.cpra.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The check-history tables: minute buckets written in batches, rolled up into hours and hours
 * into days once they are whole, pruned per tier, and read across tiers. Stateless; every
 * method runs on a connection (and in a transaction) the caller lends.
 *
 * <p><b>Watermarks</b> in {@code cpra_counters}: {@code history_minutes_complete} (every minute
 * bucket before it has been written), {@code history_hours_rolled} and {@code history_days_rolled}
 * (every hour, or day, before it has been rolled up). A roll-up and its watermark commit together,
 * so a crash never rolls a period up twice. A roll-up adds to rows already there, like a write.
 *
 * <p><b>Reading across tiers.</b> A read from coarse buckets covers the part of the range that
 * holds whole coarse buckets already rolled up; the parts before and after it come from the next
 * finer tier, recursively. So an answer is exact to the minute at both ends while minute buckets
 * are kept, and costs at most five index range scans.
 */
final class HistoryTables {

    static final String MINUTES_COMPLETE = "history_minutes_complete";
    static final String HOURS_ROLLED = "history_hours_rolled";
    static final String DAYS_ROLLED = "history_days_rolled";
    /** Most hours (or days) one roll-up call handles, so one transaction stays short after a long pause. */
    private static final int ROLL_UP_PERIODS = 48;

    private static final String COLUMNS = "scope, name, bucket, checks, failures, latency_sum_us, latency_max_us,"
            + " h0, h1, h2, h3, h4, h5, h6, h7, stage_changes";

    private HistoryTables() {
    }

    /** The schema step that creates the tables. */
    static List<String> schema() {
        List<String> statements = new ArrayList<>();
        for (HistoryBatch.Resolution resolution : HistoryBatch.Resolution.values()) {
            statements.add("CREATE TABLE " + resolution.table + " (\n"
                    + "    scope          CHAR(1) NOT NULL,\n"
                    + "    name           TEXT NOT NULL,\n"
                    + "    bucket         BIGINT NOT NULL,\n"
                    + "    checks         BIGINT NOT NULL,\n"
                    + "    failures       BIGINT NOT NULL,\n"
                    + "    latency_sum_us BIGINT NOT NULL,\n"
                    + "    latency_max_us BIGINT NOT NULL,\n"
                    + "    h0 BIGINT NOT NULL, h1 BIGINT NOT NULL, h2 BIGINT NOT NULL, h3 BIGINT NOT NULL,\n"
                    + "    h4 BIGINT NOT NULL, h5 BIGINT NOT NULL, h6 BIGINT NOT NULL, h7 BIGINT NOT NULL,\n"
                    + "    stage_changes  BIGINT NOT NULL,\n"
                    + "    PRIMARY KEY (scope, name, bucket)){without_rowid}");
            statements.add("CREATE INDEX " + resolution.table + "_bucket ON " + resolution.table + " (bucket)");
        }
        return statements;
    }

    private static String upsert(Dialect dialect, String table) {
        StringBuilder sql = new StringBuilder(" ON CONFLICT (scope, name, bucket) DO UPDATE SET ");
        for (String column : List.of("checks", "failures", "latency_sum_us", "h0", "h1", "h2", "h3", "h4", "h5", "h6",
                "h7", "stage_changes")) {
            sql.append(column).append(" = ").append(table).append('.').append(column).append(" + excluded.")
                    .append(column).append(", ");
        }
        return sql.append("latency_max_us = ").append(dialect.greatest(table + ".latency_max_us",
                "excluded.latency_max_us")).toString();
    }

    static void write(Connection connection, Dialect dialect, HistoryBatch batch) throws SQLException {
        String table = HistoryBatch.Resolution.MINUTE.table;
        if (!batch.entries.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + upsert(dialect, table))) {
                for (HistoryBatch.Entry entry : batch.entries) {
                    HistoryBucket b = entry.bucket();
                    insert.setString(1, entry.scope().key);
                    insert.setString(2, entry.name());
                    insert.setLong(3, b.startMillis());
                    insert.setLong(4, b.checks());
                    insert.setLong(5, b.failures());
                    insert.setLong(6, b.latencySumMicros());
                    insert.setLong(7, b.latencyMaxMicros());
                    for (int i = 0; i < HistoryBucket.BUCKETS; i++) {
                        insert.setLong(8 + i, b.histogram(i));
                    }
                    insert.setLong(16, b.stageChanges());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (batch.completeBeforeMillis != Long.MIN_VALUE) {
            setCounter(connection, MINUTES_COMPLETE, batch.completeBeforeMillis);
        }
    }

    /**
     * Rolls whole, written hours up into hour buckets and whole days into day buckets.
     *
     * @return buckets written
     */
    static long rollUp(Connection connection, Dialect dialect) throws SQLException {
        long written = 0;
        long minutesComplete = counter(connection, MINUTES_COMPLETE);
        if (minutesComplete != Long.MIN_VALUE) {
            written += rollUp(connection, dialect, HistoryBatch.Resolution.MINUTE, HistoryBatch.Resolution.HOUR,
                    HOURS_ROLLED, minutesComplete);
        }
        long hoursRolled = counter(connection, HOURS_ROLLED);
        if (hoursRolled != Long.MIN_VALUE) {
            written += rollUp(connection, dialect, HistoryBatch.Resolution.HOUR, HistoryBatch.Resolution.DAY,
                    DAYS_ROLLED, hoursRolled);
        }
        return written;
    }

    private static long rollUp(Connection connection, Dialect dialect, HistoryBatch.Resolution from,
                               HistoryBatch.Resolution to, String watermark, long completeBefore) throws SQLException {
        long end = Math.floorDiv(completeBefore, to.millis) * to.millis;
        long start = counter(connection, watermark);
        if (start == Long.MIN_VALUE) {
            long oldest = oldest(connection, from);
            if (oldest == Long.MIN_VALUE) {
                return 0;  // nothing to roll up yet; start where the first bucket is, when there is one
            }
            start = Math.floorDiv(oldest, to.millis) * to.millis;
        }
        end = Math.min(end, start + ROLL_UP_PERIODS * to.millis);
        if (end <= start) {
            return 0;
        }
        String period = "bucket - " + dialect.modulo("bucket", to.millis);
        String sums = "SUM(checks), SUM(failures), SUM(latency_sum_us), MAX(latency_max_us), SUM(h0), SUM(h1),"
                + " SUM(h2), SUM(h3), SUM(h4), SUM(h5), SUM(h6), SUM(h7), SUM(stage_changes)";
        long written;
        try (PreparedStatement roll = connection.prepareStatement("INSERT INTO " + to.table + " (" + COLUMNS + ")"
                + " SELECT scope, name, " + period + ", " + sums + " FROM " + from.table
                + " WHERE bucket >= ? AND bucket < ? GROUP BY scope, name, " + period + upsert(dialect, to.table))) {
            roll.setLong(1, start);
            roll.setLong(2, end);
            written = roll.executeUpdate();
        }
        setCounter(connection, watermark, end);
        return written;
    }

    /**
     * Removes buckets older than each tier's cut; never buckets not yet rolled up into the next tier.
     *
     * @return buckets removed
     */
    static long prune(Connection connection, long minutesBefore, long hoursBefore, long daysBefore)
            throws SQLException {
        long hoursRolled = counter(connection, HOURS_ROLLED);
        long daysRolled = counter(connection, DAYS_ROLLED);
        return delete(connection, HistoryBatch.Resolution.MINUTE, Math.min(minutesBefore, hoursRolled))
                + delete(connection, HistoryBatch.Resolution.HOUR, Math.min(hoursBefore, daysRolled))
                + delete(connection, HistoryBatch.Resolution.DAY, daysBefore);
    }

    private static long delete(Connection connection, HistoryBatch.Resolution resolution, long before)
            throws SQLException {
        if (before == Long.MIN_VALUE) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + resolution.table
                + " WHERE bucket < ?")) {
            delete.setLong(1, before);
            return delete.executeUpdate();
        }
    }

    /**
     * A subject's buckets starting in {@code [from, to)}, oldest first, read from the coarsest
     * tier allowed where it has whole, rolled-up buckets and from finer tiers elsewhere.
     */
    static List<HistoryBucket> read(Connection connection, HistoryBatch.Scope scope, String name, long from, long to,
                                    HistoryBatch.Resolution coarsest) throws SQLException {
        List<HistoryBucket> buckets = new ArrayList<>();
        read(connection, scope, name, from, to, coarsest, buckets);
        buckets.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        return buckets;
    }

    private static void read(Connection connection, HistoryBatch.Scope scope, String name, long from, long to,
                             HistoryBatch.Resolution tier, List<HistoryBucket> into) throws SQLException {
        if (from >= to) {
            return;
        }
        if (tier == HistoryBatch.Resolution.MINUTE) {
            range(connection, tier, scope, name, from, to, into);
            return;
        }
        HistoryBatch.Resolution finer = HistoryBatch.Resolution.values()[tier.ordinal() - 1];
        long rolled = counter(connection, tier == HistoryBatch.Resolution.HOUR ? HOURS_ROLLED : DAYS_ROLLED);
        long start = Math.floorDiv(from + tier.millis - 1, tier.millis) * tier.millis;
        long end = rolled == Long.MIN_VALUE ? start : Math.max(start, Math.min(rolled,
                Math.floorDiv(to, tier.millis) * tier.millis));
        range(connection, tier, scope, name, start, end, into);
        read(connection, scope, name, from, Math.min(start, to), finer, into);
        read(connection, scope, name, Math.max(end, from), to, finer, into);
    }

    private static void range(Connection connection, HistoryBatch.Resolution tier, HistoryBatch.Scope scope,
                              String name, long from, long to, List<HistoryBucket> into) throws SQLException {
        if (from >= to) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT bucket, checks, failures, latency_sum_us,"
                + " latency_max_us, h0, h1, h2, h3, h4, h5, h6, h7, stage_changes FROM " + tier.table
                + " WHERE scope = ? AND name = ? AND bucket >= ? AND bucket < ? ORDER BY bucket")) {
            select.setString(1, scope.key);
            select.setString(2, name);
            select.setLong(3, from);
            select.setLong(4, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long[] histogram = new long[HistoryBucket.BUCKETS];
                    for (int i = 0; i < histogram.length; i++) {
                        histogram[i] = rows.getLong(6 + i);
                    }
                    into.add(new HistoryBucket(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), histogram, rows.getLong(14)));
                }
            }
        }
    }

    /** Whether any tier holds a bucket of the subject. */
    static boolean exists(Connection connection, HistoryBatch.Scope scope, String name) throws SQLException {
        for (HistoryBatch.Resolution tier : HistoryBatch.Resolution.values()) {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + tier.table
                    + " WHERE scope = ? AND name = ? LIMIT 1")) {
                select.setString(1, scope.key);
                select.setString(2, name);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long oldest(Connection connection, HistoryBatch.Resolution tier) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MIN(bucket) FROM " + tier.table);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            long value = rows.getLong(1);
            return rows.wasNull() ? Long.MIN_VALUE : value;
        }
    }

    /** A watermark, or {@link Long#MIN_VALUE} when none was set. */
    static long counter(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM cpra_counters WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    private static void setCounter(Connection connection, String name, long value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cpra_counters (name, value)"
                + " VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, name);
            upsert.setLong(2, value);
            upsert.executeUpdate();
        }
    }
}
