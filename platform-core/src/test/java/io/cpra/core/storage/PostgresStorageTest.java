package io.cpra.core.storage;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.cpra.core.storage.Samples.event;
import static io.cpra.core.storage.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage contract on the PostgreSQL server of the build machine (127.0.0.1:5432, database
 * {@code test}, trust authentication; override with {@code -Dcpra.test.postgres.host/port/database/user}).
 * Each store is a schema of its own, dropped after the test. An unreachable server fails the
 * tests: it is not a reason to skip them.
 */
class PostgresStorageTest extends StorageContractTest {

    private static final String HOST = System.getProperty("cpra.test.postgres.host", "127.0.0.1");
    private static final int PORT = Integer.getInteger("cpra.test.postgres.port", 5432);
    private static final String DATABASE = System.getProperty("cpra.test.postgres.database", "test");
    private static final String USER = System.getProperty("cpra.test.postgres.user", "postgres");

    private final List<String> schemas = new ArrayList<>();

    @Override
    StorageSettings newStore() throws SQLException {
        String schema = "cpra_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        return settings(HOST, PORT, schema, Duration.ofSeconds(10));
    }

    private static StorageSettings settings(String host, int port, String schema, Duration timeout) {
        return new StorageSettings("jdbc:postgresql://" + host + ":" + port + "/" + DATABASE + "?currentSchema=" + schema,
                USER, PASSWORD, 3, timeout);
    }

    private static String schemaOf(StorageSettings store) {
        return store.url().substring(store.url().indexOf("currentSchema=") + "currentSchema=".length());
    }

    @Override
    Connection raw(StorageSettings store) throws SQLException {
        Connection connection = admin();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schemaOf(store));
        }
        return connection;
    }

    @Override
    void removeStores() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
    }

    @Test
    void theDescriptionIsTheUrlWithoutJdbcOrSecrets() {
        assertThat(storage.describe()).isEqualTo("postgresql://" + HOST + ":" + PORT + "/" + DATABASE
                + "?currentSchema=" + schemaOf(settings));
    }

    @Test
    void aBatchAcknowledgedBeforeTheConnectionsDropIsFoundByTheNextProcess() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(HOST, PORT)) {
            Storage cut = open(settings("127.0.0.1", proxy.port(), schemaOf(settings), Duration.ofSeconds(2)));
            cut.write(new StorageBatch().putSnapshot(snapshot("a", 2, 1)).addEvent(event("a", "k", null, 0, 1)));

            proxy.close();

            assertThatThrownBy(() -> cut.write(new StorageBatch().addEvent(event("a", "lost", null, 0, 2))))
                    .isInstanceOf(StorageException.class)
                    .message().doesNotContain(PASSWORD);
        }

        assertThat(storage.snapshots()).containsExactly(snapshot("a", 2, 1));
        assertThat(storage.events(EventQuery.ALL, null, 10).items()).extracting(EventRecord::kind).containsExactly("k");
    }

    @Test
    void aServerThatIsGoneIsUnhealthy() throws Exception {
        Storage through;
        try (LoopbackProxy proxy = new LoopbackProxy(HOST, PORT)) {
            through = open(settings("127.0.0.1", proxy.port(), schemaOf(settings), Duration.ofSeconds(2)));
            assertThat(through.healthy()).isTrue();
        }

        assertThat(through.healthy()).isFalse();
        assertThat(through.healthy()).isFalse();
    }

    @Test
    void anUnreachableServerCannotBeOpenedAndTheMessageSaysWhich() throws Exception {
        int port;
        try (LoopbackProxy proxy = new LoopbackProxy(HOST, PORT)) {
            port = proxy.port();
        }

        assertThatThrownBy(() -> open(settings("127.0.0.1", port, "nowhere", Duration.ofSeconds(1))))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("storage postgresql://127.0.0.1:" + port + "/" + DATABASE
                        + "?currentSchema=nowhere: cannot open")
                .message().doesNotContain(PASSWORD);
    }
}
