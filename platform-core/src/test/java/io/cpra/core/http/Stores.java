package io.cpra.core.http;

import io.cpra.core.storage.StorageSettings;
import io.cpra.testing.postgres.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Empty stores for API tests: a SQLite file in a temporary folder, or a schema of its own on the
 * tests' PostgreSQL server ({@link TestPostgres}: the one {@code CPRA_TEST_POSTGRES_URL} names, or
 * a private one). A PostgreSQL that cannot be had fails the test that asked for it.
 */
final class Stores {

    private Stores() {
    }

    /**
     * A store for one fixture, removed with it.
     *
     * @param settings how to open it
     * @param remover  what removes it once it is closed
     */
    record Store(StorageSettings settings, Runnable remover) {
        void remove() {
            remover.run();
        }
    }

    /** @return the kinds of store every durable route is tested on */
    static Stream<String> kinds() {
        return Stream.of("sqlite", "postgresql");
    }

    static Store of(String kind) {
        return switch (kind) {
            case "sqlite" -> sqlite();
            case "postgresql" -> postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A store made elsewhere; its maker removes it. */
    static Store given(StorageSettings settings) {
        return new Store(settings, () -> { });
    }

    static Store sqlite() {
        Path folder;
        try {
            folder = Files.createTempDirectory("cpra-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Store(StorageSettings.sqlite(folder.resolve("cpra.db")), () -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        });
    }

    static Store postgres() {
        TestPostgres server = TestPostgres.get();
        String schema = "cpra_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin(server, "CREATE SCHEMA " + schema);
        return new Store(new StorageSettings(server.url(schema), server.user(), server.password(), 3, Duration.ofSeconds(10)),
                () -> admin(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static void admin(TestPostgres server, String sql) {
        try (Connection admin = server.admin(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(server + " is needed by this test and cannot be reached: " + e.getMessage(), e);
        }
    }
}
