package io.cpra.bench.queue;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the three queue-shape benchmarks share: one queue per thread group, chosen by
 * {@code impl} ({@code cpra}: ours; {@code jctools}: JCTools' array queue of the same shape;
 * {@code abq}: {@link java.util.concurrent.ArrayBlockingQueue}), and the four timed operations.
 * Each subclass declares two groups with its own thread counts: {@code single} (offer against
 * poll) and {@code batch} (batch offer against drain, {@code batch} elements per call).
 *
 * <p>Read the {@code taken} counter: elements per microsecond through the queue. The primary
 * score counts calls, including calls that found the queue full or empty.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3)
public abstract class QueueBenchmark {

    @Param({"cpra", "jctools", "abq"})
    public String impl;

    @Param("1024")
    public int capacity;

    @Param("32")
    public int batch;

    BenchQueue queue;

    /** {@code spsc}, {@code mpsc} or {@code spmc}. */
    abstract String shape();

    @Setup(Level.Trial)
    public void createQueue() {
        if (batch < 1 || batch > Source.MAX_BATCH) {
            throw new IllegalArgumentException("batch must be 1.." + Source.MAX_BATCH + ", got " + batch);
        }
        queue = BenchQueue.create(impl, shape(), capacity);
    }

    final void offerOne(Counters.Producer c) {
        if (queue.offer(Source.ELEMENT)) {
            c.offered++;
        } else {
            c.full++;
        }
    }

    final void pollOne(Sink sink, Counters.Consumer c) {
        Object e = queue.poll();
        if (e == null) {
            c.empty++;
        } else {
            sink.last = e;
            c.taken++;
        }
    }

    final void offerMany(Source source, Counters.Producer c) {
        int n = queue.offer(source, batch);
        if (n == 0) {
            c.full++;
        } else {
            c.offered += n;
        }
    }

    final void drainMany(Sink sink, Counters.Consumer c) {
        int n = queue.drain(sink, batch);
        if (n == 0) {
            c.empty++;
        } else {
            c.taken += n;
        }
    }
}
