package io.cpra.plugins.email;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.PluginConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail a code becomes: the subject from the block's template, a plain-text UTF-8 body
 * listing every alert field, and headers that let mail systems and people handle it as the
 * automated, de-duplicable message it is ({@code Message-ID} built from the alert id, so a
 * redelivery is the same message; {@code Auto-Submitted: auto-generated};
 * {@code X-Cpra-Alert-Id}; {@code X-Cpra-Monitor}).
 */
final class MailText {

    private MailText() {
    }

    static MimeMessage message(Session session, Alert alert, EmailNotifier.Settings settings) throws MessagingException {
        String messageId = "<" + alert.id().replaceAll("[^A-Za-z0-9._-]", "_") + "@cpra>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(settings.from()));
        List<InternetAddress> to = new ArrayList<>();
        for (String address : settings.to()) {
            to.add(new InternetAddress(address));
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(settings.subject().render(alert), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(alert.occurredAt()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Cpra-Alert-Id", alert.id());
        message.setHeader("X-Cpra-Monitor", alert.monitor());
        message.setText(body(alert), StandardCharsets.UTF_8.name());
        return message;
    }

    /**
     * The body: title, summary, a field list, the advised action and the alert id. Fields with
     * no value are left out.
     *
     * @param alert the code
     * @return the text, lines ending in {@code \n}
     */
    static String body(Alert alert) {
        StringBuilder body = new StringBuilder(512).append(alert.title()).append("\n\n");
        if (!alert.summary().isEmpty()) {
            body.append(alert.summary()).append("\n\n");
        }
        field(body, "Monitor", alert.monitor());
        field(body, "Status", alert.status() + " (" + alert.colour().key() + ")");
        field(body, "Severity", alert.severity());
        field(body, "Incident", alert.incidentId());
        field(body, "Occurred at", DateTimeFormatter.ISO_INSTANT.format(alert.occurredAt()));
        field(body, "Last check", alert.lastMessage());
        field(body, "Groups", String.join(", ", alert.groups()));
        if (!alert.action().isEmpty()) {
            body.append("\nWhat to do: ").append(alert.action()).append('\n');
        }
        return body.append("\n-- \ncpra alert ").append(alert.id()).append('\n').toString();
    }

    private static void field(StringBuilder body, String name, String value) {
        if (!value.isEmpty()) {
            body.append(String.format("%-12s %s\n", name + ":", value));
        }
    }

    /**
     * A subject template compiled at load time. Placeholders: {@code ${monitor}},
     * {@code ${colour}}, {@code ${status}}, {@code ${severity}}, {@code ${title}},
     * {@code ${incident_id}}; {@code $$} writes {@code $}. Line breaks in values become spaces.
     * Immutable, with value equality.
     */
    static final class Subject {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}|\\$\\$");
        private static final Map<String, Function<Alert, String>> FIELDS = Map.of(
                "monitor", Alert::monitor,
                "colour", alert -> alert.colour().key(),
                "status", Alert::status,
                "severity", Alert::severity,
                "title", Alert::title,
                "incident_id", Alert::incidentId);

        // literal text and field names alternate, starting and ending with a literal
        private final List<String> parts;

        private Subject(List<String> parts) {
            this.parts = parts;
        }

        static Subject compile(PluginConfig config, String key, String template) {
            List<String> parts = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            Matcher matcher = PLACEHOLDER.matcher(template);
            int at = 0;
            while (matcher.find()) {
                literal.append(template, at, matcher.start());
                at = matcher.end();
                if (matcher.group(1) == null) {
                    literal.append('$');
                    continue;
                }
                String field = matcher.group(1).strip();
                if (!FIELDS.containsKey(field)) {
                    throw config.error(key, "unknown placeholder ${" + field + "}; known: ${monitor}, ${colour}, ${status}, "
                            + "${severity}, ${title}, ${incident_id}");
                }
                parts.add(literal.toString());
                parts.add(field);
                literal.setLength(0);
            }
            parts.add(literal.append(template, at, template.length()).toString());
            return new Subject(List.copyOf(parts));
        }

        String render(Alert alert) {
            StringBuilder subject = new StringBuilder(parts.get(0));
            for (int i = 1; i < parts.size(); i += 2) {
                subject.append(FIELDS.get(parts.get(i)).apply(alert)).append(parts.get(i + 1));
            }
            return subject.toString().replaceAll("[\\r\\n]+", " ").strip();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Subject that && parts.equals(that.parts);
        }

        @Override
        public int hashCode() {
            return parts.hashCode();
        }

        @Override
        public String toString() {
            return String.join("", parts);
        }
    }
}
