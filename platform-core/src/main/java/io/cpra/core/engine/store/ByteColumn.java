package io.cpra.core.engine.store;

import java.util.Arrays;

/**
 * A {@code byte} value per row of an {@link EntityStore}. Rows start at {@code 0}.
 *
 * <p><b>Engine thread only</b>, like the store; with assertions on, reading or writing a row
 * that is not live, or from another thread, fails fast.
 */
public final class ByteColumn extends Column {

    private byte[][] pages = new byte[INITIAL_PAGES][];

    ByteColumn(EntityStore<?, ?> store) {
        super(store);
    }

    /**
     * Reads a row.
     *
     * @param row a live row
     * @return its value
     */
    public byte get(int row) {
        assert store.accessible(row);
        return pages[row >>> SHIFT][row & MASK];
    }

    /**
     * Writes a row.
     *
     * @param row   a live row
     * @param value the new value
     */
    public void set(int row, byte value) {
        assert store.accessible(row);
        pages[row >>> SHIFT][row & MASK] = value;
    }

    /**
     * Whether all of {@code bits} are set in a row, for bitset columns such as
     * {@link EntityStore#flags()}.
     *
     * @param row  a live row
     * @param bits the bits to test
     * @return true when every bit in {@code bits} is set
     */
    public boolean has(int row, int bits) {
        return (get(row) & bits) == bits;
    }

    /**
     * Whether any of {@code bits} is set in a row.
     *
     * @param row  a live row
     * @param bits the bits to test
     * @return true when at least one bit in {@code bits} is set
     */
    public boolean hasAny(int row, int bits) {
        return (get(row) & bits) != 0;
    }

    /**
     * Sets {@code bits} in a row, leaving the others as they are.
     *
     * @param row  a live row
     * @param bits the bits to set
     */
    public void raise(int row, int bits) {
        set(row, (byte) (get(row) | bits));
    }

    /**
     * Clears {@code bits} in a row, leaving the others as they are.
     *
     * @param row  a live row
     * @param bits the bits to clear
     */
    public void lower(int row, int bits) {
        set(row, (byte) (get(row) & ~bits));
    }

    @Override
    void addPage(int page) {
        if (page >= pages.length) {
            pages = Arrays.copyOf(pages, directoryLength(pages.length, page));
        }
        pages[page] = new byte[EntityStore.PAGE_ROWS];
    }

    @Override
    void clear(int row) {
        pages[row >>> SHIFT][row & MASK] = 0;
    }
}
