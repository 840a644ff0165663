package io.cpra.core.storage;

/**
 * Which incidents to list; {@code null} fields match everything. Immutable.
 *
 * @param monitor the monitor's name
 * @param open    true for open only, false for closed only
 */
public record IncidentQuery(String monitor, Boolean open) {

    /** Every incident. */
    public static final IncidentQuery ALL = new IncidentQuery(null, null);
}
