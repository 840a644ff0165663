package io.cpra.bench.queue;

import java.util.ArrayList;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A consumer thread's drain target, usable by both our queue and JCTools'; the field store
 * keeps the JIT from dropping the element. {@code scratch} is {@code ArrayBlockingQueue}'s
 * {@code drainTo} buffer.
 */
@State(Scope.Thread)
public class Sink implements Consumer<Object>, MessagePassingQueue.Consumer<Object> {

    final ArrayList<Object> scratch = new ArrayList<>(Source.MAX_BATCH);
    Object last;

    @Override
    public void accept(Object e) {
        last = e;
    }
}
