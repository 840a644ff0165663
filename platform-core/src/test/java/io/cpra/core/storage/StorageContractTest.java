package io.cpra.core.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cpra.core.storage.Samples.at;
import static io.cpra.core.storage.Samples.event;
import static io.cpra.core.storage.Samples.hold;
import static io.cpra.core.storage.Samples.incident;
import static io.cpra.core.storage.Samples.monitor;
import static io.cpra.core.storage.Samples.pending;
import static io.cpra.core.storage.Samples.snapshot;
import static io.cpra.core.storage.Samples.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage contract, run against every store by a subclass that supplies fresh, empty
 * stores. Each test gets its own store: a file in a temporary folder, or its own PostgreSQL schema.
 */
abstract class StorageContractTest {

    /** Tests that need a password in the settings use this one; it must never show. */
    static final String PASSWORD = "pw-7f3a9c-never-shown";

    private final List<Storage> opened = new ArrayList<>();
    StorageSettings settings;
    Storage storage;

    /** @return settings of a new, empty store of this kind; the subclass removes it after the test */
    abstract StorageSettings newStore() throws Exception;

    /** @return a plain JDBC connection to the store, beside the one under test */
    abstract Connection raw(StorageSettings store) throws SQLException;

    /** @return how many times the concurrent-open race is run */
    int concurrentOpenRounds() {
        return 8;
    }

