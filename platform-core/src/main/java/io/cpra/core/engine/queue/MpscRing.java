package io.cpra.core.engine.queue;

import java.util.Objects;

/**
 * Many producers, one consumer; see {@link RingQueue#mpsc}.
 *
 * <p>Producers claim slots by CAS on the producer index (a whole batch prefix with one CAS),
 * then fill each claimed slot with a release store. A claimed slot may still be empty, which
 * is why the consumer ({@link SingleConsumerRing}) goes by slots rather than by the producer
 * index.
 *
 * <ul>
 *   <li>{@code producerCache}: producer limit, the consumer index plus capacity as some
 *       producer last read it; shared by producers (acquire/release). Any value a producer
 *       stored is at most the true limit, since the consumer index only grows, so a stale one
 *       costs a re-read, never an overwrite.</li>
 *   <li>{@code consumerCache}: unused.</li>
 * </ul>
 */
final class MpscRing<E> extends SingleConsumerRing<E> {

    MpscRing(int capacity) {
        super(capacity, "MPSC");
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "e");
        long p;
        do {
            p = lvProducerIndex();
            long limit = laProducerCache();
            if (p >= limit && p >= refreshLimit(limit)) {
                return false;
            }
        } while (!casProducerIndex(p, p + 1));
        // Release: e's contents before the slot that hands it over. The consumer goes by slots,
        // not by the producer index, so this store is the publication.
        srSlot(offset(p), e);
        return true;
    }

    @Override
    public int offer(E[] batch, int from, int count) {
        checkRange(batch, from, count);
        if (count == 0) {
            return 0;
        }
        long p;
        int n;
        int checked = 0;
        do {
            p = lvProducerIndex();
            long limit = laProducerCache();
            long free = limit - p;
            if (free < count) {
                free = refreshLimit(limit) - p;
                if (free <= 0) {
                    return 0;
                }
            }
            n = (int) Math.min(count, free);
            if (n > checked) {
                // Before the claim: a claimed slot must be filled, or it would stop the consumer.
                checkNoNulls(batch, from + checked, n - checked);
                checked = n;
            }
        } while (!casProducerIndex(p, p + n));
        for (int i = 0; i < n; i++) {
            // Release per slot: the consumer takes each slot as soon as it sees it filled, so
            // each one must carry its element's contents; in order, so the consumer's scan
            // meets them in order.
            srSlot(offset(p + i), batch[from + i]);
        }
        return n;
    }

    /**
     * Reads the consumer index and, if that moves the limit past {@code cached}, shares the new
     * limit with the other producers (producers spinning on a full queue then do not keep
     * writing the line they all read).
     */
    private long refreshLimit(long cached) {
        // Acquire: pairs with the consumer's release of its index. It cleared the slots below
        // that index first, so our fills of them (after the CAS) come after the clears.
        long limit = laConsumerIndex() + capacity();
        if (limit > cached) {
            // Release: hands that ordering on to producers that use the cached limit instead
            // of reading the consumer index themselves.
            srProducerCache(limit);
        }
        return limit;
    }
}
