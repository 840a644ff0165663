package io.cpra.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The schema's history: numbered steps, each applied once and recorded in
 * {@code cpra_schema_version(version, description, applied_at)}. Stateless.
 *
 * <p>Invariants: steps are numbered 1, 2, 3... with no gaps and are never edited once released
 * (a change is a new step). All of them run in one transaction that first takes the dialect's
 * migration lock, so two processes opening the same store at once migrate it once: the second
 * waits, then finds the work done. A store recorded at a version above {@link #latest()} belongs
 * to a newer cpra and is refused before anything is touched.
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns; JSON is {@code TEXT}. {@code {id}} in a
 * statement stands for the dialect's identity column.
 */
final class Migrations {

    /** One step of the schema. */
    record Step(int version, String description, List<String> statements) {
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "monitors, holds, snapshots, incidents, events, outbox", List.of(
                    """
                    CREATE TABLE cpra_monitors (
                        name        TEXT PRIMARY KEY,
                        definition  TEXT NOT NULL,
                        updated_at  BIGINT NOT NULL)""",
                    """
                    CREATE TABLE cpra_holds (
                        name              TEXT PRIMARY KEY,
                        paused            BOOLEAN NOT NULL,
                        maintenance       BOOLEAN NOT NULL,
                        maintenance_until BIGINT,
                        updated_at        BIGINT NOT NULL)""",
                    """
                    CREATE TABLE cpra_snapshots (
                        name                 TEXT PRIMARY KEY,
                        stage                TEXT NOT NULL,
                        consecutive_failures INTEGER NOT NULL,
                        success_streak       INTEGER NOT NULL,
                        attempts             INTEGER NOT NULL,
                        verify_remaining     INTEGER NOT NULL,
                        incident_seq         INTEGER NOT NULL,
                        lifecycle_flags      INTEGER NOT NULL,
                        incident_id          BIGINT NOT NULL,
                        updated_at           BIGINT NOT NULL)""",
                    """
                    CREATE TABLE cpra_incidents (
                        id         BIGINT PRIMARY KEY,
                        monitor    TEXT NOT NULL,
                        opened_at  BIGINT NOT NULL,
                        closed_at  BIGINT,
                        cause      TEXT NOT NULL)""",
                    "CREATE INDEX cpra_incidents_monitor ON cpra_incidents (monitor, id)",
                    "CREATE INDEX cpra_incidents_open ON cpra_incidents (id) WHERE closed_at IS NULL",
                    "CREATE INDEX cpra_incidents_closed ON cpra_incidents (closed_at) WHERE closed_at IS NOT NULL",
                    """
                    CREATE TABLE cpra_events (
                        seq          {id},
                        at           BIGINT NOT NULL,
                        monitor      TEXT NOT NULL,
                        kind         TEXT NOT NULL,
                        colour       TEXT,
                        incident_id  BIGINT NOT NULL,
                        detail       TEXT NOT NULL)""",
                    "CREATE INDEX cpra_events_monitor ON cpra_events (monitor, seq)",
                    "CREATE INDEX cpra_events_incident ON cpra_events (incident_id, seq) WHERE incident_id <> 0",
                    "CREATE INDEX cpra_events_at ON cpra_events (at)",
                    """
                    CREATE TABLE cpra_outbox (
                        seq              {id},
                        alert_id         TEXT NOT NULL UNIQUE,
                        monitor          TEXT NOT NULL,
                        colour           TEXT NOT NULL,
                        notifier         TEXT NOT NULL,
                        alert            TEXT NOT NULL,
                        state            TEXT NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
                        attempts         INTEGER NOT NULL,
                        next_attempt_at  BIGINT,
                        last_error       TEXT,
                        created_at       BIGINT NOT NULL,
                        updated_at       BIGINT NOT NULL)""",
                    "CREATE INDEX cpra_outbox_state ON cpra_outbox (state, seq)",
                    // high-water marks that must outlive prune, such as the largest incident id ever stored
                    """
                    CREATE TABLE cpra_counters (
                        name   TEXT PRIMARY KEY,
                        value  BIGINT NOT NULL)""")),
            new Step(2, "check history: minute, hour and day buckets", HistoryTables.schema()));

    private Migrations() {
    }

    /** @return the newest schema version this code knows */
    static int latest() {
        return STEPS.getLast().version();
    }

    /**
     * Brings the schema up to date in one transaction.
     *
     * @param connection a connection of the store's writer, in auto-commit mode; left in it on success,
     *                   to be closed on failure
     * @param dialect    the store's dialect
     * @param timeout    how long to wait for another process's migration
     * @param nowMillis  the time to record
     * @return the version found before migrating (0 for an empty store)
     * @throws NewerSchema when the store is newer than this code
     */
    static int migrate(Connection connection, Dialect dialect, Duration timeout, long nowMillis) throws SQLException {
        dialect.prepare(connection, timeout);
        connection.setAutoCommit(false);
        try {
            dialect.lockForMigration(connection, timeout);
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS cpra_schema_version (
                            version     INTEGER PRIMARY KEY,
                            description TEXT NOT NULL,
                            applied_at  BIGINT NOT NULL)""");
            }
            int found = currentVersion(connection);
            if (found > latest()) {
                throw new NewerSchema(found);
            }
            for (Step step : STEPS) {
                if (step.version() > found) {
                    apply(connection, dialect, step, nowMillis);
                }
            }
            JdbcStorage.commit(connection);
            return found;
        } catch (SQLException | RuntimeException e) {
            // left with auto-commit off: the caller closes the connection, which cannot commit by mistake
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** @return the highest version recorded, or 0 */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM cpra_schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Dialect dialect, Step step, long nowMillis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : step.statements()) {
                statement.execute(sql.replace("{id}", dialect.identity()).replace("{without_rowid}", dialect.withoutRowid()));
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO cpra_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, step.version());
            record.setString(2, step.description());
            record.setLong(3, nowMillis);
            record.executeUpdate();
        }
    }

    /** The store was migrated by a newer cpra; carries the version found. */
    static final class NewerSchema extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int found;

        NewerSchema(int found) {
            super("its schema is at version " + found + ", newer than this cpra knows (" + latest()
                    + "); run the cpra that wrote it, or point storage at another store", null, false, false);
            this.found = found;
        }
    }
}
