package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A code to deliver, kept until it is delivered or dead-lettered, so that a crash loses none:
 * after a restart every PENDING entry is delivered again with the same alert id. Immutable.
 *
 * @param alertId       the code's id; receivers de-duplicate with it
 * @param monitor       the monitor's name
 * @param colour        the colour's key, such as {@code red}
 * @param notifier      the code plugin's type
 * @param alert         the alert's fields as a JSON object (title, summary, action, incident, times, groups)
 * @param state         where it stands
 * @param attempts      delivery jobs made so far
 * @param nextAttemptAt when to try again, or {@code null}
 * @param lastError     the last failure, or {@code null}
 * @param createdAt     when the code was raised
 * @param updatedAt     when the entry last changed
 */
public record OutboxEntry(String alertId, String monitor, String colour, String notifier, String alert, State state,
                          int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt) {

    /** Where an entry stands. */
    public enum State {
        /** Still to deliver. */
        PENDING,
        /** The receiver accepted it. */
        DELIVERED,
        /** Given up on: rejected, or out of attempts. */
        DEAD
    }

    /** Checks that nothing is missing. */
    public OutboxEntry {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
