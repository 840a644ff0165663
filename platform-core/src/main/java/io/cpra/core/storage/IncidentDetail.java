package io.cpra.core.storage;

import java.util.List;
import java.util.Objects;

/**
 * An incident with its timeline: what led to it, the interventions and their outcomes, the
 * codes and their deliveries, oldest first. Immutable.
 *
 * @param incident the incident
 * @param timeline its entries
 */
public record IncidentDetail(IncidentRecord incident, List<EventRecord> timeline) {

    /** Copies the list. */
    public IncidentDetail {
        Objects.requireNonNull(incident, "incident");
        timeline = List.copyOf(timeline);
    }
}
