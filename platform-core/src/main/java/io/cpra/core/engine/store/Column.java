package io.cpra.core.engine.store;

/**
 * One column of the {@link EntityStore}: a primitive or reference value per row, kept in
 * pages of {@link EntityStore#PAGE_ROWS} so that growth allocates one page per column and
 * copies only the small page directory.
 *
 * <p>The store calls {@link #addPage} when its rows reach a new page and {@link #clear} when
 * a row is removed, so a reused row starts from the column's zero value.
 */
abstract sealed class Column permits ByteColumn, ShortColumn, IntColumn, LongColumn, RefColumn {

    static final int SHIFT = EntityStore.PAGE_SHIFT;
    static final int MASK = EntityStore.PAGE_ROWS - 1;
    static final int INITIAL_PAGES = 4;

    final EntityStore<?, ?> store;

    Column(EntityStore<?, ?> store) {
        this.store = store;
    }

    /** Allocates page {@code page}, the next one, growing the page directory when full. */
    abstract void addPage(int page);

    /** Resets {@code row} to the zero value (null for references). */
    abstract void clear(int row);

    static int directoryLength(int length, int page) {
        return Math.max(page + 1, length * 2);
    }
}
