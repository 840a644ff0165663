package io.cpra.core.storage;

import java.time.Instant;

/**
 * Which events to list; {@code null} fields match everything. Immutable.
 *
 * @param monitor the monitor's name
 * @param kind    the event kind
 * @param colour  the colour
 * @param since   only events at or after this time
 */
public record EventQuery(String monitor, String kind, String colour, Instant since) {

    /** Every event. */
    public static final EventQuery ALL = new EventQuery(null, null, null, null);
}
