package io.cpra.core.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The open incidents: which monitor (row) has which, and when each opened, for green's
 * "healthy again after ..." and the summary's count. Kept here rather than in a column because
 * few monitors have one at a time: a million monitors would otherwise carry eight bytes each
 * for a number that is nearly always zero. Engine thread only.
 */
final class OpenIncidents {

    private final Map<Integer, Long> byRow = new HashMap<>();
    private final Map<Long, Instant> openedAt = new HashMap<>();

    /** The row's open incident, or 0 when it has none. */
    long of(int row) {
        Long id = byRow.get(row);
        return id == null ? 0 : id;
    }

    /** The row's incident opened (or was put back at a restart). */
    void open(int row, long id, Instant at) {
        Long previous = byRow.put(row, id);
        if (previous != null) {
            openedAt.remove(previous);
        }
        openedAt.put(id, at);
    }

    /** The row's incident closed, or its monitor went away; returns when it opened, or null. */
    Instant close(int row) {
        Long id = byRow.remove(row);
        return id == null ? null : openedAt.remove(id);
    }

    Instant openedAt(long id) {
        return openedAt.get(id);
    }

    int size() {
        return openedAt.size();
    }
}
