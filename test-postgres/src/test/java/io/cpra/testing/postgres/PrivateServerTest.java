package io.cpra.testing.postgres;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A private server starts whoever runs the build: as root (CI) it must run as another user,
 * since PostgreSQL refuses root; as anyone else, as that user. Run this once as each.
 */
class PrivateServerTest {

    static TestPostgres server;

    @BeforeAll
    static void start() throws Exception {
        server = PrivateServer.start();
    }

    @Test
    void itAcceptsTheSuperuserOnLoopbackWithoutAPassword() throws SQLException {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isNotEqualTo(5432);
        try (Connection connection = server.admin(); Statement statement = connection.createStatement()) {
            assertThat(one(statement, "SELECT current_user")).isEqualTo("postgres");
            assertThat(one(statement, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("true");
            statement.execute("CREATE SCHEMA private_server_test");
            statement.execute("CREATE ROLE private_server_test LOGIN");
        }
    }

    @Test
    void itNeverRunsAsRootAndOtherwiseAsThisBuildsUser(@TempDir Path mine) throws Exception {
        int buildUser = (Integer) Files.getAttribute(mine, "unix:uid");
        String dataDirectory;
        try (Connection connection = server.admin(); Statement statement = connection.createStatement()) {
            dataDirectory = one(statement, "SHOW data_directory");
        }
        // PostgreSQL only runs as the owner of its data folder
        int serverUser = (Integer) Files.getAttribute(Path.of(dataDirectory), "unix:uid");

        assertThat(serverUser).isNotZero();
        if (buildUser != 0) {
            assertThat(serverUser).isEqualTo(buildUser);
        }
    }

    private static String one(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
