package io.cpra.bench.queue;

import java.util.Arrays;
import org.jctools.queues.MessagePassingQueue;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A producer thread's elements: an array for batch offers that take one, and a supplier for
 * JCTools' {@code fill}. Every element is the same object, as in JCTools' own throughput
 * benchmarks, so the numbers are the queue's and not the allocator's.
 */
@State(Scope.Thread)
public class Source implements MessagePassingQueue.Supplier<Object> {

    static final Object ELEMENT = new Object();
    static final int MAX_BATCH = 4096;

    final Object[] batch = new Object[MAX_BATCH];

    public Source() {
        Arrays.fill(batch, ELEMENT);
    }

    @Override
    public Object get() {
        return ELEMENT;
    }
}
