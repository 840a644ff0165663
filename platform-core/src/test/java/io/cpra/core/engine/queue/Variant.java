package io.cpra.core.engine.queue;

import java.util.function.IntFunction;

/** Every queue variant, with how many threads each of its sides may have, for shared suites. */
enum Variant {
    SPSC(RingQueue::spsc, false, false),
    MPSC(RingQueue::mpsc, true, false),
    SPMC(RingQueue::spmc, false, true);

    private final IntFunction<RingQueue<Object>> factory;
    final boolean multiProducer;
    final boolean multiConsumer;

    Variant(IntFunction<RingQueue<Object>> factory, boolean multiProducer, boolean multiConsumer) {
        this.factory = factory;
        this.multiProducer = multiProducer;
        this.multiConsumer = multiConsumer;
    }

    @SuppressWarnings("unchecked")
    <E> RingQueue<E> create(int capacity) {
        return (RingQueue<E>) factory.apply(capacity);
    }
}
