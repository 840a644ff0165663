package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * An incident. Immutable.
 *
 * @param id       its id, unique and increasing
 * @param monitor  the monitor's name
 * @param openedAt when it opened
 * @param closedAt when it closed (green), or {@code null} while open
 * @param cause    the failure that opened it
 */
public record IncidentRecord(long id, String monitor, Instant openedAt, Instant closedAt, String cause) {

    /** Checks that nothing is missing. */
    public IncidentRecord {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(cause, "cause");
    }

    /** @return true while it is open */
    public boolean open() {
        return closedAt == null;
    }
}
