package io.cpra.bench.queue;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread counts reported next to each benchmark's call rate. The figure to compare is
 * {@code taken} (elements per second through the queue); {@code offered} should match it,
 * and {@code full} / {@code empty} count calls that moved nothing.
 */
public final class Counters {

    private Counters() {
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Producer {
        public long offered;
        public long full;

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
            full = 0;
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumer {
        public long taken;
        public long empty;

        @Setup(Level.Iteration)
        public void reset() {
            taken = 0;
            empty = 0;
        }
    }
}
