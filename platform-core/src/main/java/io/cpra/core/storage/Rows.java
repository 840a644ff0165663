package io.cpra.core.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Column lists and row mappers of every table, and the time conversion: instants are stored as
 * epoch milliseconds (finer parts are dropped). Stateless.
 */
final class Rows {

    static final String MONITOR = "name, definition, updated_at";
    static final String HOLD = "name, paused, maintenance, maintenance_until, updated_at";
    static final String SNAPSHOT = "name, stage, consecutive_failures, success_streak, attempts, verify_remaining,"
            + " incident_seq, lifecycle_flags, incident_id, updated_at";
    static final String INCIDENT = "id, monitor, opened_at, closed_at, cause";
    static final String EVENT = "seq, at, monitor, kind, colour, incident_id, detail";
    static final String OUTBOX = "seq, alert_id, monitor, colour, notifier, alert, state, attempts, next_attempt_at,"
            + " last_error, created_at, updated_at";

    private Rows() {
    }

    /** An outbox entry with the store's insertion number, which orders and pages the outbox. */
    record Queued(long seq, OutboxEntry entry) {
    }

    static StoredMonitor monitor(ResultSet row) throws SQLException {
        return new StoredMonitor(row.getString(1), row.getString(2), instant(row, 3));
    }

    static MonitorHold hold(ResultSet row) throws SQLException {
        return new MonitorHold(row.getString(1), row.getBoolean(2), row.getBoolean(3), instant(row, 4), instant(row, 5));
    }

    static MonitorSnapshot snapshot(ResultSet row) throws SQLException {
        return new MonitorSnapshot(row.getString(1), row.getString(2), row.getInt(3), row.getInt(4), row.getInt(5),
                row.getInt(6), row.getInt(7), row.getInt(8), row.getLong(9), instant(row, 10));
    }

    static IncidentRecord incident(ResultSet row) throws SQLException {
        return new IncidentRecord(row.getLong(1), row.getString(2), instant(row, 3), instant(row, 4), row.getString(5));
    }

    static EventRecord event(ResultSet row) throws SQLException {
        return new EventRecord(row.getLong(1), instant(row, 2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getString(7));
    }

    static Queued queued(ResultSet row) throws SQLException {
        return new Queued(row.getLong(1), new OutboxEntry(row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), OutboxEntry.State.valueOf(row.getString(7)), row.getInt(8),
                instant(row, 9), row.getString(10), instant(row, 11), instant(row, 12)));
    }

    /** @return the instant in a BIGINT column, or null */
    static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Binds an instant, or SQL NULL. */
    static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }

    /** Binds text, or SQL NULL. */
    static void setText(PreparedStatement statement, int index, String text) throws SQLException {
        if (text == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, text);
        }
    }
}
