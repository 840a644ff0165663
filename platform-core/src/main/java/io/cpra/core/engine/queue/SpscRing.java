package io.cpra.core.engine.queue;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One producer, one consumer; see {@link RingQueue#spsc}.
 *
 * <p>Each side owns its index and publishes it with one release store per call, however many
 * elements the call moved. Slots themselves are accessed plainly: the index release/acquire
 * pair orders them. Each side also keeps, in its own cache word, the other side's index as it
 * last read it, and reads the real one (a cross-core miss) only when the cached value says
 * there is not enough room or not enough data.
 *
 * <ul>
 *   <li>{@code producerCache}: consumer index as the producer last read it (producer-private)</li>
 *   <li>{@code consumerCache}: producer index as the consumer last read it (consumer-private)</li>
 * </ul>
 */
final class SpscRing<E> extends RingBase<E> {

    private final SideGuard producerSide = new SideGuard("producer side of an SPSC queue");
    private final SideGuard consumerSide = new SideGuard("consumer side of an SPSC queue");

    SpscRing(int capacity) {
        super(capacity);
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        assert producerSide.enter();
        try {
            long p = lpProducerIndex();
            if (room(p, 1) < 1) {
                return false;
            }
            spSlot(offset(p), e);
            // Release: the slot write, and whatever the caller did to e, before the index that
            // tells the consumer the slot is filled.
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
            int n = (int) Math.min(count, room(p, count));
            if (n == 0) {
                return 0;
            }
            checkNoNulls(batch, from, n);
            copyIn(p, batch, from, n);
            // Release, once for the batch: all n slot writes before the index that exposes them.
            srProducerIndex(p + n);
            return n;
        } finally {
            assert producerSide.exit();
        }
    }

    /** Free slots at producer index {@code p}, reading the consumer index only if the cache says fewer than wanted. */
    private long room(long p, int wanted) {
        long free = capacity() - (p - lpProducerCache());
        if (free < wanted) {
            // Acquire: pairs with the consumer's release of its index. The consumer read and
            // cleared every slot below that index first, so our writes to them come after.
            long c = laConsumerIndex();
            spProducerCache(c);
            free = capacity() - (p - c);
        }
        return free;
    }

    @Override
    public E poll() {
        assert consumerSide.enter();
        try {
            long c = lpConsumerIndex();
            if (c >= lpConsumerCache()) {
                // Acquire: pairs with the producer's release of its index; the slots below it,
                // and the elements' contents, are visible from here on.
                long p = laProducerIndex();
                if (c >= p) {
                    return null;
                }
                spConsumerCache(p);
            }
            int o = offset(c);
            E e = lpSlot(o);
            spSlot(o, null);
            // Release: the slot read and clear before the index that lets the producer reuse it.
            srConsumerIndex(c + 1);
            return e;
        } finally {
            assert consumerSide.exit();
        }
    }

    @Override
    public int drain(Consumer<? super E> consumer, int limit) {
        checkDrain(consumer, limit);
        assert consumerSide.enter();
        try {
            long c = lpConsumerIndex();
            long p = lpConsumerCache();
            if (p - c < limit) {
                // Acquire: as in poll; one read covers the whole batch.
                p = laProducerIndex();
                spConsumerCache(p);
            }
            int n = (int) Math.min(limit, p - c);
            if (n <= 0) {
                return 0;
            }
            int taken = 0;
            try {
                while (taken < n) {
                    int o = offset(c + taken);
                    E e = lpSlot(o);
                    spSlot(o, null);
                    taken++;
                    consumer.accept(e);
                }
            } finally {
                // Release, once for the batch (or up to the element whose consumer threw): every
                // slot read and clear before the index that lets the producer reuse the slots.
                srConsumerIndex(c + taken);
            }
            return n;
        } finally {
            assert consumerSide.exit();
        }
    }
}
