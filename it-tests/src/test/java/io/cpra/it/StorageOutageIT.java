package io.cpra.it;

import io.cpra.testing.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the store: the distribution on PostgreSQL ({@link TestPostgres}) as a role of
 * its own, which the test then locks out (no new logins, its connections ended), and lets back
 * in. Monitoring goes on meanwhile; only readiness says the store is gone.
 */
class StorageOutageIT {

    static final TestPostgres SERVER = TestPostgres.get();

    @TempDir
    Path temp;

    static final String TOKEN = "storage-outage-token-0123456789";

    Distribution cpra;
    String name = "cpra_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @BeforeEach
    void setUp() throws IOException, SQLException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        // a password too, for a server named by CPRA_TEST_POSTGRES_URL that does not trust loopback
        String password = UUID.randomUUID().toString();
        admin("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'",
                "CREATE SCHEMA " + name + " AUTHORIZATION " + name);
        cpra.env("CPRA_STORAGE_URL", SERVER.url(name) + "&connectTimeout=2&socketTimeout=5")
                .env("CPRA_STORAGE_USER", name).env("CPRA_STORAGE_PASSWORD", password);
    }

    @AfterEach
    void tearDown() throws SQLException {
        cpra.kill();
        admin("ALTER ROLE " + name + " LOGIN",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'",
                "DROP SCHEMA IF EXISTS " + name + " CASCADE", "DROP ROLE IF EXISTS " + name);
    }

    @Test
    void readinessGoesDownWhileTheStoreIsUnreachableAndComesBack() throws Exception {
        cpra.serve();
        assertThat(cpra.get("/observe/health/ready").statusCode()).isEqualTo(200);

        admin("ALTER ROLE " + name + " NOLOGIN",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
        HttpResponse<String> down = awaitReady(503);
        assertThat(down.body()).contains("storage").contains(SERVER.describe(name));
        assertThat(cpra.get("/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(cpra.get("/api/v1/summary").statusCode()).isEqualTo(200);

        admin("ALTER ROLE " + name + " LOGIN");
        awaitReady(200);
        assertThat(cpra.terminate(Duration.ofSeconds(15)).status()).isZero();
    }

    @Test
    void withTheSqliteFileDeletedWritesAreRefusedAndNothingAcknowledgedIsLost() throws Exception {
        Path file = cpra.home().resolve("data/cpra.db");
        cpra.env("CPRA_STORAGE_URL", "jdbc:sqlite:" + file).env("CPRA_API_TOKEN", TOKEN).serve();
        assertThat(cpra.send("POST", "/api/v1/monitors", TOKEN, monitor("kept")).statusCode()).isEqualTo(201);

        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        HttpResponse<String> lost = cpra.send("POST", "/api/v1/monitors", TOKEN, monitor("lost"));
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(503);
        assertThat(lost.body()).contains("nothing was changed");
        assertThat(cpra.send("POST", "/api/v1/monitors/cpra-self/pause", TOKEN).statusCode()).isEqualTo(503);
        awaitReady(503);
        assertThat(cpra.get("/api/v1/monitors/lost").statusCode()).isEqualTo(404);

        cpra.terminate(Duration.ofSeconds(15));
        cpra.serve();
        // the store starts afresh: nothing the server acknowledged after the deletion was promised
        assertThat(cpra.get("/api/v1/monitors/lost").statusCode()).isEqualTo(404);
        assertThat(cpra.get("/api/v1/monitors/cpra-self").body()).contains("\"paused\":false");
        assertThat(cpra.send("POST", "/api/v1/monitors", TOKEN, monitor("later")).statusCode()).isEqualTo(201);
    }

    private static String monitor(String name) {
        return """
                {"name": "%s", "pulse": {"type": "http", "interval": "1m", "config": {"url": "http://127.0.0.1:9/"}}}"""
                .formatted(name);
    }

    private HttpResponse<String> awaitReady(int status) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = cpra.get("/observe/health/ready");
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = cpra.get("/observe/health/ready");
        }
        assertThat(response.statusCode()).as(response.body() + "\n" + cpra.output()).isEqualTo(status);
        return response;
    }

    private static void admin(String... statements) throws SQLException {
        try (Connection admin = SERVER.admin(); Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
