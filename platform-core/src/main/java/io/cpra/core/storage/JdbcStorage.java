package io.cpra.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@link Storage} over JDBC, for SQLite and PostgreSQL alike; {@link Dialect} and {@link Pools}
 * hold what differs.
 *
 * <p>Writes ({@link #write}, {@link #prune}) are serialized by one lock, so events are numbered
 * in commit order and SQLite's single writer is never contended from inside the process. Reads
 * take a pooled reader connection each and never wait for the lock.
 *
 * <p>Every failure becomes a {@link StorageException} whose message starts with
 * {@code storage <describe()>:}; the password never appears in it.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class JdbcStorage implements Storage {

    private static final System.Logger LOG = System.getLogger(Storage.class.getName());
    /** How long {@link #healthy()} waits for an answer. */
    private static final long HEALTH_TIMEOUT_MS = 1000;

    private final String describe;
    private final String password;
    private final Pools pools;
    private final Dialect dialect;
    private final BooleanSupplier fileIntact;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private CompletableFuture<Boolean> probe; // guarded by this

    private JdbcStorage(StorageSettings settings, Pools pools, BooleanSupplier fileIntact) {
        this.describe = StoreUrl.describe(settings.url());
        this.password = settings.password();
        this.pools = pools;
        this.dialect = Dialect.of(settings.url());
        this.fileIntact = fileIntact;
    }

    static Storage open(StorageSettings settings) {
        return open(settings, Clock.systemUTC()::millis);
    }

    /**
     * Opens the store and migrates it.
     *
     * @param settings which store
     * @param millis   the wall clock, for the migration record
     */
    static JdbcStorage open(StorageSettings settings, LongSupplier millis) {
        Objects.requireNonNull(settings, "settings");
        String describe = StoreUrl.describe(settings.url());
        Dialect dialect = Dialect.of(settings.url());
        Pools pools = null;
        try {
            BooleanSupplier fileIntact = () -> true;
            if (dialect == Dialect.SQLITE) {
                Path file = StoreUrl.sqliteFile(settings.url());
                Files.createDirectories(file.getParent());
                pools = Pools.sqliteWriter(settings);
                migrate(pools, dialect, settings, millis, describe);
                pools = pools.withSqliteReaders(settings);
                fileIntact = sameFile(file);
            } else {
                pools = Pools.postgresql(settings);
                migrate(pools, dialect, settings, millis, describe);
            }
            return new JdbcStorage(settings, pools, fileIntact);
        } catch (SQLException | IOException | RuntimeException e) {
            if (pools != null) {
                pools.close();
            }
            throw new StorageException("storage " + describe + ": cannot open: "
                    + StoreUrl.redact(reason(e), settings.password()), e);
        }
    }

    private static void migrate(Pools pools, Dialect dialect, StorageSettings settings, LongSupplier millis,
                                String describe) throws SQLException {
        try (Connection connection = pools.writer().getConnection()) {
            int found = Migrations.migrate(connection, dialect, settings.timeout(), millis.getAsLong());
            if (found < Migrations.latest()) {
                LOG.log(System.Logger.Level.INFO, "storage " + describe + ": schema migrated from version " + found
                        + " to " + Migrations.latest());
            }
        }
    }

    /** @return a check that the database file is still the one opened: not deleted, not replaced */
    private static BooleanSupplier sameFile(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return () -> {
            try {
                return Objects.equals(key, Files.readAttributes(file, BasicFileAttributes.class).fileKey());
            } catch (IOException e) {
                return false;
            }
        };
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public boolean healthy() {
        if (closed.get()) {
            return false;
        }
        try {
            return probe().get(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the probe under way, or a new one; a store that hangs gets one probe, not one per call */
    private synchronized CompletableFuture<Boolean> probe() {
        if (probe == null || probe.isDone()) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            // a virtual thread, because a dead PostgreSQL may hold it for the whole connection timeout
            Thread.ofVirtual().name("cpra-storage-health").start(() -> answer.complete(answers()));
            probe = answer;
        }
        return probe;
    }

    private boolean answers() {
        if (!fileIntact.getAsBoolean()) {
            return false;
        }
        try (Connection connection = pools.reader().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TimeUnit.MILLISECONDS.toSeconds(HEALTH_TIMEOUT_MS));
            try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM cpra_schema_version")) {
                return rows.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "storage " + describe + ": health probe failed: "
                    + StoreUrl.redact(reason(e), password));
            return false;
        }
    }

    @Override
    public boolean write(StorageBatch batch, BooleanSupplier mayCommit) {
        if (batch.isEmpty()) {
            return mayCommit.getAsBoolean();
        }
        return inTransaction("write of " + batch.size() + " rows", connection -> {
            BatchWriter.apply(connection, batch);
            return Boolean.TRUE;
        }, mayCommit) != null;
    }

    @Override
    public long prune(Instant before) {
        long cut = before.toEpochMilli();
        return inTransaction("prune before " + before, connection -> BatchWriter.prune(connection, cut), () -> true);
    }

    /**
     * Runs work in one transaction on the writer, under the write lock. On any failure the
     * transaction is rolled back and the connection leaves the pool: its state after a failed
     * begin, statement or commit is not worth trusting, and the pool opens a new one.
     *
     * <p>SQLite keeps writing to a database file deleted under it (the open descriptor keeps the
     * inode), and a commit there is lost at the next start. So the file's identity is checked
     * before the commit, and again after it: a write is acknowledged only when it went to the
     * file the next start will open.
     *
     * @return the work's result, or {@code null} when {@code mayCommit} said no and it was rolled back
     */
    private <T> T inTransaction(String what, Work<T> work, BooleanSupplier mayCommit) {
        ensureOpen();
        writeLock.lock();
        try (Connection connection = pools.writer().getConnection()) {
            try {
                connection.setAutoCommit(false);
                T result = work.run(connection);
                requireFile();
                if (!mayCommit.getAsBoolean()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    return null;
                }
                commit(connection);
                requireFile();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    pools.evictWriter(connection);
                    connection.rollback();
                } catch (SQLException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw fail(what, e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Commits by switching auto-commit back on, which JDBC defines as a commit. Not {@code commit()}:
     * sqlite-jdbc follows a commit with the next {@code BEGIN IMMEDIATE} at once, which would hold the
     * database's write lock while the connection idles in the pool, and could fail after the data
     * was already committed if another process holds the lock.
     */
    static void commit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
    }

    /** @throws StorageException when the database file is not the one opened any more */
    private void requireFile() {
        if (!fileIntact.getAsBoolean()) {
            throw new StorageException("storage " + describe + ": the database file was deleted or replaced while cpra"
                    + " was running; nothing more is written to it (restart cpra to open the file at its path)", null);
        }
    }

    @Override
    public void writeHistory(HistoryBatch batch) {
        if (batch.size() == 0 && batch.completeBeforeMillis == Long.MIN_VALUE) {
            return;
        }
        inTransaction("write of " + batch.size() + " history buckets", connection -> {
            HistoryTables.write(connection, dialect, batch);
            return null;
        }, () -> true);
    }

    @Override
    public long rollUpHistory() {
        return inTransaction("history roll-up", connection -> HistoryTables.rollUp(connection, dialect), () -> true);
    }

    @Override
    public long pruneHistory(Instant minutesBefore, Instant hoursBefore, Instant daysBefore) {
        return inTransaction("history prune", connection -> HistoryTables.prune(connection,
                minutesBefore.toEpochMilli(), hoursBefore.toEpochMilli(), daysBefore.toEpochMilli()), () -> true);
    }

    @Override
    public List<HistoryBucket> history(HistoryBatch.Scope scope, String name, Instant from, Instant to,
                                       HistoryBatch.Resolution coarsest) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coarsest, "coarsest");
        return read("reading the history of " + name, connection -> HistoryTables.read(connection, scope, name,
                from.toEpochMilli(), to.toEpochMilli(), coarsest));
    }

    @Override
    public boolean hasHistory(HistoryBatch.Scope scope, String name) {
        return read("looking for the history of " + name, connection -> HistoryTables.exists(connection, scope, name));
    }

    @Override
    public List<StoredMonitor> monitors() {
        return read("reading monitors", Reads::monitors);
    }

    @Override
    public List<MonitorHold> holds() {
        return read("reading holds", Reads::holds);
    }

    @Override
    public List<MonitorSnapshot> snapshots() {
        return read("reading snapshots", Reads::snapshots);
    }

    @Override
    public List<OutboxEntry> pendingCodes() {
        return read("reading pending codes", Reads::pendingCodes);
    }

    @Override
    public long maxIncidentId() {
        return read("reading the highest incident id", Reads::maxIncidentId);
    }

    @Override
    public Page<IncidentRecord> incidents(IncidentQuery query, String cursor, int limit) {
        Objects.requireNonNull(query, "query");
        Cursors.checkLimit(limit);
        return read("listing incidents", connection -> Reads.incidents(connection, query, cursor, limit));
    }

    @Override
    public Optional<IncidentDetail> incident(long id) {
        return read("reading incident " + id, connection -> Reads.incident(connection, id));
    }

    @Override
    public Page<EventRecord> events(EventQuery query, String cursor, int limit) {
        Objects.requireNonNull(query, "query");
        Cursors.checkLimit(limit);
        return read("listing events", connection -> Reads.events(connection, query, cursor, limit));
    }

    @Override
    public Page<OutboxEntry> outbox(OutboxEntry.State state, String cursor, int limit) {
        Objects.requireNonNull(state, "state");
        Cursors.checkLimit(limit);
        return read("listing the outbox", connection -> Reads.outbox(connection, state, cursor, limit));
    }

    @Override
    public long outboxDepth() {
        return read("counting the outbox", Reads::outboxDepth);
    }

    private <T> T read(String what, Work<T> work) {
        ensureOpen();
        try (Connection connection = pools.reader().getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw fail(what, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // a write under way finishes first
            writeLock.lock();
            try {
                pools.close();
            } finally {
                writeLock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "Storage[" + describe + "]";
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new StorageException("storage " + describe + ": closed", null);
        }
    }

    private StorageException fail(String what, Exception e) {
        return new StorageException("storage " + describe + ": " + what + " failed: "
                + StoreUrl.redact(reason(e), password), e);
    }

    /** @return the driver's own words, with the next exception of a failed JDBC batch (the real cause) */
    private static String reason(Throwable e) {
        String message = Objects.requireNonNullElse(e.getMessage(), "");
        if (e instanceof IOException || message.isEmpty()) {
            // file errors carry only the path as their message
            message = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        if (e instanceof SQLException sql && sql.getNextException() != null) {
            message += " (" + sql.getNextException().getMessage() + ")";
        }
        return message;
    }

    /** Something done with a connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
