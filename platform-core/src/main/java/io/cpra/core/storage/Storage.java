package io.cpra.core.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where cpra keeps what must survive a restart: monitors created through the API, the
 * operator's holds (pause, maintenance), each monitor's lifecycle snapshot at its last stage
 * change, incidents with their timelines, the alert outbox, and the event history. One
 * interface, two stores: SQLite in a file under {@code data/} (the default; nothing to set up)
 * and PostgreSQL, chosen by JDBC URL. Migrations run when a store opens.
 *
 * <p><b>Writes</b> come in batches ({@link #write}), each one transaction: either everything in
 * it is durable when the call returns, or nothing is. <b>Reads</b> may run concurrently with
 * writes and with each other. Times are kept to the millisecond.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface Storage extends AutoCloseable {

    /**
     * Opens a store and brings its schema up to date.
     *
     * @param settings which store and how
     * @return the open store
     * @throws StorageException when it cannot be opened or migrated; the message says which
     *                          store (URL without password) and why
     */
    static Storage open(StorageSettings settings) {
        return JdbcStorage.open(settings);
    }

    /** @return the store for messages, such as {@code sqlite:/opt/cpra/data/cpra.db}; no password */
    String describe();

    /**
     * Whether the store answers a trivial query within a second; for readiness.
     *
     * @return true when reachable
     */
    boolean healthy();

    /**
     * Applies a batch in one transaction.
     *
     * @param batch what to write; an empty batch does nothing
     * @throws StorageException when the transaction fails, or the store's file was deleted or
     *                          replaced under the running server; nothing of the batch is kept
     */
    default void write(StorageBatch batch) {
        write(batch, () -> true);
    }

    /**
     * Applies a batch in one transaction, if the caller still wants it once only the commit is
     * left: everything is written, and {@code mayCommit} is asked last, so that a caller who gave
     * up waiting (on a store locked from outside, say) can be told truthfully that nothing
     * changed. When {@code mayCommit} answers true the caller is bound to the outcome, whatever
     * it is.
     *
     * @param batch     what to write; an empty batch is not written, and {@code mayCommit} decides alone
     * @param mayCommit asked once, just before the commit
     * @return true when committed (or {@code mayCommit} agreed to an empty batch); false when
     *         {@code mayCommit} said no and nothing was applied
     * @throws StorageException when the transaction fails, or the store's file was deleted or
     *                          replaced under the running server (what was committed to it is
     *                          lost at the next start); nothing of the batch is kept
     */
    boolean write(StorageBatch batch, java.util.function.BooleanSupplier mayCommit);

    // ---- what a restart needs -------------------------------------------------------------

    /** @return the monitors created or replaced through the API and not deleted since */
    List<StoredMonitor> monitors();

    /** @return the operator's holds, one per monitor that has one */
    List<MonitorHold> holds();

    /** @return each monitor's lifecycle snapshot at its last stage change */
    List<MonitorSnapshot> snapshots();

    /** @return outbox entries still to deliver (state PENDING), oldest (first enqueued) first */
    List<OutboxEntry> pendingCodes();

    /** @return the highest incident id ever stored (pruned ones included), or 0 */
    long maxIncidentId();

    // ---- what the API reads ---------------------------------------------------------------

    /**
     * Incidents, newest first.
     *
     * @param query  filters
     * @param cursor {@code null} for the first page, else the previous page's next cursor
     * @param limit  most records, 1..1000
     * @return the page
     * @throws IllegalArgumentException for a limit out of range or a cursor not of this listing
     */
    Page<IncidentRecord> incidents(IncidentQuery query, String cursor, int limit);

    /**
     * One incident with its whole timeline, oldest entry first.
     *
     * @param id the incident's id
     * @return it, or empty
     */
    Optional<IncidentDetail> incident(long id);

    /**
     * Events, newest first.
     *
     * @param query  filters
     * @param cursor {@code null} for the first page, else the previous page's next cursor
     * @param limit  most records, 1..1000
     * @return the page
     * @throws IllegalArgumentException for a limit out of range or a cursor not of this listing
     */
    Page<EventRecord> events(EventQuery query, String cursor, int limit);

    /**
     * Outbox entries in one state, oldest (first enqueued) first.
     *
     * @param state  PENDING, DELIVERED or DEAD
     * @param cursor {@code null} for the first page, else the previous page's next cursor
     * @param limit  most records, 1..1000
     * @return the page
     * @throws IllegalArgumentException for a limit out of range or a cursor not of this listing
     */
    Page<OutboxEntry> outbox(OutboxEntry.State state, String cursor, int limit);

    /** @return the number of outbox entries still PENDING */
    long outboxDepth();

    /**
     * Removes history older than {@code before}: incidents closed before it with their whole
     * timelines, other events that happened before it, and DELIVERED or DEAD outbox entries last
     * updated before it. Open incidents and pending codes are kept, and so is every event on the
     * timeline of an incident that is kept (a stored incident always has its whole timeline).
     * {@link #maxIncidentId()} is not lowered.
     *
     * @param before the cut-off
     * @return rows removed
     */
    long prune(Instant before);

    // ---- check history ---------------------------------------------------------------------

    /**
     * Writes minute buckets in one transaction, adding to buckets already stored for the same
     * subject and minute, and the batch's completeness mark with them.
     *
     * @param batch the buckets
     * @throws StorageException when the transaction fails; nothing of the batch is applied
     */
    void writeHistory(HistoryBatch batch);

    /**
     * Rolls whole written hours up into hour buckets and whole days into day buckets, each period
     * once (a bounded number of periods per call; call again until it returns 0).
     *
     * @return buckets written
     */
    long rollUpHistory();

    /**
     * Removes history buckets older than each tier's cut; a bucket not yet rolled up into the
     * next tier is kept.
     *
     * @param minutesBefore cut for minute buckets
     * @param hoursBefore   cut for hour buckets
     * @param daysBefore    cut for day buckets
     * @return buckets removed
     */
    long pruneHistory(Instant minutesBefore, Instant hoursBefore, Instant daysBefore);

    /**
     * A monitor's or group's buckets starting in {@code [from, to)}, oldest first: from the
     * coarsest tier allowed where whole rolled-up buckets exist, from finer ones at the edges.
     *
     * @param scope    a monitor's or a group's
     * @param name     its name
     * @param from     the range's start
     * @param to       the range's end, exclusive
     * @param coarsest the coarsest buckets to read
     * @return the buckets
     */
    List<HistoryBucket> history(HistoryBatch.Scope scope, String name, Instant from, Instant to,
                                HistoryBatch.Resolution coarsest);

    /**
     * Whether any history bucket of a monitor or group is stored.
     *
     * @param scope a monitor's or a group's
     * @param name  its name
     * @return true when one is
     */
    boolean hasHistory(HistoryBatch.Scope scope, String name);

    /** Closes connections after a write under way; further calls fail and {@link #healthy()} says false. */
    @Override
    void close();
}
