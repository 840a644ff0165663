package io.cpra.core.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The ends of maintenance windows that end by themselves: per row, the end on the engine's
 * clock (to match the timer that ends it) and on the wall clock (to show and to tell in the
 * gray code). Engine thread only.
 */
final class MaintenanceWindows {

    private final Map<Integer, Long> ends = new HashMap<>();
    private final Map<Integer, Instant> endsWall = new HashMap<>();

    void endAt(int row, long endNanos, Instant endWall) {
        ends.put(row, endNanos);
        endsWall.put(row, endWall);
    }

    /** Whether the window of {@code row} still ends at {@code endNanos}: a timer for it is current. */
    boolean endsAt(int row, long endNanos) {
        Long current = ends.get(row);
        return current != null && current == endNanos;
    }

    void forget(int row) {
        ends.remove(row);
        endsWall.remove(row);
    }

    /** When the row's window ends, or null when it has none (or no end). */
    Instant until(int row) {
        return endsWall.get(row);
    }
}
