package io.cpra.core.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A monitor created or replaced through the API: its definition as JSON, exactly the map the
 * API accepted (the same keys as a manifest entry). Immutable.
 *
 * @param name       the monitor's name, unique
 * @param definition the definition as a JSON object
 * @param updatedAt  when it was last created or replaced
 */
public record StoredMonitor(String name, String definition, Instant updatedAt) {

    /** Checks that nothing is missing. */
    public StoredMonitor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
