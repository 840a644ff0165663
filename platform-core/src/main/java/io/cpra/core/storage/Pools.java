package io.cpra.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;

/**
 * The connections of one store: a writer and readers.
 *
 * <p>SQLite allows one writer per database, so its writer pool holds one connection whose
 * transactions begin {@code IMMEDIATE} (the write lock is taken, or waited for up to
 * {@code busy_timeout}, when the transaction starts, never half-way through it); readers are a
 * separate pool and run beside it thanks to WAL. PostgreSQL has one pool for both.
 *
 * <p>SQLite durability: {@code journal_mode=WAL} (set on the file when it opens) with {@code synchronous=FULL}, so every commit
 * fsyncs the WAL before the commit returns. NORMAL would survive a killed process too (the
 * WAL is in the page cache), but not a power cut or kernel crash, and the contract says a
 * written batch is durable; the price is one fsync per {@link Storage#write}, and writes come in
 * batches a few times a second.
 *
 * <p>Thread-safety: the pools are thread-safe; closing is not expected to race with borrowing.
 */
final class Pools implements AutoCloseable {

    /** HikariCP refuses a connection timeout below this. */
    private static final long MIN_CONNECTION_TIMEOUT_MS = 250;

    private final HikariDataSource writer;
    private final HikariDataSource reader;

    private Pools(HikariDataSource writer, HikariDataSource reader) {
        this.writer = writer;
        this.reader = reader;
    }

    /** @return the pool writes take their connection from */
    DataSource writer() {
        return writer;
    }

    /** @return the pool reads take their connection from */
    DataSource reader() {
        return reader;
    }

    /** Takes a connection borrowed from {@link #writer()} out of the pool for good; it is closed when handed back. */
    void evictWriter(Connection connection) {
        writer.evictConnection(connection);
    }

    /**
     * Opens SQLite's writer; call {@link #withSqliteReaders} once the schema is in place.
     *
     * @param settings the store
     * @return pools whose reader is still the writer
     */
    static Pools sqliteWriter(StorageSettings settings) {
        SQLiteConfig config = sqliteConfig(settings);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariDataSource writer = pool("cpra-storage-writer", sqliteSource(settings, config), 1, settings.timeout());
        return new Pools(writer, writer);
    }

    /** @return these pools with a pool of {@code settings.connections()} SQLite readers */
    Pools withSqliteReaders(StorageSettings settings) {
        SQLiteConfig config = sqliteConfig(settings);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        try {
            return new Pools(writer, pool("cpra-storage-reader", sqliteSource(settings, config),
                    settings.connections(), settings.timeout()));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** @return one pool of {@code settings.connections()} PostgreSQL connections for writes and reads */
    static Pools postgresql(StorageSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(settings.url());
        if (!settings.user().isEmpty()) {
            source.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            source.setPassword(settings.password());
        }
        int seconds = (int) Math.max(1, settings.timeout().toSeconds());
        source.setConnectTimeout(seconds);
        source.setLoginTimeout(seconds);
        source.setTcpKeepAlive(true);
        source.setApplicationName("cpra");
        // multi-row INSERTs from JDBC batches: one round trip per 128 rows instead of per row
        source.setReWriteBatchedInserts(true);
        HikariDataSource pool = pool("cpra-storage", source, settings.connections(), settings.timeout());
        return new Pools(pool, pool);
    }

    private static SQLiteConfig sqliteConfig(StorageSettings settings) {
        // no journal mode here: the migration switches the file to WAL once (Dialect.SQLITE.prepare)
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
        config.enforceForeignKeys(true);
        return config;
    }

    private static SQLiteDataSource sqliteSource(StorageSettings settings, SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(settings.url());
        return source;
    }

    private static HikariDataSource pool(String name, DataSource source, int size, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        long wait = Math.max(MIN_CONNECTION_TIMEOUT_MS, timeout.toMillis());
        config.setConnectionTimeout(wait);
        // a pooled connection that stopped answering is found out within a second
        config.setValidationTimeout(Math.min(wait, 1000));
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        if (reader != writer) {
            reader.close();
        }
        writer.close();
    }
}
