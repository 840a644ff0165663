package io.cpra.core.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one {@link Storage#write} applies in one transaction. Filled by one thread, then
 * handed over; not thread-safe.
 *
 * <p>Keyed kinds (monitors, holds, snapshots) keep only the last operation per name, in call
 * order: a put after a delete of the same name stores the put; a delete after a put deletes.
 * {@link #deleteMonitor} counts as a delete of the monitor, its hold and its snapshot. Appended
 * kinds apply in call order: incidents opened before incidents closed (so one batch may open and
 * close the same incident), events, outbox entries added before outbox updates.
 */
public final class StorageBatch {

    /** A change to an outbox entry after a delivery job. */
    public record OutboxUpdate(String alertId, OutboxEntry.State state, int attempts, Instant nextAttemptAt,
                               String lastError, Instant updatedAt) {

        /** Checks that nothing is missing. */
        public OutboxUpdate {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** An incident closed. */
    public record IncidentClosed(long id, Instant closedAt) {

        /** Checks that nothing is missing. */
        public IncidentClosed {
            Objects.requireNonNull(closedAt, "closedAt");
        }
    }

    // name -> the last put, or null when the last operation was a delete
    final Map<String, StoredMonitor> monitors = new LinkedHashMap<>();
    final Map<String, MonitorHold> holds = new LinkedHashMap<>();
    final Map<String, MonitorSnapshot> snapshots = new LinkedHashMap<>();
    final List<IncidentRecord> incidentsOpened = new ArrayList<>();
    final List<IncidentClosed> incidentsClosed = new ArrayList<>();
    final List<EventRecord> events = new ArrayList<>();
    final List<OutboxEntry> outboxInserts = new ArrayList<>();
    final List<OutboxUpdate> outboxUpdates = new ArrayList<>();

    /** @return this batch, after recording an API monitor's creation or replacement */
    public StorageBatch putMonitor(StoredMonitor monitor) {
        monitors.put(monitor.name(), monitor);
        return this;
    }

    /** @return this batch, after recording an API monitor's deletion (also drops its hold and snapshot) */
    public StorageBatch deleteMonitor(String name) {
        Objects.requireNonNull(name, "name");
        monitors.put(name, null);
        holds.put(name, null);
        snapshots.put(name, null);
        return this;
    }

    /** @return this batch, after recording a hold */
    public StorageBatch putHold(MonitorHold hold) {
        holds.put(hold.name(), hold);
        return this;
    }

    /** @return this batch, after recording that a monitor has no hold any more */
    public StorageBatch deleteHold(String name) {
        holds.put(Objects.requireNonNull(name, "name"), null);
        return this;
    }

    /** @return this batch, after recording a lifecycle snapshot */
    public StorageBatch putSnapshot(MonitorSnapshot snapshot) {
        snapshots.put(snapshot.name(), snapshot);
        return this;
    }

    /** @return this batch, after recording that a monitor is gone (its snapshot goes) */
    public StorageBatch deleteSnapshot(String name) {
        snapshots.put(Objects.requireNonNull(name, "name"), null);
        return this;
    }

    /** @return this batch, after recording an incident's opening; its id must be new to the store */
    public StorageBatch openIncident(IncidentRecord incident) {
        incidentsOpened.add(Objects.requireNonNull(incident, "incident"));
        return this;
    }

    /** @return this batch, after recording an incident's closing (a second close keeps the first time) */
    public StorageBatch closeIncident(long id, Instant closedAt) {
        incidentsClosed.add(new IncidentClosed(id, closedAt));
        return this;
    }

    /** @return this batch, after appending an event (its seq is assigned by the store) */
    public StorageBatch addEvent(EventRecord event) {
        events.add(Objects.requireNonNull(event, "event"));
        return this;
    }

    /** @return this batch, after adding a code to the outbox; its alert id must be new to the store */
    public StorageBatch enqueue(OutboxEntry entry) {
        outboxInserts.add(Objects.requireNonNull(entry, "entry"));
        return this;
    }

    /** @return this batch, after recording a delivery job's result (an unknown alert id changes nothing) */
    public StorageBatch updateOutbox(OutboxUpdate update) {
        outboxUpdates.add(Objects.requireNonNull(update, "update"));
        return this;
    }

    /** @return true when the batch holds nothing */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** @return the number of rows the batch writes (after keeping the last operation per name), for metrics */
    public int size() {
        return monitors.size() + holds.size() + snapshots.size() + incidentsOpened.size() + incidentsClosed.size()
                + events.size() + outboxInserts.size() + outboxUpdates.size();
    }
}
