package io.cpra.core.http;

import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.IncidentDetail;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.OutboxEntry;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * Stored history as JSON: incidents, events and outbox entries, each the same wherever it
 * appears (an event in the history listing and on an incident's timeline look alike). The JSON
 * the store keeps as text (an event's detail, an entry's alert) is embedded as an object.
 * No instances.
 */
final class HistoryJson {

    private HistoryJson() {
    }

    /**
     * @return {@code id}, {@code monitor}, {@code opened_at}, {@code closed_at} (null while
     *         open), {@code open} and {@code cause}
     */
    static JsonObjectBuilder incident(IncidentRecord incident) {
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder()
                .add("id", incident.id())
                .add("monitor", incident.monitor());
        Wire.instant(object, "opened_at", incident.openedAt());
        Wire.instant(object, "closed_at", incident.closedAt());
        return object.add("open", incident.open()).add("cause", incident.cause());
    }

    /** @return the incident's fields and its {@code timeline}, oldest event first */
    static JsonObjectBuilder incidentWithTimeline(IncidentDetail detail) {
        JsonArrayBuilder timeline = Wire.JSON.createArrayBuilder();
        detail.timeline().forEach(event -> timeline.add(event(event)));
        return incident(detail.incident()).add("timeline", timeline);
    }

    /**
     * @return {@code seq}, {@code at}, {@code monitor}, {@code kind}, {@code colour} (null for
     *         colourless kinds), {@code incident_id} (null outside incidents) and {@code detail}
     */
    static JsonObjectBuilder event(EventRecord event) {
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder().add("seq", event.seq());
        Wire.instant(object, "at", event.at());
        object.add("monitor", event.monitor()).add("kind", event.kind());
        Wire.text(object, "colour", event.colour());
        Wire.id(object, "incident_id", event.incidentId());
        Wire.object(object, "detail", event.detail());
        return object;
    }

    /**
     * @return {@code alert_id}, {@code monitor}, {@code colour}, {@code notifier}, {@code state},
     *         {@code attempts}, {@code next_attempt_at}, {@code last_error}, {@code created_at},
     *         {@code updated_at} and {@code alert}
     */
    static JsonObjectBuilder outboxEntry(OutboxEntry entry) {
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder()
                .add("alert_id", entry.alertId())
                .add("monitor", entry.monitor())
                .add("colour", entry.colour())
                .add("notifier", entry.notifier())
                .add("state", Wire.name(entry.state()))
                .add("attempts", entry.attempts());
        Wire.instant(object, "next_attempt_at", entry.nextAttemptAt());
        Wire.text(object, "last_error", entry.lastError());
        Wire.instant(object, "created_at", entry.createdAt());
        Wire.instant(object, "updated_at", entry.updatedAt());
        Wire.object(object, "alert", entry.alert());
        return object;
    }
}
