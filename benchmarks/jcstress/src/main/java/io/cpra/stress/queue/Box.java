package io.cpra.stress.queue;

/**
 * An element whose fields are plain and written after construction, so a consumer that got it
 * without a happens-before edge from the producer could see them still zero.
 */
final class Box {
    int id;
    int shadow;

    static Box of(int id) {
        Box b = new Box();
        b.id = id;
        b.shadow = -id;
        return b;
    }

    /** Whether both fields show what the producer wrote. */
    boolean complete() {
        return id > 0 && shadow == -id;
    }
}
