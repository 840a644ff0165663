package io.cpra.core.engine.store;

import java.util.Arrays;

/**
 * A {@code long} value per row of an {@link EntityStore}. Rows start at {@code 0}.
 *
 * <p><b>Engine thread only</b>, like the store; with assertions on, reading or writing a row
 * that is not live, or from another thread, fails fast.
 */
public final class LongColumn extends Column {

    private long[][] pages = new long[INITIAL_PAGES][];

    LongColumn(EntityStore<?, ?> store) {
        super(store);
    }

    /**
     * Reads a row.
     *
     * @param row a live row
     * @return its value
     */
    public long get(int row) {
        assert store.accessible(row);
        return pages[row >>> SHIFT][row & MASK];
    }

    /**
     * Writes a row.
     *
     * @param row   a live row
     * @param value the new value
     */
    public void set(int row, long value) {
        assert store.accessible(row);
        pages[row >>> SHIFT][row & MASK] = value;
    }

    @Override
    void addPage(int page) {
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, directoryLength(pages.length, page));
        }
        pages[page] = new long[EntityStore.PAGE_ROWS];
    }

    @Override
    void clear(int row) {
        pages[row >>> SHIFT][row & MASK] = 0;
    }
}
