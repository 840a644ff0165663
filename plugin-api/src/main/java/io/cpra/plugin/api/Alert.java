package io.cpra.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One code to deliver: a monitor changed colour. The platform renders the texts from the
 * colour's template before handing the alert to a {@link Notifier}. Immutable.
 *
 * @param id          unique id of this code; the same on every redelivery, so receivers can de-duplicate
 * @param monitor     the monitor's name
 * @param colour      the code's colour
 * @param title       a headline, such as {@code "[CRITICAL] checkout-api"}
 * @param summary     what happened, in a sentence or two
 * @param action      what the reader is advised to do, or an empty string
 * @param incidentId  the incident this code belongs to, or an empty string; PagerDuty's {@code dedup_key}
 * @param occurredAt  when the monitor changed colour
 * @param lastMessage the message of the latest pulse outcome, or an empty string
 * @param groups      the monitor's groups, possibly empty
 */
public record Alert(String id,
                    String monitor,
                    Colour colour,
                    String title,
                    String summary,
                    String action,
                    String incidentId,
                    Instant occurredAt,
                    String lastMessage,
                    List<String> groups) {

    /**
     * Creates an alert.
     *
     * @throws NullPointerException when a component is null
     */
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(lastMessage, "lastMessage");
        groups = List.copyOf(groups);
    }

    /**
     * The colour's status word.
     *
     * @return {@code colour().status()}
     */
    public String status() {
        return colour.status();
    }

    /**
     * The colour's severity.
     *
     * @return {@code colour().severity()}
     */
    public String severity() {
        return colour.severity();
    }
}
