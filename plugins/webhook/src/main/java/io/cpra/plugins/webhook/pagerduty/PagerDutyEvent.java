package io.cpra.plugins.webhook.pagerduty;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugins.webhook.delivery.HttpTarget;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * One PagerDuty Events API v2 event built from an alert. A trigger carries the full
 * {@code payload} (summary, source, severity, timestamp, optional component/group/class and
 * {@code custom_details}); acknowledge and resolve carry only routing key, action and
 * {@code dedup_key}, as the API asks.
 *
 * <p>The {@code dedup_key} is the alert's incident id, so every event of one incident lands on
 * one PagerDuty alert; codes raised outside an incident use {@code cpra/<monitor>}, stable for
 * the monitor.
 */
final class PagerDutyEvent {

    /** The API's limits on summary and dedup key lengths. */
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** What an event asks PagerDuty to do. */
    enum Action {
        TRIGGER, ACKNOWLEDGE, RESOLVE, NONE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Action of(PluginConfig config, String key, Action fallback) {
            String word = config.string(key, fallback.word()).strip().toLowerCase(Locale.ROOT);
            for (Action action : values()) {
                if (action.word().equals(word)) {
                    return action;
                }
            }
            throw config.error(key, "expected trigger, acknowledge, resolve or none, got \"" + config.string(key) + "\"");
        }
    }

    /**
     * A prepared {@code pagerduty} block; empty strings stand for absent keys, an empty
     * {@code source} for the monitor's name.
     */
    record Settings(HttpTarget target, String routingKey, String source, String component, String group,
                    String eventClass, String client, String clientUrl, Action yellow, Action gray) {

        Action actionFor(Colour colour) {
            return switch (colour) {
                case RED -> Action.TRIGGER;
                case CYAN -> Action.ACKNOWLEDGE;
                case GREEN -> Action.RESOLVE;
                case YELLOW -> yellow;
                case GRAY -> gray;
            };
        }
    }

    private PagerDutyEvent() {
    }

    static JsonObject of(Alert alert, Action action, Settings settings) {
        JsonObjectBuilder event = JSON.createObjectBuilder();
        if (!settings.routingKey().isEmpty()) {
            event.add("routing_key", settings.routingKey());
        }
        event.add("event_action", action.word())
                .add("dedup_key", dedupKey(alert));
        if (action != Action.TRIGGER) {
            return event.build();
        }
        event.add("client", settings.client());
        if (!settings.clientUrl().isEmpty()) {
            event.add("client_url", settings.clientUrl());
        }
        JsonObjectBuilder payload = JSON.createObjectBuilder()
                .add("summary", summary(alert))
                .add("source", settings.source().isEmpty() ? alert.monitor() : settings.source())
                .add("severity", alert.severity())
                .add("timestamp", DateTimeFormatter.ISO_INSTANT.format(alert.occurredAt()));
        optional(payload, "component", settings.component());
        optional(payload, "group", settings.group());
        optional(payload, "class", settings.eventClass());
        return event.add("payload", payload.add("custom_details", details(alert))).build();
    }

    static byte[] json(Alert alert, Action action, Settings settings) {
        return of(alert, action, settings).toString().getBytes(StandardCharsets.UTF_8);
    }

    static String dedupKey(Alert alert) {
        String key = alert.incidentId().isEmpty() ? "cpra/" + alert.monitor() : alert.incidentId();
        if (key.length() <= MAX_DEDUP_KEY) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "cpra/sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String summary(Alert alert) {
        String text = alert.summary().isEmpty() ? alert.title() : alert.title() + ": " + alert.summary();
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 3) + "...";
    }

    private static JsonObject details(Alert alert) {
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        alert.groups().forEach(groups::add);
        return JSON.createObjectBuilder()
                .add("monitor", alert.monitor())
                .add("colour", alert.colour().key())
                .add("status", alert.status())
                .add("title", alert.title())
                .add("summary", alert.summary())
                .add("action", alert.action())
                .add("incident_id", alert.incidentId())
                .add("alert_id", alert.id())
                .add("last_message", alert.lastMessage())
                .add("groups", groups)
                .build();
    }

    private static void optional(JsonObjectBuilder payload, String name, String value) {
        if (!value.isEmpty()) {
            payload.add(name, value);
        }
    }
}
