package io.cpra.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Applies one {@link StorageBatch} on a connection inside the caller's transaction: one JDBC
 * batch ({@code addBatch}/{@code executeBatch}) per kind of row, in the order the batch documents.
 * Commit and rollback are the caller's. Stateless.
 *
 * <p>Keyed kinds reach this class already folded to one operation per name, which matters on
 * PostgreSQL: a rewritten multi-row {@code INSERT .. ON CONFLICT DO UPDATE} must not touch one row twice.
 */
final class BatchWriter {

    private static final String UPSERT_MONITOR = "INSERT INTO cpra_monitors (" + Rows.MONITOR + ") VALUES (?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at";
    private static final String UPSERT_HOLD = "INSERT INTO cpra_holds (" + Rows.HOLD + ") VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET paused = excluded.paused, maintenance = excluded.maintenance,"
            + " maintenance_until = excluded.maintenance_until, updated_at = excluded.updated_at";
    private static final String UPSERT_SNAPSHOT = "INSERT INTO cpra_snapshots (" + Rows.SNAPSHOT + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET stage = excluded.stage,"
            + " consecutive_failures = excluded.consecutive_failures, success_streak = excluded.success_streak,"
            + " attempts = excluded.attempts, verify_remaining = excluded.verify_remaining,"
            + " incident_seq = excluded.incident_seq, lifecycle_flags = excluded.lifecycle_flags,"
            + " incident_id = excluded.incident_id, updated_at = excluded.updated_at";
    private static final String INSERT_INCIDENT = "INSERT INTO cpra_incidents (" + Rows.INCIDENT + ") VALUES (?, ?, ?, ?, ?)";
    private static final String RAISE_MAX_INCIDENT = "INSERT INTO cpra_counters (name, value) VALUES ('max_incident_id', ?)"
            + " ON CONFLICT (name) DO UPDATE SET value = CASE WHEN excluded.value > cpra_counters.value"
            + " THEN excluded.value ELSE cpra_counters.value END";
    private static final String CLOSE_INCIDENT = "UPDATE cpra_incidents SET closed_at = ? WHERE id = ? AND closed_at IS NULL";
    private static final String INSERT_EVENT = "INSERT INTO cpra_events (at, monitor, kind, colour, incident_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO cpra_outbox (alert_id, monitor, colour, notifier, alert,"
            + " state, attempts, next_attempt_at, last_error, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_OUTBOX = "UPDATE cpra_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
            + " last_error = ?, updated_at = ? WHERE alert_id = ?";

    private BatchWriter() {
    }

    static void apply(Connection connection, StorageBatch batch) throws SQLException {
        monitors(connection, batch.monitors);
        holds(connection, batch.holds);
        snapshots(connection, batch.snapshots);
        incidents(connection, batch);
        events(connection, batch);
        outbox(connection, batch);
    }

    /**
     * Removes history older than the cut: closed incidents closed before it with their timelines,
     * events before it except on the timeline of an incident that is kept (open, or closed since),
     * and DELIVERED or DEAD outbox entries last updated before it.
     *
     * @return rows removed
     */
    static long prune(Connection connection, long cutMillis) throws SQLException {
        return delete(connection, cutMillis, "DELETE FROM cpra_events WHERE incident_id <> 0 AND incident_id IN"
                + " (SELECT id FROM cpra_incidents WHERE closed_at IS NOT NULL AND closed_at < ?)")
                + delete(connection, cutMillis, "DELETE FROM cpra_incidents WHERE closed_at IS NOT NULL AND closed_at < ?")
                + delete(connection, cutMillis, "DELETE FROM cpra_events WHERE at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM cpra_incidents i WHERE i.id = cpra_events.incident_id)")
                + delete(connection, cutMillis, "DELETE FROM cpra_outbox WHERE state IN ('DELIVERED', 'DEAD')"
                + " AND updated_at < ?");
    }

