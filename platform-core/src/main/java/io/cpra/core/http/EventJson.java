package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;
import io.cpra.plugin.api.Colour;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Locale;

/**
 * An engine event as the live stream shows it: a kind, which is also the SSE event name, and a
 * JSON object with {@code kind}, {@code at}, {@code monitor} and the fields of that kind. No
 * instances.
 */
final class EventJson {

    static final String STAGE_CHANGED = "stage_changed";
    static final String INCIDENT_OPENED = "incident_opened";
    static final String INCIDENT_CLOSED = "incident_closed";
    static final String CODE_RAISED = "code_raised";
    static final String DELIVERY = "delivery";
    static final String INTERVENTION_STARTED = "intervention_started";
    static final String INTERVENTION_FINISHED = "intervention_finished";

    /** Every kind, in the order a monitor's story usually goes. */
    static final List<String> KINDS = List.of(STAGE_CHANGED, INCIDENT_OPENED, INCIDENT_CLOSED, CODE_RAISED, DELIVERY,
            INTERVENTION_STARTED, INTERVENTION_FINISHED);

    private EventJson() {
    }

    static String kind(EngineEvent event) {
        return switch (event) {
            case EngineEvent.StageChanged e -> STAGE_CHANGED;
            case EngineEvent.IncidentOpened e -> INCIDENT_OPENED;
            case EngineEvent.IncidentClosed e -> INCIDENT_CLOSED;
            case EngineEvent.CodeRaised e -> CODE_RAISED;
            case EngineEvent.DeliveryFinished e -> DELIVERY;
            case EngineEvent.InterventionStarted e -> INTERVENTION_STARTED;
            case EngineEvent.InterventionFinished e -> INTERVENTION_FINISHED;
        };
    }

    /** The event's colour, or {@code null} for the kinds that have none. */
    static Colour colour(EngineEvent event) {
        return switch (event) {
            case EngineEvent.CodeRaised code -> code.colour();
            case EngineEvent.DeliveryFinished delivery -> delivery.colour();
            default -> null;
        };
    }

    static JsonObject of(EngineEvent event) {
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder().add("kind", kind(event));
        Wire.instant(object, "at", event.at());
        object.add("monitor", event.monitor());
        switch (event) {
            case EngineEvent.StageChanged e -> {
                object.add("from", Wire.name(e.from())).add("to", Wire.name(e.to()));
                Wire.id(object, "incident_id", e.incidentId());
                Wire.text(object, "cause", e.cause());
            }
            case EngineEvent.IncidentOpened e -> {
                Wire.id(object, "incident_id", e.incidentId());
                Wire.text(object, "cause", e.cause());
            }
            case EngineEvent.IncidentClosed e -> {
                Wire.id(object, "incident_id", e.incidentId());
                object.add("lasted_ms", e.lasted().toMillis());
            }
            case EngineEvent.CodeRaised e -> {
                colour(object, e.colour());
                object.add("alert_id", e.alertId());
                Wire.id(object, "incident_id", e.incidentId());
                object.add("suppressed", e.suppressed()).add("dispatched", e.dispatched());
                Wire.text(object, "notifier", e.notifier());
                Wire.text(object, "summary", e.summary());
            }
            case EngineEvent.DeliveryFinished e -> {
                colour(object, e.colour());
                object.add("alert_id", e.alertId());
                Wire.text(object, "notifier", e.notifier());
                Wire.text(object, "destination", e.destination());
                object.add("attempt", e.attempt()).add("delivered", e.delivered()).add("dead_lettered", e.deadLettered());
                Wire.instant(object, "next_attempt", e.nextAttempt());
                Wire.text(object, "message", e.message());
            }
            case EngineEvent.InterventionStarted e -> {
                Wire.id(object, "incident_id", e.incidentId());
                object.add("action", e.action()).add("attempt", e.attempt());
            }
            case EngineEvent.InterventionFinished e -> {
                Wire.id(object, "incident_id", e.incidentId());
                object.add("action", e.action()).add("attempt", e.attempt()).add("success", e.success());
                Wire.text(object, "message", e.message());
            }
        }
        return object.build();
    }

    private static void colour(JsonObjectBuilder object, Colour colour) {
        object.add("colour", colour.key()).add("status", colour.status().toLowerCase(Locale.ROOT).replace(' ', '_'));
    }
}
