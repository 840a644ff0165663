package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of the history. Immutable.
 *
 * @param seq        its sequence number, assigned by the store when written (0 before); increasing
 * @param at         when it happened
 * @param monitor    the monitor's name
 * @param kind       {@code stage_changed}, {@code incident_opened}, {@code incident_closed},
 *                   {@code code_raised}, {@code code_suppressed}, {@code delivery},
 *                   {@code intervention_started}, {@code intervention_finished}, {@code monitor_changed}
 * @param colour     the code's colour for code and delivery events, else {@code null}
 * @param incidentId the incident it belongs to, or 0; timelines are the events of one incident
 * @param detail     the event's fields as a JSON object
 */
public record EventRecord(long seq, Instant at, String monitor, String kind, String colour, long incidentId,
                          String detail) {

    /** Checks that nothing is missing. */
    public EventRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
