package io.cpra.core.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records for the storage tests, at whole milliseconds after a fixed origin. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Samples() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static StoredMonitor monitor(String name, String url, long second) {
        return new StoredMonitor(name, "{\"name\":\"" + name + "\",\"pulse\":{\"type\":\"http\",\"url\":\"" + url + "\"}}",
                at(second));
    }

    static MonitorHold hold(String name, boolean paused, Instant maintenanceUntil, long second) {
        return new MonitorHold(name, paused, maintenanceUntil != null, maintenanceUntil, at(second));
    }

    static MonitorSnapshot snapshot(String name, int failures, long second) {
        return new MonitorSnapshot(name, failures == 0 ? "HEALTHY" : "INCIDENT", failures, 0, 1, 2, 3, 0b101,
                failures == 0 ? 0 : 70 + failures, at(second));
    }

    static IncidentRecord incident(long id, String monitor, long second) {
        return new IncidentRecord(id, monitor, at(second), null, "HTTP 503 in 12 ms");
    }

    static EventRecord event(String monitor, String kind, String colour, long incidentId, long second) {
        return new EventRecord(0, at(second), monitor, kind, colour, incidentId, "{\"second\":" + second + "}");
    }

    static OutboxEntry pending(String alertId, String monitor, long second) {
        return new OutboxEntry(alertId, monitor, "red", "webhook", "{\"title\":\"[CRITICAL] " + monitor + "\"}",
                OutboxEntry.State.PENDING, 0, null, null, at(second), at(second));
    }

    static StorageBatch.OutboxUpdate update(String alertId, OutboxEntry.State state, int attempts, long second) {
        return new StorageBatch.OutboxUpdate(alertId, state, attempts,
                state == OutboxEntry.State.PENDING ? at(second + 30) : null,
                state == OutboxEntry.State.DELIVERED ? null : "HTTP 500", at(second));
    }

    /** @return every page of a listing, in order */
    static <T> List<T> drain(Lister<T> lister, int limit) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = lister.page(cursor, limit);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return all;
    }

    /** One page of some listing. */
    interface Lister<T> {
        Page<T> page(String cursor, int limit);
    }
}
