package io.cpra.core.engine;

import io.cpra.plugin.api.Alert;

import java.util.Objects;

/**
 * A code that was raised but not delivered before the process stopped; a restart delivers it
 * again with the same alert id. Immutable.
 *
 * @param alert    the alert as it was rendered
 * @param attempts delivery jobs already made
 */
public record PendingCode(Alert alert, int attempts) {

    /** Checks that the alert is there. */
    public PendingCode {
        Objects.requireNonNull(alert, "alert");
    }
}
