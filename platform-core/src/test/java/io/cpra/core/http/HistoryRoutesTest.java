package io.cpra.core.http;

import io.cpra.core.storage.StorageSettings;
import io.cpra.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history routes' contract ({@link HistoryRoutesContract}) on both stores: a SQLite file in
 * a temporary folder, and a schema of its own on the tests' PostgreSQL server ({@link TestPostgres}:
 * the one {@code CPRA_TEST_POSTGRES_URL} names, or a private one). A server that cannot be had
 * fails the tests: it is not a reason to skip them.
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

        private static final TestPostgres SERVER = TestPostgres.get();

        private String schema;

        @Override
        StorageSettings newStore() throws SQLException {
            schema = "cpra_http_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            // a private server trusts loopback and ignores the password: it is there to prove that no answer shows it
            return new StorageSettings(SERVER.url(schema), SERVER.user(),
                    SERVER.password().isEmpty() ? PASSWORD : SERVER.password(), 3, Duration.ofSeconds(10));
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
            return SERVER.admin();
        }

        @Test
        void theStoreUnderTestIsThePostgresSchema() {
            assertThat(api.storage.describe()).isEqualTo(SERVER.describe(schema));
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
