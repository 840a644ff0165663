package io.cpra.core.engine;

import io.cpra.plugin.api.Intervention;

import java.util.Objects;

/**
 * A monitor's remediation. Immutable.
 *
 * @param type         the intervention plugin's type ({@code action})
 * @param intervention the prepared instance
 * @param timeoutNanos deadline of one attempt, positive
 * @param maxAttempts  attempts per incident, at least 1
 */
public record InterventionSpec(String type, Intervention intervention, long timeoutNanos, int maxAttempts) {

    /** Checks the ranges. */
    public InterventionSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(intervention, "intervention");
        if (timeoutNanos <= 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("need a positive timeout and at least one attempt");
        }
    }
}
