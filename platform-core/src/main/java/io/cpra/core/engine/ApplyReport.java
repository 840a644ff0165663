package io.cpra.core.engine;

import java.util.List;

/**
 * What applying a set of monitors changed. Immutable.
 *
 * @param added     names added
 * @param changed   names whose definition changed; they keep their lifecycle state
 * @param unchanged how many kept everything, schedule included
 * @param removed   names removed
 */
public record ApplyReport(List<String> added, List<String> changed, long unchanged, List<String> removed) {

    /** Copies the lists. */
    public ApplyReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    @Override
    public String toString() {
        return added.size() + " added, " + changed.size() + " changed, " + unchanged + " unchanged, "
                + removed.size() + " removed";
    }
}
