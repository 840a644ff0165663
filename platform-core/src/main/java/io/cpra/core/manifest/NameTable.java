package io.cpra.core.manifest;

/**
 * The monitor names seen so far and where each was first defined, for duplicate detection over
 * a million names without a boxed map entry per name: open addressing over parallel arrays.
 * Not thread-safe; used by the reading thread only.
 */
final class NameTable {

    private String[] names = new String[1024];
    private long[] positions = new long[1024];
    private int size;

    /**
     * Records a name unless it is already there.
     *
     * @return -1 when the name is new, else the first definition's position packed by {@link #pack}
     */
    long putIfAbsent(String name, int line, int column) {
        if (size * 2 >= names.length) {
            grow();
        }
        int mask = names.length - 1;
        int i = mix(name.hashCode()) & mask;
        while (names[i] != null) {
            if (names[i].equals(name)) {
                return positions[i];
            }
            i = (i + 1) & mask;
        }
        names[i] = name;
        positions[i] = pack(line, column);
        size++;
        return -1;
    }

    /** @return whether the name was recorded */
    boolean contains(String name) {
        int mask = names.length - 1;
        int i = mix(name.hashCode()) & mask;
        while (names[i] != null) {
            if (names[i].equals(name)) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** @return the names recorded, in no particular order; for "did you mean" on an error only */
    java.util.List<String> names() {
        java.util.List<String> all = new java.util.ArrayList<>(size);
        for (String name : names) {
            if (name != null) {
                all.add(name);
            }
        }
        return all;
    }

    static long pack(int line, int column) {
        return ((long) line << 32) | (column & 0xFFFF_FFFFL);
    }

    static int line(long packed) {
        return (int) (packed >>> 32);
    }

    static int column(long packed) {
        return (int) packed;
    }

    private void grow() {
        String[] oldNames = names;
        long[] oldPositions = positions;
        names = new String[oldNames.length * 2];
        positions = new long[oldNames.length * 2];
        int mask = names.length - 1;
        for (int j = 0; j < oldNames.length; j++) {
            if (oldNames[j] != null) {
                int i = mix(oldNames[j].hashCode()) & mask;
                while (names[i] != null) {
                    i = (i + 1) & mask;
                }
                names[i] = oldNames[j];
                positions[i] = oldPositions[j];
            }
        }
    }

    private static int mix(int h) {
        // spread String.hashCode's low bits, which are weak for names that differ in a suffix
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
