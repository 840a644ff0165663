package io.cpra.core.storage;

import io.cpra.testing.postgres.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
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
 * The storage contract on the tests' PostgreSQL server ({@link TestPostgres}: the one
 * {@code CPRA_TEST_POSTGRES_URL} names, or a private one). Each store is a schema of its own,
 * dropped after the test. A server that cannot be had fails the tests: it is not a reason to skip them.
 */
class PostgresStorageTest extends StorageContractTest {

    private static final TestPostgres SERVER = TestPostgres.get();

    private final List<String> schemas = new ArrayList<>();

    @Override
    StorageSettings newStore() throws SQLException {
        String schema = "cpra_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        return settings(SERVER.host(), SERVER.port(), schema, Duration.ofSeconds(10));
    }

    private static StorageSettings settings(String host, int port, String schema, Duration timeout) {
        return new StorageSettings("jdbc:postgresql://" + host + ":" + port + "/" + SERVER.database() + "?currentSchema="
                + schema, SERVER.user(), password(), 3, timeout);
    }

    /** A private server trusts loopback and ignores the password: the one that must never show is sent anyway. */
    private static String password() {
        return SERVER.password().isEmpty() ? PASSWORD : SERVER.password();
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
        return SERVER.admin();
    }

    @Test
    void theDescriptionIsTheUrlWithoutJdbcOrSecrets() {
        assertThat(storage.describe()).isEqualTo(SERVER.describe(schemaOf(settings)));
    }

    @Test
    void aBatchAcknowledgedBeforeTheConnectionsDropIsFoundByTheNextProcess() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(SERVER.host(), SERVER.port())) {
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
        try (LoopbackProxy proxy = new LoopbackProxy(SERVER.host(), SERVER.port())) {
            through = open(settings("127.0.0.1", proxy.port(), schemaOf(settings), Duration.ofSeconds(2)));
            assertThat(through.healthy()).isTrue();
        }

        assertThat(through.healthy()).isFalse();
        assertThat(through.healthy()).isFalse();
    }

    @Test
    void anUnreachableServerCannotBeOpenedAndTheMessageSaysWhich() throws Exception {
        int port;
        try (LoopbackProxy proxy = new LoopbackProxy(SERVER.host(), SERVER.port())) {
            port = proxy.port();
        }

        assertThatThrownBy(() -> open(settings("127.0.0.1", port, "nowhere", Duration.ofSeconds(1))))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("storage postgresql://127.0.0.1:" + port + "/" + SERVER.database()
                        + "?currentSchema=nowhere: cannot open")
                .message().doesNotContain(PASSWORD);
    }
}
