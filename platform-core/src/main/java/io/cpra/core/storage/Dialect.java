package io.cpra.core.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The few places where SQLite and PostgreSQL really differ. Everything else (upserts with
 * {@code INSERT .. ON CONFLICT .. DO UPDATE SET x = excluded.x}, partial indexes, {@code LIMIT})
 * is written once. Stateless.
 */
enum Dialect {

    SQLITE {
        @Override
        String identity() {
            // AUTOINCREMENT: a rowid is never reused, even after prune deleted the newest rows,
            // so sequence numbers and cursors only ever grow
            return "INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        /**
         * Switches the file to WAL, which then sticks to it. Not a connection setting: when two
         * processes open a new file at once, the switch meets the other's lock and fails at once
         * with SQLITE_BUSY, without waiting for busy_timeout, so it is retried here until the timeout.
         */
        @Override
        void prepare(Connection connection, Duration timeout) throws SQLException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try (Statement statement = connection.createStatement();
                     ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                    mode.next();
                    if (!"wal".equalsIgnoreCase(mode.getString(1))) {
                        throw new SQLException("the database stays in journal mode " + mode.getString(1)
                                + " instead of WAL");
                    }
                    return;
                } catch (SQLException e) {
                    if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    LockSupport.parkNanos(BUSY_PAUSE_NANOS);
                }
            }
        }

        @Override
        void lockForMigration(Connection connection, Duration timeout) {
            // the writer's transactions begin IMMEDIATE: the database's write lock is already held
            // (or was waited for up to busy_timeout) when the migration transaction starts
        }
    },

    POSTGRESQL {
        @Override
        String identity() {
            return "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        }

        @Override
        String withoutRowid() {
            return "";
        }

        @Override
        String greatest(String a, String b) {
            return "GREATEST(" + a + ", " + b + ")";
        }

        @Override
        void lockForMigration(Connection connection, Duration timeout) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = " + Math.max(1, timeout.toMillis()));
                // one lock per schema, released at commit or rollback; tables of other schemas in the
                // same database migrate independently
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ", hashtext(current_schema()))");
            }
        }
    };

    /** SQLite's primary result code for a locked database. */
    private static final int SQLITE_BUSY = 5;
    private static final long BUSY_PAUSE_NANOS = 10_000_000;

    /** The advisory lock class for migrations ("cpra" in ASCII); the schema's hash is the other half. */
    private static final int MIGRATION_LOCK = 0x63707261;

    /** @return what follows a keyed table's definition to store rows in its primary key's b-tree */
    String withoutRowid() {
        // SQLite: no separate rowid b-tree for a table looked up by its key only
        return " WITHOUT ROWID";
    }

    /** @return the larger of two values in SQL */
    String greatest(String a, String b) {
        return "MAX(" + a + ", " + b + ")";
    }

    /** @return {@code value mod divisor} in SQL, for a non-negative value */
    String modulo(String value, long divisor) {
        return "(" + value + " % " + divisor + ")";
    }

    /** @return the column definition of a store-assigned, ever-increasing primary key */
    abstract String identity();

    /** Readies a fresh connection of the writer before the migration; outside any transaction. */
    void prepare(Connection connection, Duration timeout) throws SQLException {
    }

    /**
     * Makes the migration transaction exclusive among every process opening the same store;
     * called first thing in that transaction.
     */
    abstract void lockForMigration(Connection connection, Duration timeout) throws SQLException;

    /** @return the dialect of a URL */
    static Dialect of(String url) {
        return StoreUrl.sqlite(url) ? SQLITE : POSTGRESQL;
    }
}
