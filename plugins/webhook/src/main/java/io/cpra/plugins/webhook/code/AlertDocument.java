package io.cpra.plugins.webhook.code;

import io.cpra.plugin.api.Alert;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The JSON document the {@code webhook} code sends: every field of the {@link Alert}, flat,
 * with snake_case names. Documented field by field in docs/plugins.md ("Code: webhook"); changing a name
 * breaks receivers.
 */
final class AlertDocument {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private AlertDocument() {
    }

    static JsonObject of(Alert alert) {
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        alert.groups().forEach(groups::add);
        return JSON.createObjectBuilder()
                .add("alert_id", alert.id())
                .add("monitor", alert.monitor())
                .add("colour", alert.colour().key())
                .add("colour_hex", alert.colour().hex())
                .add("status", alert.status())
                .add("severity", alert.severity())
                .add("title", alert.title())
                .add("summary", alert.summary())
                .add("action", alert.action())
                .add("incident_id", alert.incidentId())
                .add("occurred_at", DateTimeFormatter.ISO_INSTANT.format(alert.occurredAt()))
                .add("last_message", alert.lastMessage())
                .add("groups", groups)
                .build();
    }

    static byte[] json(Alert alert) {
        return of(alert).toString().getBytes(StandardCharsets.UTF_8);
    }
}
