package io.cpra.core.engine.schedule;

import java.util.Arrays;

/**
 * Intrusive doubly-linked lists of int ids, one list per bucket, kept in paged per-id records
 * so that a million ids cost 16 bytes each and no object. Linking, unlinking and moving a
 * whole list are O(1).
 *
 * <p>An id's record is two adjacent longs, so one cache line serves it: its due time, and its
 * links packed as {@code next << 32 | prev}. A link {@code >= 0} is a neighbour id;
 * {@link #NONE} in {@code prev} means the id is in no list; a link {@code <= -2} marks the end
 * of the list of bucket {@code -2 - link}. Keeping the bucket at both ends lets
 * {@link #unlink} fix the bucket's head and tail without searching. Each bucket also has a
 * bit in {@code occupied} that is set exactly while its list is non-empty, and a
 * {@link #count} that bounds its length from above.
 */
final class Links {

    static final int NONE = -1;
    static final int PAGE_SHIFT = 14;
    static final int PAGE_IDS = 1 << PAGE_SHIFT;
    private static final int MASK = PAGE_IDS - 1;
    private static final long UNLINKED = -1L; // next and prev both NONE
    private static final long LOW = 0xFFFF_FFFFL;

    private long[][] records = new long[4][];
    private int pages;
    private int[] head = new int[0];
    private int[] tail = new int[0];
    private int[] count = new int[0];
    private final long[] occupied;

    /**
     * @param maxBuckets the most buckets that {@link #ensureBuckets} may ever be asked for
     */
    Links(int maxBuckets) {
        occupied = new long[(maxBuckets + 63) >>> 6];
    }

    /** Makes buckets {@code [0, buckets)} usable; bucket arrays grow lazily and stay small. */
    void ensureBuckets(int buckets) {
        int old = head.length;
        if (buckets > old) {
            head = Arrays.copyOf(head, buckets);
            tail = Arrays.copyOf(tail, buckets);
            count = Arrays.copyOf(count, buckets);
            Arrays.fill(head, old, buckets, NONE);
            Arrays.fill(tail, old, buckets, NONE);
        }
    }

    /** Makes ids {@code [0, bound)} usable, one page at a time. */
    void ensureIds(long bound) {
        while ((long) pages << PAGE_SHIFT < bound) {
            if (pages == records.length) {
                records = Arrays.copyOf(records, records.length * 2);
            }
            long[] page = new long[2 * PAGE_IDS];
            Arrays.fill(page, UNLINKED);
            records[pages++] = page;
        }
    }

    boolean isLinked(int id) {
        return id >= 0 && ((long) id >>> PAGE_SHIFT) < pages && prev(id) != NONE;
    }

    long due(int id) {
        return records[id >>> PAGE_SHIFT][(id & MASK) << 1];
    }

    void due(int id, long nanos) {
        records[id >>> PAGE_SHIFT][(id & MASK) << 1] = nanos;
    }

    int head(int bucket) {
        return head[bucket];
    }

    /**
     * An upper bound of the ids in a bucket: exact, except that an id unlinked from the middle
     * of a list (it knows no bucket, only the ends do) is still counted until the list empties.
     */
    int count(int bucket) {
        return count[bucket];
    }

    /** The 64 occupancy bits of buckets {@code [64 * index, 64 * index + 64)}. */
    long occupancy(int index) {
        return occupied[index];
    }

    boolean isOccupied(int bucket) {
        return (occupied[bucket >>> 6] & (1L << bucket)) != 0;
    }

    /** Appends an unlinked id to the tail of a bucket's list. */
    void linkLast(int bucket, int id) {
        int end = -2 - bucket;
        int last = tail[bucket];
        if (last == NONE) {
            head[bucket] = id;
            occupied[bucket >>> 6] |= 1L << bucket;
            links(id, end, end);
        } else {
            next(last, id);
            links(id, end, last);
        }
        tail[bucket] = id;
        count[bucket]++;
    }

    /** Takes a linked id out of its list. */
    void unlink(int id) {
        long word = word(id);
        int next = (int) (word >> 32);
        int prev = (int) word;
        int bucket = -1;
        if (prev >= 0) {
            next(prev, next);
        } else {
            bucket = -2 - prev;
            head[bucket] = next >= 0 ? next : NONE;
        }
        if (next >= 0) {
            prev(next, prev);
        } else {
            bucket = -2 - next;
            tail[bucket] = prev >= 0 ? prev : NONE;
        }
        if (bucket >= 0) {
            if (head[bucket] == NONE) {
                occupied[bucket >>> 6] &= ~(1L << bucket);
                count[bucket] = 0;
            } else {
                count[bucket]--;
            }
        }
        word(id, UNLINKED);
    }

    /** Moves the whole list of {@code from} to the front of {@code to}'s list; O(1). */
    void spliceFront(int from, int to) {
        int first = head[from];
        if (first == NONE) {
            return;
        }
        int last = tail[from];
        head[from] = NONE;
        tail[from] = NONE;
        occupied[from >>> 6] &= ~(1L << from);
        int end = -2 - to;
        int oldFirst = head[to];
        if (oldFirst == NONE) {
            tail[to] = last;
            next(last, end);
            occupied[to >>> 6] |= 1L << to;
        } else {
            next(last, oldFirst);
            prev(oldFirst, last);
        }
        prev(first, end);
        head[to] = first;
        count[to] += count[from];
        count[from] = 0;
    }

    private long word(int id) {
        return records[id >>> PAGE_SHIFT][((id & MASK) << 1) | 1];
    }

    private void word(int id, long word) {
        records[id >>> PAGE_SHIFT][((id & MASK) << 1) | 1] = word;
    }

    private void links(int id, int next, int prev) {
        word(id, ((long) next << 32) | (prev & LOW));
    }

    private int prev(int id) {
        return (int) word(id);
    }

    private void next(int id, int next) {
        word(id, (word(id) & LOW) | ((long) next << 32));
    }

    private void prev(int id, int prev) {
        word(id, (word(id) & ~LOW) | (prev & LOW));
    }
}
