package io.cpra.core.engine.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every ring shares: capacity rules, slot offsets, the accessors of the
 * {@link RingLayout} words in the modes named in {@code package-info}, argument checks and the
 * index-based {@link #size()}.
 *
 * <p>Slot {@code i} of the ring lives at {@code buffer[PAD_SLOTS + (i & mask)]}; the first and
 * last {@link #PAD_SLOTS} array entries stay null so the array header and the hot slots at its
 * ends do not share a line with neighbouring objects.
 */
abstract class RingBase<E> extends RingLayout.TailPad implements RingQueue<E> {

    /** Unused array entries at each end of the buffer: 128 bytes with compressed references. */
    static final int PAD_SLOTS = 32;

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle PRODUCER_CACHE;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle CONSUMER_CACHE;
    private static final VarHandle SLOT =
            MethodHandles.arrayElementVarHandle(Object[].class).withInvokeExactBehavior();

    // Exact invocation: every call site below must match the handle's type exactly (receiver
    // typed as the declaring class, long values, Object slots), which keeps each access a
    // direct, fully inlined load or store. A mismatch throws at the first call, in any test,
    // instead of silently taking the slower adapting path.
    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(RingLayout.ProducerFields.class, "producerIndex", long.class)
                    .withInvokeExactBehavior();
            PRODUCER_CACHE = lookup.findVarHandle(RingLayout.ProducerFields.class, "producerCache", long.class)
                    .withInvokeExactBehavior();
            CONSUMER_INDEX = lookup.findVarHandle(RingLayout.ConsumerFields.class, "consumerIndex", long.class)
                    .withInvokeExactBehavior();
            CONSUMER_CACHE = lookup.findVarHandle(RingLayout.ConsumerFields.class, "consumerCache", long.class)
                    .withInvokeExactBehavior();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    RingBase(int requestedCapacity) {
        super(ringCapacity(requestedCapacity));
    }

    /** Rounds a requested capacity up to a power of two, rejecting what cannot be honoured. */
    static int ringCapacity(int requested) {
        if (requested < 1 || requested > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "queue capacity must be 1.." + MAX_CAPACITY + ", got " + requested);
        }
        return requested == 1 ? 1 : Integer.highestOneBit(requested - 1) << 1;
    }

    @Override
    public final int capacity() {
        return mask + 1;
    }

    /**
     * Reads the consumer index on both sides of the producer index and retries until they
     * agree, so the difference belongs to one moment of the consumer and cannot go negative or
     * past capacity through a descheduling between the two reads.
     */
    @Override
    public final int size() {
        long after = lvConsumerIndex();
        while (true) {
            long before = after;
            long produced = lvProducerIndex();
            after = lvConsumerIndex();
            if (before == after) {
                return (int) Math.max(0, Math.min(produced - after, capacity()));
            }
        }
    }

    /** Consumer index first: a producer advancing in between can only make the answer "not empty". */
    @Override
    public final boolean isEmpty() {
        return lvConsumerIndex() >= lvProducerIndex();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[capacity=" + capacity() + ", size~" + size() + "]";
    }

    final int offset(long index) {
        return PAD_SLOTS + ((int) index & mask);
    }

    /**
     * Plain-copies {@code n} elements into the slots from {@code index} on, in at most two
     * runs (before and after the ring wraps). Callers publish the copy afterwards with one
     * release store.
     */
    final void copyIn(long index, Object[] source, int from, int n) {
        int first = offset(index);
        int run = Math.min(n, PAD_SLOTS + capacity() - first);
        System.arraycopy(source, from, buffer, first, run);
        if (run < n) {
            System.arraycopy(source, from + run, buffer, PAD_SLOTS, n - run);
        }
    }

    // ---- arguments ------------------------------------------------------------------------

    /** Checks the range of a batch offer; its elements are checked later, once the call knows how many fit. */
    static void checkRange(Object[] batch, int from, int count) {
        Objects.checkFromIndexSize(from, count, Objects.requireNonNull(batch, "batch").length);
    }

    /**
     * Rejects a null among the {@code n} elements from {@code from}: only those a call is about
     * to add, so a full queue costs no scan, and before anything is added or claimed.
     */
    static void checkNoNulls(Object[] batch, int from, int n) {
        for (int i = from, end = from + n; i < end; i++) {
            if (batch[i] == null) {
                throw new NullPointerException("batch[" + i + "] is null; queues hold no nulls");
            }
        }
    }

    static void checkDrain(Consumer<?> consumer, int limit) {
        Objects.requireNonNull(consumer, "consumer");
        if (limit < 0) {
            throw new IllegalArgumentException("drain limit must be >= 0, got " + limit);
        }
    }

    /** This ring typed as the class declaring the producer words, for exact VarHandle calls. */
    private RingLayout.ProducerFields producerFields() {
        return this;
    }

    /** This ring typed as the class declaring the consumer words, for exact VarHandle calls. */
    private RingLayout.ConsumerFields consumerFields() {
        return this;
    }

    // ---- producer words -------------------------------------------------------------------

    final long lpProducerIndex() {
        return producerIndex;
    }

    final long laProducerIndex() {
        return (long) PRODUCER_INDEX.getAcquire(producerFields());
    }

    final long lvProducerIndex() {
        return (long) PRODUCER_INDEX.getVolatile(producerFields());
    }

    final void srProducerIndex(long value) {
        PRODUCER_INDEX.setRelease(producerFields(), value);
    }

    final boolean casProducerIndex(long expected, long value) {
        return PRODUCER_INDEX.compareAndSet(producerFields(), expected, value);
    }

    final long lpProducerCache() {
        return producerCache;
    }

    final void spProducerCache(long value) {
        producerCache = value;
    }

    final long laProducerCache() {
        return (long) PRODUCER_CACHE.getAcquire(producerFields());
    }

    final void srProducerCache(long value) {
        PRODUCER_CACHE.setRelease(producerFields(), value);
    }

    // ---- consumer words -------------------------------------------------------------------

    final long lpConsumerIndex() {
        return consumerIndex;
    }

    final long laConsumerIndex() {
        return (long) CONSUMER_INDEX.getAcquire(consumerFields());
    }

    final long lvConsumerIndex() {
        return (long) CONSUMER_INDEX.getVolatile(consumerFields());
    }

    final void srConsumerIndex(long value) {
        CONSUMER_INDEX.setRelease(consumerFields(), value);
    }

    final boolean casConsumerIndex(long expected, long value) {
        return CONSUMER_INDEX.compareAndSet(consumerFields(), expected, value);
    }

    final long laConsumerCache() {
        return (long) CONSUMER_CACHE.getAcquire(consumerFields());
    }

    final void srConsumerCache(long value) {
        CONSUMER_CACHE.setRelease(consumerFields(), value);
    }

    // ---- slots ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    final E lpSlot(int offset) {
        return (E) buffer[offset];
    }

    final void spSlot(int offset, Object value) {
        buffer[offset] = value;
    }

    @SuppressWarnings("unchecked")
    final E laSlot(int offset) {
        return (E) SLOT.getAcquire(buffer, offset);
    }

    final void srSlot(int offset, Object value) {
        SLOT.setRelease(buffer, offset, value);
    }
}
