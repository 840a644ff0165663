package io.cpra.core.engine.schedule;

import java.util.Arrays;

/**
 * Intrusive doubly-linked lists of int ids, one list per bucket, kept in paged per-id arrays
 * ({@code next}, {@code prev}, {@code due}) so that a million ids cost 16 bytes each and no
 * object. Linking, unlinking and moving a whole list are O(1).
 *
 * <p>Encoding of {@code next[id]} and {@code prev[id]}: a value {@code >= 0} is a neighbour
 * id; {@link #NONE} means the id is in no list; a value {@code <= -2} marks the end of the
 * list of bucket {@code -2 - value}. Storing the bucket at both ends lets {@link #unlink}
 * update the bucket's head and tail without searching. Each bucket also has a bit in
 * {@code occupied} that is set exactly while its list is non-empty.
 */
final class Links {

    static final int NONE = -1;
    static final int PAGE_SHIFT = 14;
    static final int PAGE_IDS = 1 << PAGE_SHIFT;
    private static final int MASK = PAGE_IDS - 1;

    private int[][] next = new int[4][];
    private int[][] prev = new int[4][];
    private long[][] due = new long[4][];
    private int pages;
    private int[] head = new int[0];
    private int[] tail = new int[0];
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
            Arrays.fill(head, old, buckets, NONE);
            Arrays.fill(tail, old, buckets, NONE);
        }
    }

    /** Makes ids {@code [0, bound)} usable, one page at a time. */
    void ensureIds(long bound) {
        while ((long) pages << PAGE_SHIFT < bound) {
            if (pages == next.length) {
                int length = next.length * 2;
                next = Arrays.copyOf(next, length);
                prev = Arrays.copyOf(prev, length);
                due = Arrays.copyOf(due, length);
            }
            int[] n = new int[PAGE_IDS];
            int[] p = new int[PAGE_IDS];
            Arrays.fill(n, NONE);
            Arrays.fill(p, NONE);
            next[pages] = n;
            prev[pages] = p;
            due[pages] = new long[PAGE_IDS];
            pages++;
        }
    }

    /** Ids below this bound are backed by pages. */
    long idBound() {
        return (long) pages << PAGE_SHIFT;
    }

    boolean isLinked(int id) {
        return id >= 0 && id < idBound() && prev(id) != NONE;
    }

    long due(int id) {
        return due[id >>> PAGE_SHIFT][id & MASK];
    }

    void due(int id, long nanos) {
        due[id >>> PAGE_SHIFT][id & MASK] = nanos;
    }

    int head(int bucket) {
        return head[bucket];
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
            prev(id, end);
            occupied[bucket >>> 6] |= 1L << bucket;
        } else {
            next(last, id);
            prev(id, last);
        }
        next(id, end);
        tail[bucket] = id;
    }

    /** Takes a linked id out of its list. */
    void unlink(int id) {
        int p = prev(id);
        int n = next(id);
        if (p >= 0) {
            next(p, n);
        } else {
            head[-2 - p] = n >= 0 ? n : NONE;
        }
        if (n >= 0) {
            prev(n, p);
        } else {
            int bucket = -2 - n;
            tail[bucket] = p >= 0 ? p : NONE;
            if (p < 0) {
                occupied[bucket >>> 6] &= ~(1L << bucket);
            }
        }
        prev(id, NONE);
        next(id, NONE);
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
    }

    private int next(int id) {
        return next[id >>> PAGE_SHIFT][id & MASK];
    }

    private void next(int id, int value) {
        next[id >>> PAGE_SHIFT][id & MASK] = value;
    }

    private int prev(int id) {
        return prev[id >>> PAGE_SHIFT][id & MASK];
    }

    private void prev(int id, int value) {
        prev[id >>> PAGE_SHIFT][id & MASK] = value;
    }
}
