package io.cpra.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count with one writer, the engine thread, and any number of readers (metrics scrapes, the
 * summary). Opaque access: readers see a recent value and never a torn one, and the writer
 * pays no fence.
 */
final class Counter {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    /** Engine thread only. */
    void add(long n) {
        VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + n);
    }

    /** Engine thread only. */
    void increment() {
        add(1);
    }

    long get() {
        return (long) VALUE.getOpaque(this);
    }
}
