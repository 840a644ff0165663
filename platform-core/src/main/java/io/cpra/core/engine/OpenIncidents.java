package io.cpra.core.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When each open incident opened, for green's "healthy again after ..." and the summary's
 * count of open incidents. Engine thread only.
 */
final class OpenIncidents {

    private final Map<Long, Instant> openedAt = new HashMap<>();

    void opened(long id, Instant at) {
        openedAt.put(id, at);
    }

    /** The incident closed or its monitor went away; returns when it opened, or null. */
    Instant closed(long id) {
        return openedAt.remove(id);
    }

    Instant openedAt(long id) {
        return openedAt.get(id);
    }

    int size() {
        return openedAt.size();
    }
}
