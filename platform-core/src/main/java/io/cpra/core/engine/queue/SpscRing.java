package io.cpra.core.engine.queue;

import java.util.Objects;

/**
 * One producer, one consumer; see {@link RingQueue#spsc}.
 *
 * <p>The producer fills each slot with a release store and the consumer
 * ({@link SingleConsumerRing}) finds elements by their slots, so in the steady state the two
 * threads share only slot lines: neither reads the other's index line on every call. The
 * producer learns about free slots from the consumer index, which the consumer publishes once
 * per call, and reads it only when the limit it cached last time runs out (after up to a
 * capacity's worth of elements when the consumer keeps up). The producer index is written
 * once per call too, for {@link #size()} and {@link #isEmpty()} only.
 *
 * <ul>
 *   <li>{@code producerCache}: producer limit, the consumer index plus capacity as the
 *       producer last read it (producer-private, plain).</li>
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
            if (p >= lpProducerCache() && p >= refreshLimit()) {
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

    /** Reads the consumer index and caches the limit it allows. */
    private long refreshLimit() {
        // Acquire: pairs with the consumer's release of its index. It cleared the slots below
        // that index first, so our fills of them come after the clears.
        long limit = laConsumerIndex() + capacity();
        spProducerCache(limit);
        return limit;
    }
}