    private static long delete(Connection connection, long cutMillis, String sql) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutMillis);
            return delete.executeUpdate();
        }
    }

    private static void monitors(Connection connection, Map<String, StoredMonitor> monitors) throws SQLException {
        if (monitors.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MONITOR)) {
            for (StoredMonitor monitor : monitors.values()) {
                if (monitor != null) {
                    upsert.setString(1, monitor.name());
                    upsert.setString(2, monitor.definition());
                    Rows.setInstant(upsert, 3, monitor.updatedAt());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
        deletes(connection, "cpra_monitors", monitors);
    }

    private static void holds(Connection connection, Map<String, MonitorHold> holds) throws SQLException {
        if (holds.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HOLD)) {
            for (MonitorHold hold : holds.values()) {
                if (hold != null) {
                    upsert.setString(1, hold.name());
                    upsert.setBoolean(2, hold.paused());
                    upsert.setBoolean(3, hold.maintenance());
                    Rows.setInstant(upsert, 4, hold.maintenanceUntil());
                    Rows.setInstant(upsert, 5, hold.updatedAt());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
        deletes(connection, "cpra_holds", holds);
    }

    private static void snapshots(Connection connection, Map<String, MonitorSnapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SNAPSHOT)) {
            for (MonitorSnapshot snapshot : snapshots.values()) {
                if (snapshot != null) {
                    upsert.setString(1, snapshot.name());
                    upsert.setString(2, snapshot.stage());
                    upsert.setInt(3, snapshot.consecutiveFailures());
                    upsert.setInt(4, snapshot.successStreak());
                    upsert.setInt(5, snapshot.attempts());
                    upsert.setInt(6, snapshot.verifyRemaining());
                    upsert.setInt(7, snapshot.incidentSeq());
                    upsert.setInt(8, snapshot.lifecycleFlags());
                    upsert.setLong(9, snapshot.incidentId());
                    Rows.setInstant(upsert, 10, snapshot.updatedAt());
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
        }
        deletes(connection, "cpra_snapshots", snapshots);
    }

    /** Deletes the names whose last operation was a delete. */
    private static void deletes(Connection connection, String table, Map<String, ?> folded) throws SQLException {
        if (!folded.containsValue(null)) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE name = ?")) {
            for (Map.Entry<String, ?> entry : folded.entrySet()) {
                if (entry.getValue() == null) {
                    delete.setString(1, entry.getKey());
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
    }

    private static void incidents(Connection connection, StorageBatch batch) throws SQLException {
        if (!batch.incidentsOpened.isEmpty()) {
            long highest = 0;
            try (PreparedStatement insert = connection.prepareStatement(INSERT_INCIDENT)) {
                for (IncidentRecord incident : batch.incidentsOpened) {
                    insert.setLong(1, incident.id());
                    insert.setString(2, incident.monitor());
                    Rows.setInstant(insert, 3, incident.openedAt());
                    Rows.setInstant(insert, 4, incident.closedAt());
                    insert.setString(5, incident.cause());
                    insert.addBatch();
                    highest = Math.max(highest, incident.id());
                }
                insert.executeBatch();
            }
            try (PreparedStatement raise = connection.prepareStatement(RAISE_MAX_INCIDENT)) {
                raise.setLong(1, highest);
                raise.executeUpdate();
            }
        }
        if (!batch.incidentsClosed.isEmpty()) {
            try (PreparedStatement close = connection.prepareStatement(CLOSE_INCIDENT)) {
                for (StorageBatch.IncidentClosed closed : batch.incidentsClosed) {
                    Rows.setInstant(close, 1, closed.closedAt());
                    close.setLong(2, closed.id());
                    close.addBatch();
                }
                close.executeBatch();
            }
        }
    }

    private static void events(Connection connection, StorageBatch batch) throws SQLException {
        if (batch.events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (EventRecord event : batch.events) {
                Rows.setInstant(insert, 1, event.at());
                insert.setString(2, event.monitor());
                insert.setString(3, event.kind());
                Rows.setText(insert, 4, event.colour());
                insert.setLong(5, event.incidentId());
                insert.setString(6, event.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void outbox(Connection connection, StorageBatch batch) throws SQLException {
        if (!batch.outboxInserts.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
                for (OutboxEntry entry : batch.outboxInserts) {
                    insert.setString(1, entry.alertId());
                    insert.setString(2, entry.monitor());
                    insert.setString(3, entry.colour());
                    insert.setString(4, entry.notifier());
                    insert.setString(5, entry.alert());
                    insert.setString(6, entry.state().name());
                    insert.setInt(7, entry.attempts());
                    Rows.setInstant(insert, 8, entry.nextAttemptAt());
                    Rows.setText(insert, 9, entry.lastError());
                    Rows.setInstant(insert, 10, entry.createdAt());
                    Rows.setInstant(insert, 11, entry.updatedAt());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!batch.outboxUpdates.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_OUTBOX)) {
                for (StorageBatch.OutboxUpdate change : batch.outboxUpdates) {
                    update.setString(1, change.state().name());
                    update.setInt(2, change.attempts());
                    Rows.setInstant(update, 3, change.nextAttemptAt());
                    Rows.setText(update, 4, change.lastError());
                    Rows.setInstant(update, 5, change.updatedAt());
                    update.setString(6, change.alertId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }
}
