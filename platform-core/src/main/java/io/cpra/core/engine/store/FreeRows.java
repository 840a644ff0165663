package io.cpra.core.engine.store;

import java.util.Arrays;

/**
 * The stack of removed rows waiting for reuse. Last in, first out, so a reused row is one
 * whose pages are likely still in cache.
 *
 * <p>Paged like the columns, and pages are allocated only as deep as the stack has ever been:
 * a store that never removes anything spends nothing here, and a mass removal allocates one
 * page per {@link EntityStore#PAGE_ROWS} rows instead of copying a growing array.
 */
final class FreeRows {

    private int[][] pages = new int[Column.INITIAL_PAGES][];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void push(int row) {
        int page = size >>> Column.SHIFT;
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, Column.directoryLength(pages.length, page));
        }
        if (pages[page] == null) {
            pages[page] = new int[EntityStore.PAGE_ROWS];
        }
        pages[page][size & Column.MASK] = row;
        size++;
    }

    int pop() {
        size--;
        return pages[size >>> Column.SHIFT][size & Column.MASK];
    }
}
