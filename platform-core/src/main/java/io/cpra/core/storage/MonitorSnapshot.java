package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A monitor's lifecycle state as of its last stage change, so a restart resumes it with its
 * incident. The engine's columns, stored as they are. Immutable.
 *
 * @param name                the monitor's name
 * @param stage               the stage's name, such as {@code INCIDENT}
 * @param consecutiveFailures failed checks in a row
 * @param successStreak       passing checks in a row
 * @param attempts            the episode's intervention attempt
 * @param verifyRemaining     verification checks still to pass
 * @param incidentSeq         the monitor's incident counter
 * @param lifecycleFlags      the lifecycle's flag bits
 * @param incidentId          the open incident's id, or 0
 * @param updatedAt           when the stage changed
 */
public record MonitorSnapshot(String name, String stage, int consecutiveFailures, int successStreak, int attempts,
                              int verifyRemaining, int incidentSeq, int lifecycleFlags, long incidentId,
                              Instant updatedAt) {

    /** Checks that nothing is missing. */
    public MonitorSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
