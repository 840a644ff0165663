package io.cpra.core.http;

import io.cpra.core.storage.StorageSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history routes' contract ({@link HistoryRoutesContract}) on both stores: a SQLite file in
 * a temporary folder, and a schema of its own on the build machine's PostgreSQL server
 * (127.0.0.1:5432, database {@code test}, trust authentication; override with
 * {@code -Dcpra.test.postgres.host/port/database/user}). An unreachable server fails the tests:
 * it is not a reason to skip them.
 */
class HistoryRoutesTest {

    @Nested
    class OnSqlite extends HistoryRoutesContract {

        @TempDir
        Path folder;

        @Override
        StorageSettings newStore() {
            return StorageSettings.sqlite(folder.resolve("data").resolve("cpra.db"));
        }

        @Override
        void removeStore() {
            // @TempDir removes the file
        }

        @Test
        void theStoreUnderTestIsTheSqliteFile() {
            assertThat(api.storage.describe()).isEqualTo("sqlite:" + folder.resolve("data").resolve("cpra.db"));
        }
    }

    @Nested
    class OnPostgres extends HistoryRoutesContract {

        private static final String HOST = System.getProperty("cpra.test.postgres.host", "127.0.0.1");
        private static final int PORT = Integer.getInteger("cpra.test.postgres.port", 5432);
        private static final String DATABASE = System.getProperty("cpra.test.postgres.database", "test");
        private static final String USER = System.getProperty("cpra.test.postgres.user", "postgres");

        private String schema;

        @Override
        StorageSettings newStore() throws SQLException {
            schema = "cpra_http_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            // trust authentication ignores the password; it is there to prove that no answer shows it
            return new StorageSettings("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?currentSchema="
                    + schema, USER, PASSWORD, 3, Duration.ofSeconds(10));
        }

        @Override
        void removeStore() throws SQLException {
            if (schema != null) {
                try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }

        private static Connection admin() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
        }

        @Test
        void theStoreUnderTestIsThePostgresSchema() {
            assertThat(api.storage.describe()).isEqualTo("postgresql://" + HOST + ":" + PORT + "/" + DATABASE
                    + "?currentSchema=" + schema);
        }

        @Test
        void aStoreThatFailsMidReadIsA503ThatNamesNoInternals() throws SQLException {
            removeStore();

            ApiFixture.Reply reply = api.get("/api/v1/events/history");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(reply.error()).isEqualTo("storage is unavailable; try again");
            assertThat(reply.body()).doesNotContain(schema).doesNotContain("relation").doesNotContain(PASSWORD);
        }
    }
}
