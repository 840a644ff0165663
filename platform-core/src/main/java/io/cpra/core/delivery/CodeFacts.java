package io.cpra.core.delivery;

import io.cpra.plugin.api.Colour;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows when a monitor raises a code; {@link AlertTemplates} turns it into
 * the texts of an {@link io.cpra.plugin.api.Alert}. Immutable.
 *
 * @param alertId          the code's unique id, the same on every redelivery
 * @param monitor          the monitor's name
 * @param colour           the code's colour
 * @param occurredAt       when the monitor changed colour
 * @param incidentId       the open incident's id, or an empty string
 * @param lastMessage      the latest pulse outcome's message, or an empty string
 * @param groups           the monitor's groups
 * @param pulseType        the monitor's pulse type, such as {@code http}
 * @param failures         consecutive failed pulses when the code was raised
 * @param action           the intervention's type, or an empty string when none is configured
 * @param attempt          the intervention attempt the code is about, or 0
 * @param maxAttempts      the intervention attempts allowed, or 0
 * @param verifyPulses     passing pulses needed to verify an intervention, or 0
 * @param incidentDuration how long the incident lasted, for green; {@link Duration#ZERO} otherwise
 * @param maintenanceUntil when maintenance ends, for gray; {@code null} when open-ended
 */
public record CodeFacts(String alertId,
                        String monitor,
                        Colour colour,
                        Instant occurredAt,
                        String incidentId,
                        String lastMessage,
                        List<String> groups,
                        String pulseType,
                        int failures,
                        String action,
                        int attempt,
                        int maxAttempts,
                        int verifyPulses,
                        Duration incidentDuration,
                        Instant maintenanceUntil) {

    /** Checks that required components are present. */
    public CodeFacts {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(lastMessage, "lastMessage");
        groups = List.copyOf(groups);
        Objects.requireNonNull(pulseType, "pulseType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(incidentDuration, "incidentDuration");
    }
}
