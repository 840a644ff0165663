package io.cpra.core.engine.queue;

import java.util.function.Consumer;

/**
 * The consumer side of {@link SpscRing} and {@link MpscRing}: one consumer thread that finds
 * elements by their slots, never by the producer index.
 *
 * <p>Producers fill each slot with a release store; the consumer reads slots with acquire and
 * stops at the first empty one, so it never reads a line only producers write, and a producer
 * that has claimed but not yet filled a slot (MPSC) is simply not passed. The consumer clears
 * what it takes with plain stores and publishes its index with one release store per call,
 * which is what producers read, and only when their cached limit runs out, to learn that
 * slots are free again.
 */
abstract class SingleConsumerRing<E> extends RingBase<E> {

    private final SideGuard consumerSide;

    SingleConsumerRing(int capacity, String variant) {
        super(capacity);
        this.consumerSide = new SideGuard("consumer side of an " + variant + " queue");
    }

    @Override
    public final E poll() {
        assert consumerSide.enter();
        try {
            long c = lpConsumerIndex();
            int o = offset(c);
            // Acquire: pairs with the producer's release of this slot; the element's contents
            // are visible from here on. Null means empty, or claimed and not yet filled.
            E e = laSlot(o);
            if (e == null) {
                return null;
            }
            // Release: our read of the element before the clear; an SPSC producer that finds the
            // slot empty (it looks at slots when the ring runs full) fills it only after this.
            srSlot(o, null);
            // Release: the clear before the index that lets other producers fill the slot again.
            srConsumerIndex(c + 1);
            return e;
        } finally {
            assert consumerSide.exit();
        }
    }

    @Override
    public final int drain(Consumer<? super E> consumer, int limit) {
        checkDrain(consumer, limit);
        assert consumerSide.enter();
        try {
            long c = lpConsumerIndex();
            int taken = 0;
            try {
                while (taken < limit) {
                    int o = offset(c + taken);
                    // Acquire per slot, as in poll. Past a whole lap the scan finds a slot this
                    // call cleared: empty, unless an SPSC producer (which looks at slots) has
                    // refilled it, and then with exactly the next element in order.
                    E e = laSlot(o);
                    if (e == null) {
                        break;
                    }
                    // Release, as in poll.
                    srSlot(o, null);
                    taken++;
                    consumer.accept(e);
                }
            } finally {
                if (taken > 0) {
                    // Release, once for the batch (or up to the element whose consumer threw):
                    // every clear before the index that lets producers fill those slots again.
                    srConsumerIndex(c + taken);
                }
            }
            return taken;
        } finally {
            assert consumerSide.exit();
        }
    }
}
