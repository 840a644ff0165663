package io.cpra.core.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@link Storage#write} applies in one transaction. Filled by one thread, then
 * handed over; not thread-safe. Within a batch, upserts of the same key apply in order (the
 * last wins) and deletes apply after upserts of the same kind.
 */
public final class StorageBatch {

    /** A change to an outbox entry after a delivery job. */
    public record OutboxUpdate(String alertId, OutboxEntry.State state, int attempts, Instant nextAttemptAt,
                               String lastError, Instant updatedAt) {
    }

    /** An incident closed. */
    public record IncidentClosed(long id, Instant closedAt) {
    }

    final List<StoredMonitor> monitorUpserts = new ArrayList<>();
    final List<String> monitorDeletes = new ArrayList<>();
    final List<MonitorHold> holdUpserts = new ArrayList<>();
    final List<String> holdDeletes = new ArrayList<>();
    final List<MonitorSnapshot> snapshotUpserts = new ArrayList<>();
    final List<String> snapshotDeletes = new ArrayList<>();
    final List<IncidentRecord> incidentsOpened = new ArrayList<>();
    final List<IncidentClosed> incidentsClosed = new ArrayList<>();
    final List<EventRecord> events = new ArrayList<>();
    final List<OutboxEntry> outboxInserts = new ArrayList<>();
    final List<OutboxUpdate> outboxUpdates = new ArrayList<>();

    /** @return this batch, after recording an API monitor's creation or replacement */
    public StorageBatch putMonitor(StoredMonitor monitor) {
        monitorUpserts.add(monitor);
        return this;
    }

    /** @return this batch, after recording an API monitor's deletion (also drops its hold and snapshot) */
    public StorageBatch deleteMonitor(String name) {
        monitorDeletes.add(name);
        return this;
    }

    /** @return this batch, after recording a hold */
    public StorageBatch putHold(MonitorHold hold) {
        holdUpserts.add(hold);
        return this;
    }

    /** @return this batch, after recording that a monitor has no hold any more */
    public StorageBatch deleteHold(String name) {
        holdDeletes.add(name);
        return this;
    }

    /** @return this batch, after recording a lifecycle snapshot */
    public StorageBatch putSnapshot(MonitorSnapshot snapshot) {
        snapshotUpserts.add(snapshot);
        return this;
    }

    /** @return this batch, after recording that a monitor is gone (its snapshot goes) */
    public StorageBatch deleteSnapshot(String name) {
        snapshotDeletes.add(name);
        return this;
    }

    /** @return this batch, after recording an incident's opening */
    public StorageBatch openIncident(IncidentRecord incident) {
        incidentsOpened.add(incident);
        return this;
    }

    /** @return this batch, after recording an incident's closing */
    public StorageBatch closeIncident(long id, Instant closedAt) {
        incidentsClosed.add(new IncidentClosed(id, closedAt));
        return this;
    }

    /** @return this batch, after appending an event (its seq is assigned by the store) */
    public StorageBatch addEvent(EventRecord event) {
        events.add(event);
        return this;
    }

    /** @return this batch, after adding a code to the outbox */
    public StorageBatch enqueue(OutboxEntry entry) {
        outboxInserts.add(entry);
        return this;
    }

    /** @return this batch, after recording a delivery job's result */
    public StorageBatch updateOutbox(OutboxUpdate update) {
        outboxUpdates.add(update);
        return this;
    }

    /** @return true when the batch holds nothing */
    public boolean isEmpty() {
        return monitorUpserts.isEmpty() && monitorDeletes.isEmpty() && holdUpserts.isEmpty() && holdDeletes.isEmpty()
                && snapshotUpserts.isEmpty() && snapshotDeletes.isEmpty() && incidentsOpened.isEmpty()
                && incidentsClosed.isEmpty() && events.isEmpty() && outboxInserts.isEmpty() && outboxUpdates.isEmpty();
    }

    /** @return the number of rows the batch writes, for metrics */
    public int size() {
        return monitorUpserts.size() + monitorDeletes.size() + holdUpserts.size() + holdDeletes.size()
                + snapshotUpserts.size() + snapshotDeletes.size() + incidentsOpened.size() + incidentsClosed.size()
                + events.size() + outboxInserts.size() + outboxUpdates.size();
    }
}
