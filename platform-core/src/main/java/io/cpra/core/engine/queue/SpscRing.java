package io.cpra.core.engine.queue;

import java.util.Objects;

/**
 * One producer, one consumer; see {@link RingQueue#spsc}.
 *
 * <p>The producer fills each slot with a release store and the consumer
 * ({@link SingleConsumerRing}) finds elements by their slots and clears them with a release
 * store, so in the steady state the two threads share only slot lines: neither reads the
 * other's index line on every call. A single offer learns about free slots from the slots
 * themselves when the limit it cached runs out: a free slot a quarter of the ring ahead frees
 * everything before it, else the slot it is about to fill. Reading the consumer index there
 * instead cost a third of the throughput once the ring ran full, the producer pulling the
 * index's line from the consumer on every offer. A batch offer reads the consumer index, once
 * per batch. The producer index is written once per call, for {@link #size()} and
 * {@link #isEmpty()} only.
 *
 * <ul>
 *   <li>{@code producerCache}: producer limit: the consumer index plus capacity as the
 *       producer last read it, or the free slot found a quarter of the ring ahead
 *       (producer-private, plain).</li>
 *   <li>{@code consumerCache}: unused.</li>
 * </ul>
 */
final class SpscRing<E> extends SingleConsumerRing<E> {

    private final SideGuard producerSide = new SideGuard("producer side of an SPSC queue");

    SpscRing(int capacity) {
        super(capacity, "SPSC");
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        assert producerSide.enter();
        try {
            long p = lpProducerIndex();
            if (p >= lpProducerCache() && !roomFor(p)) {
                return false;
            }
            // Release: e's contents before the slot the consumer finds it by.
            srSlot(offset(p), e);
            // Release: the slot before the index, so a thread that sees the index (size,
            // isEmpty) and then reads the slot finds it filled.
            srProducerIndex(p + 1);
            return true;
        } finally {
            assert producerSide.exit();
        }
    }

    @Override
    public int offer(E[] batch, int from, int count) {
        checkRange(batch, from, count);
        assert producerSide.enter();
        try {
            long p = lpProducerIndex();
            long free = lpProducerCache() - p;
            if (free < count) {
                free = refreshLimit() - p;
            }
            int n = (int) Math.min(count, free);
            if (n == 0) {
                return 0;
            }
            checkNoNulls(batch, from, n);
            for (int i = 0; i < n; i++) {
                // Release per slot: the consumer may take each one as soon as it is filled.
                srSlot(offset(p + i), batch[from + i]);
            }
            // Release, once for the batch: as in offer(e).
            srProducerIndex(p + n);
            return n;
        } finally {
            assert producerSide.exit();
        }
    }

    /**
     * Finds room for one element at {@code p} by looking at slots rather than at the consumer
     * index: when the ring runs full, reading the index the consumer writes on every poll would
     * pull its line away from the consumer on every offer. A free slot a quarter of the ring
     * ahead means everything up to it is free (the consumer frees slots in order), so the
     * producer need not look again for that many offers; otherwise the slot at {@code p} alone.
     */
    private boolean roomFor(long p) {
        long ahead = p + lookAhead();
        // Acquire: pairs with the consumer's release of the cleared slot; our fill comes after its read.
        if (laSlot(offset(ahead)) == null) {
            spProducerCache(ahead);
            return true;
        }
        return laSlot(offset(p)) == null;
    }

    private int lookAhead() {
        return Math.max(1, capacity() / 4);
    }

    /** Reads the consumer index and caches the limit it allows. */
    private long refreshLimit() {
        // Acquire: pairs with the consumer's release of its index. It cleared the slots below
        // that index first, so our fills of them come after the clears.
        long limit = laConsumerIndex() + capacity();
        spProducerCache(limit);
        return limit;
    }
}
