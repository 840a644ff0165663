package io.cpra.core.engine.store;

import java.util.Arrays;

/**
 * A {@code int} value per row of an {@link EntityStore}. Rows start at {@code 0}.
 *
 * <p><b>Engine thread only</b>, like the store; with assertions on, reading or writing a row
 * that is not live, or from another thread, fails fast.
 */
public final class IntColumn extends Column {

    private int[][] pages = new int[INITIAL_PAGES][];

    IntColumn(EntityStore<?, ?> store) {
        super(store);
    }

    /**
     * Reads a row.
     *
     * @param row a live row
     * @return its value
     */
    public int get(int row) {
        assert store.accessible(row);
        return pages[row >>> SHIFT][row & MASK];
    }

    /**
     * Writes a row.
     *
     * @param row   a live row
     * @param value the new value
     */
    public void set(int row, int value) {
        assert store.accessible(row);
        pages[row >>> SHIFT][row & MASK] = value;
    }

    /**
     * Adds one to a row, saturating at {@link Integer#MAX_VALUE} instead of wrapping, so a
     * counter such as consecutive failures never turns negative.
     *
     * @param row a live row
     * @return the new value
     */
    public int increment(int row) {
        int value = get(row);
        if (value != Integer.MAX_VALUE) {
            value++;
            set(row, value);
        }
        return value;
    }

    @Override
    void addPage(int page) {
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, directoryLength(pages.length, page));
        }
        pages[page] = new int[EntityStore.PAGE_ROWS];
    }

    @Override
    void clear(int row) {
        pages[row >>> SHIFT][row & MASK] = 0;
    }
}
