package io.cpra.core.engine.store;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Row bookkeeping behind {@link EntityStore}: the generation of every row, the free rows, and
 * page allocation for every registered column.
 *
 * <p>Invariants: rows {@code [0, bound)} have been handed out at least once; a row is live iff
 * its generation is odd; {@code size} counts live rows; every free row is on the free stack
 * exactly once; {@code pages * PAGE_ROWS >= bound}, and every column has the same pages.
 */
final class Rows {

    private final int maxRows;
    private final Column[] columns;
    private final FreeRows free = new FreeRows();
    private int[][] generations = new int[Column.INITIAL_PAGES][];
    private int pages;
    private int bound;
    private int size;

    Rows(int maxRows, Column[] columns) {
        this.maxRows = maxRows;
        this.columns = columns;
    }

    int generation(int row) {
        return generations[row >>> Column.SHIFT][row & Column.MASK];
    }

    boolean isLive(int row) {
        return row >= 0 && row < bound && (generation(row) & 1) != 0;
    }

    int bound() {
        return bound;
    }

    int size() {
        return size;
    }

    int pages() {
        return pages;
    }

    void ensureRoom(int count) {
        if ((long) size + count > maxRows) {
            throw new IllegalStateException("entity store full: " + size + " rows of at most "
                    + maxRows + ", cannot add " + count);
        }
    }

    /** Takes a free or fresh row and makes it live; the caller checked {@link #ensureRoom}. */
    int allocate() {
        int row;
        if (!free.isEmpty()) {
            row = free.pop();
        } else {
            row = bound;
            if ((row >>> Column.SHIFT) == pages) {
                addPage();
            }
            bound++;
        }
        generations[row >>> Column.SHIFT][row & Column.MASK]++;
        size++;
        return row;
    }

    /** Resets a live row's columns and frees it; its generation turns even. */
    void release(int row) {
        for (Column column : columns) {
            column.clear(row);
        }
        generations[row >>> Column.SHIFT][row & Column.MASK]++;
        free.push(row);
        size--;
    }

    /** Visits the live rows in {@code [from, end)} page by page and counts them. */
    int visit(int from, int end, IntConsumer action) {
        int row = from;
        int visited = 0;
        while (row < end) {
            int[] page = generations[row >>> Column.SHIFT];
            int pageEnd = (int) Math.min(end, (long) ((row >>> Column.SHIFT) + 1) << Column.SHIFT);
            for (; row < pageEnd; row++) {
                // read the page on every row: the action may remove rows ahead of us
                if ((page[row & Column.MASK] & 1) != 0) {
                    visited++;
                    action.accept(row);
                }
            }
        }
        return visited;
    }

    private void addPage() {
        int page = pages;
        if (page >= generations.length) {
            generations = Arrays.copyOf(generations, Column.directoryLength(generations.length, page));
        }
        generations[page] = new int[EntityStore.PAGE_ROWS];
        for (Column column : columns) {
            column.addPage(page);
        }
        pages++;
    }
}
