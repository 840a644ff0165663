package io.cpra.plugins.log;

import io.cpra.plugin.api.Alert;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * How one code becomes one line. Every line ends with a single {@code \n}; line breaks inside
 * values are folded into spaces (text) or escaped (JSON), so one code is always one line.
 *
 * <p>Text: {@code <occurred_at> <STATUS> <monitor>: <summary>}, then, when present,
 * {@code | action: <action>}, {@code | last: <last_message>}, and always
 * {@code | incident=<incident_id> alert=<alert_id>} (incident {@code -} when none).
 *
 * <p>JSON: an object with {@code occurred_at, alert_id, monitor, colour, status, severity,
 * title, summary, action, incident_id, last_message, groups}, the same names as the
 * {@code webhook} code's payload.
 */
enum LineFormat {
    TEXT {
        @Override
        String text(Alert alert) {
            StringBuilder line = new StringBuilder(128)
                    .append(DateTimeFormatter.ISO_INSTANT.format(alert.occurredAt())).append(' ')
                    .append(alert.status()).append(' ')
                    .append(fold(alert.monitor())).append(": ")
                    .append(fold(alert.summary().isEmpty() ? alert.title() : alert.summary()));
            if (!alert.action().isEmpty()) {
                line.append(" | action: ").append(fold(alert.action()));
            }
            if (!alert.lastMessage().isEmpty()) {
                line.append(" | last: ").append(fold(alert.lastMessage()));
            }
            return line.append(" | incident=").append(alert.incidentId().isEmpty() ? "-" : fold(alert.incidentId()))
                    .append(" alert=").append(fold(alert.id()))
                    .toString();
        }
    },
    JSON {
        @Override
        String text(Alert alert) {
            JsonArrayBuilder groups = FACTORY.createArrayBuilder();
            alert.groups().forEach(groups::add);
            return FACTORY.createObjectBuilder()
                    .add("occurred_at", DateTimeFormatter.ISO_INSTANT.format(alert.occurredAt()))
                    .add("alert_id", alert.id())
                    .add("monitor", alert.monitor())
                    .add("colour", alert.colour().key())
                    .add("status", alert.status())
                    .add("severity", alert.severity())
                    .add("title", alert.title())
                    .add("summary", alert.summary())
                    .add("action", alert.action())
                    .add("incident_id", alert.incidentId())
                    .add("last_message", alert.lastMessage())
                    .add("groups", groups)
                    .build()
                    .toString();
        }
    };

    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());

    /**
     * The line without its newline.
     *
     * @param alert the code
     * @return one line of text
     */
    abstract String text(Alert alert);

    /**
     * The line as UTF-8 bytes, newline included: what {@link LogFile#append} writes at once.
     *
     * @param alert the code
     * @return the bytes
     */
    byte[] line(Alert alert) {
        return (text(alert) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String fold(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : value.replaceAll("[\\r\\n]+", " ");
    }
}
