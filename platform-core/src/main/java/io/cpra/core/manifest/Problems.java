package io.cpra.core.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one load, in the order found, kept up to a bound and counted beyond it.
 * Confined to the thread that validates (the caller's); not thread-safe.
 */
final class Problems {

    private final int max;
    private final List<ManifestError> kept = new ArrayList<>();
    private long total;

    Problems(int max) {
        this.max = max;
    }

    void add(ManifestError error) {
        total++;
        if (kept.size() < max) {
            kept.add(error);
        }
    }

    long total() {
        return total;
    }

    boolean isEmpty() {
        return total == 0;
    }

    List<ManifestError> kept() {
        return List.copyOf(kept);
    }
}
