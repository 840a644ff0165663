package io.cpra.plugins.webhook.slack;

import io.cpra.plugin.api.Alert;
import io.cpra.plugins.webhook.delivery.HttpTarget;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The message posted to Slack, in the incoming-webhook format: a top-level {@code text} for
 * notifications and one legacy attachment whose {@code color} is the colour's display colour,
 * with title, text, fields, footer and timestamp. Slack reads {@code &}, {@code <} and
 * {@code >} as control characters, so they are escaped in every text.
 */
final class SlackMessage {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /**
     * A prepared Slack block: the hook and the optional overrides, empty when absent.
     *
     * @param target    the webhook
     * @param channel   channel override
     * @param username  poster name override
     * @param iconEmoji icon emoji override
     * @param iconUrl   icon image override
     */
    record Settings(HttpTarget target, String channel, String username, String iconEmoji, String iconUrl) {
    }

    private SlackMessage() {
    }

    static JsonObject of(Alert alert, Settings settings) {
        JsonArrayBuilder fields = JSON.createArrayBuilder()
                .add(field("Monitor", alert.monitor(), true))
                .add(field("Status", alert.status(), true));
        if (!alert.incidentId().isEmpty()) {
            fields.add(field("Incident", alert.incidentId(), true));
        }
        if (!alert.groups().isEmpty()) {
            fields.add(field("Groups", String.join(", ", alert.groups()), true));
        }
        if (!alert.lastMessage().isEmpty()) {
            fields.add(field("Last check", alert.lastMessage(), false));
        }
        if (!alert.action().isEmpty()) {
            fields.add(field("Action", alert.action(), false));
        }
        JsonObject attachment = JSON.createObjectBuilder()
                .add("fallback", escape(alert.title() + ": " + alert.summary()))
                .add("color", alert.colour().hex())
                .add("title", escape(alert.title()))
                .add("text", escape(alert.summary()))
                .add("fields", fields)
                .add("footer", escape("cpra | alert " + alert.id()))
                .add("ts", alert.occurredAt().getEpochSecond())
                .build();
        JsonObjectBuilder message = JSON.createObjectBuilder();
        optional(message, "channel", settings.channel());
        optional(message, "username", settings.username());
        optional(message, "icon_emoji", settings.iconEmoji());
        optional(message, "icon_url", settings.iconUrl());
        return message
                .add("text", escape(alert.title()))
                .add("attachments", JSON.createArrayBuilder().add(attachment))
                .build();
    }

    static byte[] json(Alert alert, Settings settings) {
        return of(alert, settings).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Escapes Slack's three control characters, as its message formatting rules ask.
     *
     * @param text plain text
     * @return the text with {@code &}, {@code <}, {@code >} as entities
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static JsonObject field(String title, String value, boolean shortField) {
        return JSON.createObjectBuilder()
                .add("title", title)
                .add("value", escape(value))
                .add("short", shortField)
                .build();
    }

    private static void optional(JsonObjectBuilder message, String name, String value) {
        if (!value.isEmpty()) {
            message.add(name, value);
        }
    }
}
