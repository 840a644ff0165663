package io.cpra.core.engine.queue;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One producer, many consumers; see {@link RingQueue#spmc}.
 *
 * <p>The producer fills slots plainly and publishes them with one release store of its index
 * per call. Consumers claim a run of published slots with one CAS on the consumer index, then
 * take each element and clear its slot with a release store. Consumers can finish out of
 * order, so the consumer index says what is claimed, not what is free: the producer instead
 * checks each slot it is about to fill for null (acquire), which pairs with that clear. The
 * per-slot clear is the one per-element release on the consumer side; on x86 it is an
 * ordinary store.
 *
 * <ul>
 *   <li>{@code producerCache}: unused.</li>
 *   <li>{@code consumerCache}: producer index as some consumer last read it; shared by
 *       consumers (acquire/release). Always at most the true producer index, so a stale value
 *       costs a re-read, never a claim of an unfilled slot.</li>
 * </ul>
 */
final class SpmcRing<E> extends RingBase<E> {

    private final SideGuard producerSide = new SideGuard("producer side of an SPMC queue");

    SpmcRing(int capacity) {
        super(capacity);
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        assert producerSide.enter();
        try {
            long p = lpProducerIndex();
            int o = offset(p);
            // Acquire: pairs with the release clear by the consumer that took this slot's
            // element one lap back; its read is done before we overwrite.
            if (laSlot(o) != null) {
                return false;
            }
            spSlot(o, e);
            // Release: the slot write, and e's contents, before the index consumers claim by.
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
            int max = Math.min(count, capacity());
            int n = 0;
            // Acquire per slot, as in offer(e). Stop at the first slot still held by a consumer
            // so the accepted elements stay one contiguous run. Nulls are rejected in the same
            // pass, before any slot is written: a slot filled but not published would read as
            // occupied next time round and stop the producer there.
            while (n < max && laSlot(offset(p + n)) == null) {
                if (batch[from + n] == null) {
                    checkNoNulls(batch, from + n, 1);
                }
                n++;
            }
            if (n == 0) {
                return 0;
            }
            copyIn(p, batch, from, n);
            // Release, once for the batch: all n slot writes before the index that exposes them.
            srProducerIndex(p + n);
            return n;
        } finally {
            assert producerSide.exit();
        }
    }

    @Override
    public E poll() {
        long c;
        do {
            c = lvConsumerIndex();
            if (c >= laConsumerCache() && c >= refreshProducerIndex(c)) {
                return null;
            }
        } while (!casConsumerIndex(c, c + 1));
        return take(offset(c));
    }

    @Override
    public int drain(Consumer<? super E> consumer, int limit) {
        checkDrain(consumer, limit);
        if (limit == 0) {
            return 0;
        }
        long c;
        int n;
        do {
            c = lvConsumerIndex();
            long available = laConsumerCache() - c;
            if (available < limit) {
                available = refreshProducerIndex(c) - c;
                if (available <= 0) {
                    return 0;
                }
            }
            n = (int) Math.min(limit, available);
        } while (!casConsumerIndex(c, c + n));
        int taken = 0;
        try {
            while (taken < n) {
                E e = take(offset(c + taken));
                taken++;
                consumer.accept(e);
            }
        } finally {
            // Only when the consumer threw: the rest of the claimed run cannot be handed back
            // (other consumers may have claimed past it), and a slot left full would stop the
            // producer there for good. Its elements are dropped, as RingQueue.drain documents.
            while (taken < n) {
                srSlot(offset(c + taken), null);
                taken++;
            }
        }
        return n;
    }

    /**
     * Reads the producer index and, if there is something past consumer index {@code c},
     * shares it with the other consumers (consumers polling an empty queue then do not keep
     * writing the line they all CAS on).
     */
    private long refreshProducerIndex(long c) {
        // Acquire: pairs with the producer's release of its index; the slots below it are
        // filled and their elements visible.
        long p = laProducerIndex();
        if (p > c) {
            // Release: hands that visibility on to consumers that use the cached index instead
            // of reading the producer index themselves.
            srConsumerCache(p);
        }
        return p;
    }

    /** Takes the element of a slot this thread has claimed and frees the slot. */
    private E take(int o) {
        // Plain: the claim was made against a producer index read with acquire (here or by the
        // consumer that cached it), and the claim is exclusive, so nothing races this read.
        E e = lpSlot(o);
        // Release: our read before the clear the producer waits for to reuse the slot.
        srSlot(o, null);
        return e;
    }
}
