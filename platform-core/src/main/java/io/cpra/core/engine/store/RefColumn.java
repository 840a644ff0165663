package io.cpra.core.engine.store;

import java.util.Arrays;

/**
 * A reference per row of an {@link EntityStore}. Rows start at {@code null}, and a removed
 * row drops its reference so the object can be collected.
 *
 * <p><b>Engine thread only</b>, like the store; with assertions on, reading or writing a row
 * that is not live, or from another thread, fails fast.
 *
 * @param <T> the type of the values
 */
public final class RefColumn<T> extends Column {

    private Object[][] pages = new Object[INITIAL_PAGES][];

    RefColumn(EntityStore<?, ?> store) {
        super(store);
    }

    /**
     * Reads a row.
     *
     * @param row a live row
     * @return its value, or null when never set
     */
    @SuppressWarnings("unchecked") // only set(int, T) writes here
    public T get(int row) {
        assert store.accessible(row);
        return (T) pages[row >>> SHIFT][row & MASK];
    }

    /**
     * Writes a row.
     *
     * @param row   a live row
     * @param value the new value, or null
     */
    public void set(int row, T value) {
        assert store.accessible(row);
        pages[row >>> SHIFT][row & MASK] = value;
    }

    @Override
    void addPage(int page) {
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, directoryLength(pages.length, page));
        }
        pages[page] = new Object[EntityStore.PAGE_ROWS];
    }

    @Override
    void clear(int row) {
        pages[row >>> SHIFT][row & MASK] = null;
    }
}
