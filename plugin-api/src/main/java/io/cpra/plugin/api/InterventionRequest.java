package io.cpra.plugin.api;

import java.util.Objects;

/**
 * What the platform tells an {@link Intervention} about the attempt it asks for. Immutable.
 *
 * @param monitor     the monitor's name
 * @param attempt     this attempt's number, starting at 1
 * @param maxAttempts how many attempts the manifest allows
 * @param lastError   the message of the pulse outcome that led here; never null
 * @param incidentId  the open incident's id, or an empty string when none is open
 */
public record InterventionRequest(String monitor, int attempt, int maxAttempts, String lastError, String incidentId) {

    /**
     * Creates a request.
     *
     * @throws NullPointerException     when a string is null
     * @throws IllegalArgumentException when {@code attempt} is not within {@code 1..maxAttempts}
     */
    public InterventionRequest {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(incidentId, "incidentId");
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is outside 1.." + maxAttempts);
        }
    }
}