    /** Removes the stores made by {@link #newStore()}; called after every store is closed. */
    abstract void removeStores() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        settings = newStore();
        storage = open(settings);
    }

    @AfterEach
    final void closeStores() throws Exception {
        opened.forEach(Storage::close);
        removeStores();
    }

    Storage open(StorageSettings store) {
        Storage opening = Storage.open(store);
        opened.add(opening);
        return opening;
    }

    static StorageSettings withTimeout(StorageSettings store, Duration timeout) {
        return new StorageSettings(store.url(), store.user(), store.password(), store.connections(), timeout);
    }

    // ---- every write kind and its read ------------------------------------------------------

    @Test
    void monitorsAreCreatedReplacedAndDeletedWithTheirHoldAndSnapshot() {
        storage.write(new StorageBatch()
                .putMonitor(monitor("api-a", "http://a", 1))
                .putMonitor(monitor("api-b", "http://b", 1))
                .putHold(hold("api-a", true, null, 1))
                .putSnapshot(snapshot("api-a", 3, 1))
                .putHold(hold("manifest-c", false, at(3600), 1)));
        storage.write(new StorageBatch().putMonitor(monitor("api-b", "http://b2", 2)));

        assertThat(storage.monitors()).containsExactly(monitor("api-a", "http://a", 1), monitor("api-b", "http://b2", 2));

        storage.write(new StorageBatch().deleteMonitor("api-a"));

        assertThat(storage.monitors()).containsExactly(monitor("api-b", "http://b2", 2));
        assertThat(storage.holds()).containsExactly(hold("manifest-c", false, at(3600), 1));
        assertThat(storage.snapshots()).isEmpty();
    }

    @Test
    void holdsAndSnapshotsAreUpsertedAndDeleted() {
        storage.write(new StorageBatch()
                .putHold(hold("a", true, null, 1))
                .putHold(hold("b", false, at(600), 1))
                .putSnapshot(snapshot("a", 0, 1))
                .putSnapshot(snapshot("b", 2, 1)));
        storage.write(new StorageBatch()
                .putHold(hold("a", false, at(900), 2))
                .deleteHold("b")
                .putSnapshot(snapshot("a", 4, 2))
                .deleteSnapshot("b"));

        assertThat(storage.holds()).containsExactly(hold("a", false, at(900), 2));
        assertThat(storage.snapshots()).containsExactly(snapshot("a", 4, 2));
        MonitorSnapshot stored = storage.snapshots().getFirst();
        assertThat(stored.lifecycleFlags()).isEqualTo(0b101);
        assertThat(stored.incidentId()).isEqualTo(74);
    }

    @Test
    void incidentsOpenCloseAndCarryTheirTimelineOldestFirst() {
        storage.write(new StorageBatch()
                .openIncident(incident(7, "db", 10))
                .addEvent(event("db", "stage_changed", null, 0, 9))
                .addEvent(event("db", "incident_opened", null, 7, 10))
                .addEvent(event("db", "code_raised", "red", 7, 10))
                .addEvent(event("web", "code_raised", "yellow", 0, 10)));
        storage.write(new StorageBatch()
                .closeIncident(7, at(50))
                .addEvent(event("db", "incident_closed", "green", 7, 50)));
        storage.write(new StorageBatch().closeIncident(7, at(99)));

        IncidentDetail detail = storage.incident(7).orElseThrow();

        assertThat(detail.incident()).isEqualTo(new IncidentRecord(7, "db", at(10), at(50), "HTTP 503 in 12 ms"));
        assertThat(detail.timeline()).extracting(EventRecord::kind)
                .containsExactly("incident_opened", "code_raised", "incident_closed");
        assertThat(detail.timeline()).extracting(EventRecord::seq).isSorted().doesNotHaveDuplicates();
        assertThat(storage.incident(8)).isEmpty();
        assertThat(storage.maxIncidentId()).isEqualTo(7);
    }

    @Test
    void oneBatchMayOpenAndCloseAnIncident() {
        storage.write(new StorageBatch().openIncident(incident(3, "db", 1)).closeIncident(3, at(2)));

        assertThat(storage.incident(3).orElseThrow().incident().open()).isFalse();
        assertThat(storage.incidents(new IncidentQuery(null, true), null, 10).items()).isEmpty();
    }

    @Test
    void eventsGetIncreasingSeqNumbersAndListNewestFirst() {
        storage.write(new StorageBatch()
                .addEvent(event("a", "stage_changed", null, 0, 1))
                .addEvent(event("b", "code_raised", "red", 0, 2)));
        storage.write(new StorageBatch().addEvent(event("a", "delivery", "red", 0, 3)));

        List<EventRecord> events = storage.events(EventQuery.ALL, null, 10).items();

        assertThat(events).extracting(EventRecord::at).containsExactly(at(3), at(2), at(1));
        assertThat(events).extracting(EventRecord::seq).isSortedAccordingTo((x, y) -> Long.compare(y, x))
                .doesNotHaveDuplicates().allMatch(seq -> seq > 0);
        assertThat(events.get(1)).isEqualTo(new EventRecord(events.get(1).seq(), at(2), "b", "code_raised", "red", 0,
                "{\"second\":2}"));
        assertThat(events.get(2).colour()).isNull();
    }

    @Test
    void outboxEntriesAreEnqueuedUpdatedAndListedOldestFirst() {
        storage.write(new StorageBatch()
                .enqueue(pending("a-1", "db", 1))
                .enqueue(pending("a-2", "db", 2))
                .enqueue(pending("a-3", "web", 3)));
        storage.write(new StorageBatch()
                .updateOutbox(update("a-1", OutboxEntry.State.DELIVERED, 1, 5))
                .updateOutbox(update("a-2", OutboxEntry.State.PENDING, 1, 5))
                .updateOutbox(update("a-2", OutboxEntry.State.DEAD, 2, 6))
                .updateOutbox(update("missing", OutboxEntry.State.DEAD, 2, 6)));

        assertThat(storage.pendingCodes()).containsExactly(pending("a-3", "web", 3));
        assertThat(storage.outboxDepth()).isEqualTo(1);
        OutboxEntry dead = storage.outbox(OutboxEntry.State.DEAD, null, 10).items().getFirst();
        assertThat(dead).isEqualTo(new OutboxEntry("a-2", "db", "red", "webhook", pending("a-2", "db", 2).alert(),
                OutboxEntry.State.DEAD, 2, null, "HTTP 500", at(2), at(6)));
        assertThat(storage.outbox(OutboxEntry.State.DELIVERED, null, 10).items()).extracting(OutboxEntry::alertId)
                .containsExactly("a-1");
    }

    // ---- batch semantics ---------------------------------------------------------------------

    @Test
    void theLastOperationOnANameWinsWithinABatch() {
        storage.write(new StorageBatch().putSnapshot(snapshot("gone-then-back", 1, 1)).putHold(hold("kept", true, null, 1)));

        storage.write(new StorageBatch()
                .putSnapshot(snapshot("twice", 1, 1))
                .putSnapshot(snapshot("twice", 2, 2))
                .putSnapshot(snapshot("put-then-deleted", 1, 1))
                .deleteSnapshot("put-then-deleted")
                .deleteSnapshot("gone-then-back")
                .putSnapshot(snapshot("gone-then-back", 5, 3))
                .putMonitor(monitor("m", "http://one", 1))
                .deleteMonitor("m")
                .putMonitor(monitor("m", "http://two", 2))
                .deleteHold("kept")
                .putHold(hold("kept", false, at(60), 2)));

        assertThat(storage.snapshots()).containsExactlyInAnyOrder(snapshot("twice", 2, 2), snapshot("gone-then-back", 5, 3));
        assertThat(storage.monitors()).containsExactly(monitor("m", "http://two", 2));
        assertThat(storage.holds()).containsExactly(hold("kept", false, at(60), 2));
    }

    @Test
    void aFailingBatchAppliesNothingAndNamesTheStore() {
        storage.write(new StorageBatch().enqueue(pending("a-1", "db", 1)).addEvent(event("db", "code_raised", "red", 0, 1)));
        StorageBatch failing = new StorageBatch()
                .putMonitor(monitor("m", "http://m", 2))
                .putSnapshot(snapshot("m", 1, 2))
                .putHold(hold("m", true, null, 2))
                .openIncident(incident(11, "m", 2))
                .addEvent(event("m", "incident_opened", null, 11, 2))
                .enqueue(pending("a-2", "m", 2))
                .enqueue(pending("a-1", "m", 2)) // the alert id exists: a constraint violation
                .updateOutbox(update("a-2", OutboxEntry.State.DELIVERED, 1, 3));

        assertThatThrownBy(() -> storage.write(failing))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("storage " + storage.describe() + ": write of 8 rows failed")
                .message().doesNotContain(PASSWORD);

        assertThat(storage.monitors()).isEmpty();
        assertThat(storage.snapshots()).isEmpty();
        assertThat(storage.holds()).isEmpty();
        assertThat(storage.incident(11)).isEmpty();
        assertThat(storage.maxIncidentId()).isZero();
        assertThat(storage.events(EventQuery.ALL, null, 10).items()).hasSize(1);
        assertThat(storage.pendingCodes()).containsExactly(pending("a-1", "db", 1));

        storage.write(new StorageBatch().addEvent(event("m", "stage_changed", null, 0, 4)));
        assertThat(storage.events(EventQuery.ALL, null, 10).items()).hasSize(2);
    }

    @Test
    void anIncidentIdCannotBeOpenedTwice() {
        storage.write(new StorageBatch().openIncident(incident(5, "db", 1)));

        assertThatThrownBy(() -> storage.write(new StorageBatch().openIncident(incident(5, "web", 2))))
                .isInstanceOf(StorageException.class);
        assertThat(storage.incident(5).orElseThrow().incident().monitor()).isEqualTo("db");
    }

    @Test
    void anEmptyBatchWritesNothing() {
        storage.write(new StorageBatch());

        assertThat(storage.events(EventQuery.ALL, null, 1).items()).isEmpty();
    }

    // ---- listings ----------------------------------------------------------------------------

    @Test
    void eventsPageThroughTwoThousandFiveHundredRowsWithFilters() {
        StorageBatch batch = new StorageBatch();
        for (int i = 0; i < 2500; i++) {
            batch.addEvent(event(i % 2 == 0 ? "even" : "odd", i % 5 == 0 ? "code_raised" : "stage_changed",
                    i % 5 == 0 ? "red" : null, 0, i));
        }
        storage.write(batch);

        Page<EventRecord> first = storage.events(EventQuery.ALL, null, 1000);
        List<EventRecord> all = Samples.drain((cursor, limit) -> storage.events(EventQuery.ALL, cursor, limit), 1000);

        assertThat(first.items()).hasSize(1000);
        assertThat(first.next()).isNotNull();
        assertThat(all).hasSize(2500).extracting(EventRecord::at).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(all).extracting(EventRecord::seq).doesNotHaveDuplicates();
        assertThat(Samples.drain((cursor, limit) -> storage.events(new EventQuery("even", null, null, null), cursor, limit), 333))
                .hasSize(1250).allMatch(e -> e.monitor().equals("even"));
        assertThat(Samples.drain((cursor, limit) -> storage.events(new EventQuery(null, "code_raised", "red", at(2000)),
                cursor, limit), 7))
                .hasSize(100).allMatch(e -> !e.at().isBefore(at(2000)) && e.kind().equals("code_raised"));
        assertThat(storage.events(new EventQuery("odd", "code_raised", null, null), null, 1000).items())
                .hasSize(250).allMatch(e -> e.monitor().equals("odd"));
    }

    @Test
    void incidentsPageNewestFirstWithFilters() {
        StorageBatch batch = new StorageBatch();
        for (int id = 1; id <= 2500; id++) {
            batch.openIncident(incident(id, id % 3 == 0 ? "db" : "web", id));
            if (id % 2 == 0) {
                batch.closeIncident(id, at(id + 5));
            }
        }
        storage.write(batch);

        List<IncidentRecord> all = Samples.drain((cursor, limit) -> storage.incidents(IncidentQuery.ALL, cursor, limit), 1000);
        List<IncidentRecord> openDb = Samples.drain(
                (cursor, limit) -> storage.incidents(new IncidentQuery("db", true), cursor, limit), 100);

        assertThat(all).extracting(IncidentRecord::id).hasSize(2500).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(openDb).hasSize(417).allMatch(i -> i.open() && i.monitor().equals("db"));
        assertThat(storage.incidents(new IncidentQuery(null, false), null, 1000).items())
                .hasSize(1000).allMatch(i -> !i.open());
        assertThat(storage.maxIncidentId()).isEqualTo(2500);
    }

    @Test
    void theOutboxPagesOldestFirst() {
        StorageBatch batch = new StorageBatch();
        for (int i = 0; i < 2500; i++) {
            batch.enqueue(pending("alert-" + i, "m" + (i % 10), i));
        }
        storage.write(batch);
        storage.write(new StorageBatch().updateOutbox(update("alert-5", OutboxEntry.State.DELIVERED, 1, 3000)));

        List<OutboxEntry> pending = Samples.drain((cursor, limit) -> storage.outbox(OutboxEntry.State.PENDING, cursor, limit), 1000);

        assertThat(pending).hasSize(2499).extracting(OutboxEntry::createdAt).isSorted();
        assertThat(pending).extracting(OutboxEntry::alertId).doesNotContain("alert-5");
        assertThat(storage.pendingCodes()).isEqualTo(pending);
        assertThat(storage.outboxDepth()).isEqualTo(2499);
    }

    @Test
    void limitsAndCursorsAreChecked() {
        storage.write(new StorageBatch().addEvent(event("a", "k", null, 0, 1)).addEvent(event("a", "k", null, 0, 2)));
        String eventCursor = storage.events(EventQuery.ALL, null, 1).next();

        assertThatThrownBy(() -> storage.events(EventQuery.ALL, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.events(EventQuery.ALL, null, 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.incidents(IncidentQuery.ALL, null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.outbox(OutboxEntry.State.DEAD, null, 5000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.events(EventQuery.ALL, "not a cursor!", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.incidents(IncidentQuery.ALL, eventCursor, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cursor of this listing");
        assertThat(storage.events(EventQuery.ALL, eventCursor, 1000).items()).extracting(EventRecord::at).containsExactly(at(1));
    }

    // ---- prune -------------------------------------------------------------------------------

    @Test
    void pruneKeepsOpenIncidentsPendingCodesAndTheTimelinesOfKeptIncidents() {
        storage.write(new StorageBatch()
                .openIncident(incident(1, "old-open", 10))
                .openIncident(incident(2, "old-closed", 10))
                .openIncident(incident(3, "recently-closed", 10))
                .closeIncident(2, at(20))
                .closeIncident(3, at(200))
                .addEvent(event("old-open", "incident_opened", null, 1, 10))
                .addEvent(event("old-closed", "incident_opened", null, 2, 10))
                .addEvent(event("old-closed", "incident_closed", "green", 2, 20))
                .addEvent(event("recently-closed", "incident_opened", null, 3, 10))
                .addEvent(event("noise", "stage_changed", null, 0, 50))
                .addEvent(event("noise", "stage_changed", null, 0, 150))
                .enqueue(pending("old-pending", "x", 10))
                .enqueue(pending("old-delivered", "x", 10))
                .enqueue(pending("old-dead", "x", 10))
                .enqueue(pending("new-delivered", "x", 10)));
        storage.write(new StorageBatch()
                .updateOutbox(update("old-delivered", OutboxEntry.State.DELIVERED, 1, 20))
                .updateOutbox(update("old-dead", OutboxEntry.State.DEAD, 5, 30))
                .updateOutbox(update("new-delivered", OutboxEntry.State.DELIVERED, 1, 120)));

        long removed = storage.prune(at(100));

        // incident 2 and its 2 events, the noise at 50, two outbox entries
        assertThat(removed).isEqualTo(6);
        assertThat(storage.incidents(IncidentQuery.ALL, null, 10).items()).extracting(IncidentRecord::id).containsExactly(3L, 1L);
        assertThat(storage.incident(1).orElseThrow().timeline()).hasSize(1);
        assertThat(storage.incident(3).orElseThrow().timeline()).hasSize(1);
        assertThat(storage.events(new EventQuery("noise", null, null, null), null, 10).items())
                .extracting(EventRecord::at).containsExactly(at(150));
        assertThat(storage.pendingCodes()).extracting(OutboxEntry::alertId).containsExactly("old-pending");
        assertThat(storage.outbox(OutboxEntry.State.DELIVERED, null, 10).items()).extracting(OutboxEntry::alertId)
                .containsExactly("new-delivered");
        assertThat(storage.maxIncidentId()).isEqualTo(3);

        storage.write(new StorageBatch().closeIncident(3, at(200)).closeIncident(1, at(300)));
        storage.prune(at(1000));
        assertThat(storage.incidents(IncidentQuery.ALL, null, 10).items()).isEmpty();
        assertThat(storage.maxIncidentId()).as("the high-water mark outlives prune").isEqualTo(3);
    }

    // ---- migrations --------------------------------------------------------------------------

    @Test
    void reopeningMigratesNothingAndKeepsTheData() throws SQLException {
        storage.write(new StorageBatch().putSnapshot(snapshot("a", 1, 1)));
        storage.close();

        Storage again = open(settings);
        Storage andAgain = open(settings);

        assertThat(again.snapshots()).containsExactly(snapshot("a", 1, 1));
        assertThat(andAgain.snapshots()).containsExactly(snapshot("a", 1, 1));
        assertThat(versions(settings)).isEqualTo(expectedVersions());
    }

    @Test
    void aStoreWithANewerSchemaIsRefused() throws SQLException {
        storage.close();
        try (Connection connection = raw(settings); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO cpra_schema_version (version, description, applied_at) VALUES ("
                    + (Migrations.latest() + 1) + ", 'from the future', 0)");
        }

        assertThatThrownBy(() -> open(settings))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("storage " + storage.describe() + ": cannot open")
                .hasMessageContaining("version " + (Migrations.latest() + 1) + ", newer than this cpra knows");
    }

    @Test
    void twoConcurrentOpensMigrateOnce() throws Exception {
        // the race is won differently each time: a few rounds, each on a new store
        for (int round = 0; round < concurrentOpenRounds(); round++) {
            StorageSettings fresh = newStore();
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Storage> opening = () -> {
                start.await();
                return Storage.open(fresh);
            };
            List<Future<Storage>> both;
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                both = List.of(threads.submit(opening), threads.submit(opening));
            }
            for (Future<Storage> one : both) {
                opened.add(one.get());
            }

            assertThat(versions(fresh)).isEqualTo(expectedVersions());
            both.getFirst().get().write(new StorageBatch().addEvent(event("a", "k", null, 0, round)));
            assertThat(both.getLast().get().events(EventQuery.ALL, null, 5).items()).hasSize(1);
        }
    }

    // ---- the rest of the surface -------------------------------------------------------------

    @Test
    void anOpenStoreIsHealthyAndAClosedOneIsNotAndRefusesWork() {
        assertThat(storage.healthy()).isTrue();

        storage.close();
        storage.close();

        assertThat(storage.healthy()).isFalse();
        assertThatThrownBy(() -> storage.write(new StorageBatch().addEvent(event("a", "k", null, 0, 1))))
                .isInstanceOf(StorageException.class).hasMessageContaining(storage.describe());
        assertThatThrownBy(storage::snapshots).isInstanceOf(StorageException.class);
    }

    @Test
    void theDescriptionShowsNoPassword() {
        assertThat(storage.describe()).doesNotContain(PASSWORD).doesNotStartWith("jdbc:");
        assertThat(settings.toString()).doesNotContain(PASSWORD);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Map<Integer, Integer> versions(StorageSettings store) throws SQLException {
        Map<Integer, Integer> found = new LinkedHashMap<>();
        try (Connection connection = raw(store); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, COUNT(*) FROM cpra_schema_version GROUP BY version ORDER BY version")) {
            while (rows.next()) {
                found.put(rows.getInt(1), rows.getInt(2));
            }
        }
        return found;
    }

    private static Map<Integer, Integer> expectedVersions() {
        Map<Integer, Integer> once = new LinkedHashMap<>();
        Migrations.STEPS.forEach(step -> once.put(step.version(), 1));
        return once;
    }

    // ---- check history ----------------------------------------------------------------------

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    /** 2026-01-01T00:00:00Z */
    private static final long T0 = 1_767_225_600_000L;

    private static HistoryBucket bucket(long start, long checks, long failures, long sum, long max, long fast) {
        return new HistoryBucket(start, checks, failures, sum, max, new long[] {fast, checks - fast, 0, 0, 0, 0, 0, 0}, 1);
    }

    @Test
    void historyAddsUpRollsUpPrunesAndReadsAcrossTiers() {
        storage.writeHistory(new HistoryBatch()
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(T0, 6, 1, 60_000, 20_000, 5))
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(T0 + 30 * MINUTE, 6, 0, 30_000, 9_000, 6))
                .add(HistoryBatch.Scope.GROUP, "payments", bucket(T0, 6, 1, 60_000, 20_000, 5)));
        // a group's minute arrives in several batches and adds up
        storage.writeHistory(new HistoryBatch()
                .add(HistoryBatch.Scope.GROUP, "payments", bucket(T0, 4, 0, 4_000, 30_000, 4))
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(T0 + HOUR + 10 * MINUTE, 6, 0, 6_000, 1_000, 6))
                .completeBefore(T0 + HOUR + 15 * MINUTE));

        assertThat(storage.history(HistoryBatch.Scope.GROUP, "payments", Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + MINUTE), HistoryBatch.Resolution.MINUTE))
                .containsExactly(new HistoryBucket(T0, 10, 1, 64_000, 30_000, new long[] {9, 1, 0, 0, 0, 0, 0, 0}, 2));

        assertThat(storage.rollUpHistory()).isPositive();
        assertThat(storage.rollUpHistory()).isZero();  // each hour once

        List<HistoryBucket> expected = List.of(
                new HistoryBucket(T0, 12, 1, 90_000, 20_000, new long[] {11, 1, 0, 0, 0, 0, 0, 0}, 2),
                bucket(T0 + HOUR + 10 * MINUTE, 6, 0, 6_000, 1_000, 6));
        assertThat(storage.history(HistoryBatch.Scope.MONITOR, "api", Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 2 * HOUR), HistoryBatch.Resolution.HOUR)).isEqualTo(expected);
        // minutes are still there for a fine read, and a range that cuts an hour reads minutes at its edge
        assertThat(storage.history(HistoryBatch.Scope.MONITOR, "api", Instant.ofEpochMilli(T0 + MINUTE),
                Instant.ofEpochMilli(T0 + 2 * HOUR), HistoryBatch.Resolution.HOUR))
                .extracting(HistoryBucket::startMillis).containsExactly(T0 + 30 * MINUTE, T0 + HOUR + 10 * MINUTE);

        // minutes of a rolled-up hour go; the hour answers for them; the open hour's minutes stay
        Instant now = Instant.ofEpochMilli(T0 + HOUR + 30 * MINUTE);
        assertThat(storage.pruneHistory(now, now.minus(Duration.ofDays(35)), now.minus(Duration.ofDays(400))))
                .isEqualTo(3);
        assertThat(storage.history(HistoryBatch.Scope.MONITOR, "api", Instant.ofEpochMilli(T0),
                Instant.ofEpochMilli(T0 + 2 * HOUR), HistoryBatch.Resolution.HOUR)).isEqualTo(expected);
        assertThat(storage.hasHistory(HistoryBatch.Scope.GROUP, "payments")).isTrue();
        assertThat(storage.hasHistory(HistoryBatch.Scope.GROUP, "api")).isFalse();
    }
}
