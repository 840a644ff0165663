package io.cpra.core.engine;

import java.util.List;

/**
 * What one stretch of rows holds for a sorted listing: its first matches in the order, each
 * with its key. A listing merges the chunks of every stretch and keeps the first of all.
 * Immutable.
 *
 * @param best the first matches of the stretch after the cursor, in order, at most the limit asked
 * @param next the first row of the next stretch, or -1 when every row has been looked at
 */
public record SortedChunk(List<Entry> best, int next) {

    /** Copies the list. */
    public SortedChunk {
        best = List.copyOf(best);
    }

    /**
     * One match.
     *
     * @param key  its place in the order
     * @param view the monitor
     */
    public record Entry(MonitorSort.Key key, MonitorView view) {
    }
}
