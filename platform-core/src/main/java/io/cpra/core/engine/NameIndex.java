package io.cpra.core.engine;

import java.util.function.IntFunction;

/**
 * Finds a monitor's row by name: an open-addressing hash table of row numbers that keeps no
 * names of its own (it reads them from the store), so it costs about 8 bytes per monitor
 * instead of the ~60 of a {@code HashMap<String, Integer>} entry. Linear probing; removal
 * shifts the following run back, so no tombstones accumulate. Engine thread only.
 */
final class NameIndex {

    private final IntFunction<String> nameOfRow;
    /** Row + 1 per slot; 0 is empty. */
    private int[] slots = new int[1024];
    private int size;

    NameIndex(IntFunction<String> nameOfRow) {
        this.nameOfRow = nameOfRow;
    }

    int size() {
        return size;
    }

    /** The row holding {@code name}, or -1. */
    int find(String name) {
        int mask = slots.length - 1;
        for (int i = spread(name.hashCode()) & mask; ; i = (i + 1) & mask) {
            int entry = slots[i];
            if (entry == 0) {
                return -1;
            }
            if (nameOfRow.apply(entry - 1).equals(name)) {
                return entry - 1;
            }
        }
    }

    /** Adds a row under its name, which must not be present yet. */
    void add(String name, int row) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        insert(name.hashCode(), row);
        size++;
    }

    /** Removes a name; false when it was not present. */
    boolean remove(String name) {
        int mask = slots.length - 1;
        int i = spread(name.hashCode()) & mask;
        while (true) {
            int entry = slots[i];
            if (entry == 0) {
                return false;
            }
            if (nameOfRow.apply(entry - 1).equals(name)) {
                break;
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion: move later members of the run into the hole when their
        // home slot does not lie (cyclically) between the hole and themselves
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = spread(nameOfRow.apply(slots[j] - 1).hashCode()) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        return true;
    }

    private void insert(int hash, int row) {
        int mask = slots.length - 1;
        int i = spread(hash) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = row + 1;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        for (int entry : old) {
            if (entry != 0) {
                insert(nameOfRow.apply(entry - 1).hashCode(), entry - 1);
            }
        }
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
