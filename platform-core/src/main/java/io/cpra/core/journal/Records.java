package io.cpra.core.journal;

import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.MonitorSnapshot;
import io.cpra.core.storage.OutboxEntry;
import io.cpra.core.storage.StorageBatch;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns engine events into the rows storage keeps, and stored alerts back into alerts. Pure
 * functions; thread-safe.
 */
final class Records {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Records() {
    }

    /**
     * Adds what one event means for storage to a batch.
     *
     * @param event    the event
     * @param batch    where its rows go
     * @param released collects the ids of codes that may be delivered once the batch is durable
     */
    static void add(EngineEvent event, StorageBatch batch, List<String> released) {
        switch (event) {
            case EngineEvent.StageChanged e -> {
                batch.putSnapshot(snapshot(e.monitor(), e.state(), e.incidentId(), e.at()));
                JsonObjectBuilder detail = Json.createObjectBuilder()
                        .add("from", lower(e.from())).add("to", lower(e.to())).add("cause", e.cause());
                if (!e.checks().isEmpty()) {
                    detail.add("checks", checks(e.checks()));
                }
                batch.addEvent(record(e, "stage_changed", null, e.incidentId(), detail));
            }
            case EngineEvent.IncidentOpened e -> {
                batch.openIncident(new IncidentRecord(e.incidentId(), e.monitor(), e.at(), null, e.cause()));
                batch.addEvent(record(e, "incident_opened", null, e.incidentId(),
                        Json.createObjectBuilder().add("cause", e.cause()).add("checks", checks(e.checks()))));
            }
            case EngineEvent.IncidentClosed e -> {
                batch.closeIncident(e.incidentId(), e.at());
                batch.addEvent(record(e, "incident_closed", null, e.incidentId(),
                        Json.createObjectBuilder().add("lasted_ms", e.lasted().toMillis())));
            }
            case EngineEvent.CodeRaised e -> {
                batch.addEvent(record(e, e.suppressed() ? "code_suppressed" : "code_raised", e.colour(), e.incidentId(),
                        Json.createObjectBuilder().add("alert_id", e.alertId()).add("dispatched", e.dispatched())
                                .add("notifier", e.notifier()).add("summary", e.summary())));
                if (e.dispatched()) {
                    batch.enqueue(new OutboxEntry(e.alertId(), e.monitor(), e.colour().key(), e.notifier(),
                            alertJson(e.alert()), OutboxEntry.State.PENDING, 0, null, null, e.at(), e.at()));
                    released.add(e.alertId());
                }
            }
            case EngineEvent.DeliveryFinished e -> {
                batch.addEvent(record(e, "delivery", e.colour(), e.incidentId(), Json.createObjectBuilder()
                        .add("alert_id", e.alertId()).add("notifier", e.notifier())
                        .add("destination", e.destination()).add("attempt", e.attempt())
                        .add("delivered", e.delivered()).add("message", e.message())
                        .add("next_attempt", e.nextAttempt() == null ? JsonValue.NULL : Json.createValue(instant(e.nextAttempt())))));
                OutboxEntry.State state = e.delivered() ? OutboxEntry.State.DELIVERED
                        : e.deadLettered() ? OutboxEntry.State.DEAD : OutboxEntry.State.PENDING;
                batch.updateOutbox(new StorageBatch.OutboxUpdate(e.alertId(), state, e.attempt(), e.nextAttempt(),
                        e.delivered() ? null : e.message(), e.at()));
            }
            case EngineEvent.InterventionStarted e -> batch.addEvent(record(e, "intervention_started", null,
                    e.incidentId(), Json.createObjectBuilder().add("action", e.action()).add("attempt", e.attempt())));
            case EngineEvent.InterventionFinished e -> batch.addEvent(record(e, "intervention_finished", null,
                    e.incidentId(), Json.createObjectBuilder().add("action", e.action()).add("attempt", e.attempt())
                            .add("success", e.success()).add("message", e.message())));
        }
    }

    /** The checks that led to a stage change or an incident, as the timeline shows them. */
    private static JsonArrayBuilder checks(List<MonitorView.Outcome> outcomes) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (MonitorView.Outcome outcome : outcomes) {
            checks.add(Json.createObjectBuilder()
                    .add("at", instant(outcome.at()))
                    .add("status", lower(outcome.status()))
                    .add("latency_ms", millis(outcome.latencyMicros()))
                    .add("message", outcome.message()));
        }
        return checks;
    }

    // The event history is a public surface: its details follow the API's one convention
    // (docs/http-api.md, "One shape for every surface") — lower-case enums, durations as *_ms,
    // instants to the millisecond. A snapshot is not public: it keeps the constants' names.

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static BigDecimal millis(long micros) {
        BigDecimal stripped = BigDecimal.valueOf(micros, 3).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String instant(Instant at) {
        return INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    static MonitorSnapshot snapshot(String monitor, LifecycleState s, long incidentId, Instant at) {
        return new MonitorSnapshot(monitor, s.stage().name(), s.consecutiveFailures(), s.successStreak(), s.attempts(),
                s.verifyRemaining(), s.incidentSeq(), s.flags(), incidentId, at);
    }

    private static EventRecord record(EngineEvent event, String kind, Colour colour, long incidentId,
                                      JsonObjectBuilder detail) {
        return new EventRecord(0, event.at(), event.monitor(), kind, colour == null ? null : colour.key(), incidentId,
                detail.build().toString());
    }

    static String alertJson(Alert alert) {
        JsonArrayBuilder groups = Json.createArrayBuilder();
        alert.groups().forEach(groups::add);
        return Json.createObjectBuilder()
                .add("id", alert.id()).add("monitor", alert.monitor()).add("colour", alert.colour().key())
                .add("title", alert.title()).add("summary", alert.summary()).add("action", alert.action())
                .add("incident_id", alert.incidentId()).add("occurred_at", alert.occurredAt().toString())
                .add("last_message", alert.lastMessage()).add("groups", groups)
                .build().toString();
    }

    static Alert alert(String json) {
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        List<String> groups = new ArrayList<>();
        o.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).forEach(g -> groups.add(g.getString()));
        return Alert.builder().id(o.getString("id")).monitor(o.getString("monitor"))
                .colour(Colour.of(o.getString("colour"))).title(o.getString("title"))
                .summary(o.getString("summary")).action(o.getString("action"))
                .incidentId(o.getString("incident_id")).occurredAt(Instant.parse(o.getString("occurred_at")))
                .lastMessage(o.getString("last_message")).groups(groups).build();
    }
}
