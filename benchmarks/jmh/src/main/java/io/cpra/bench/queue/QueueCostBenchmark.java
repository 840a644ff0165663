package io.cpra.bench.queue;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of one element's trip through a queue when no other thread touches it: offer
 * then take on one thread, single-element or {@value #BATCH} at a time. It isolates what the
 * engine thread itself pays per job offered or result drained, without the cache-line
 * transfers the threaded benchmarks add, and is far less sensitive to a busy machine than
 * they are. Reported in nanoseconds per element.
 *
 * <p>Run (smoke): {@code java -jar benchmarks/jmh/target/benchmarks.jar 'QueueCostBenchmark' -f 1 -wi 2 -i 3 -r 1s}
 * <br>Run (figures, quiet machine): {@code java -jar benchmarks/jmh/target/benchmarks.jar 'QueueCostBenchmark'}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class QueueCostBenchmark {

    static final int BATCH = 32;

    @Param({"cpra", "jctools", "abq"})
    public String impl;

    @Param({"spsc", "mpsc", "spmc"})
    public String shape;

    private BenchQueue queue;
    private final Source source = new Source();
    private final Sink sink = new Sink();

    @Setup(Level.Trial)
    public void createQueue() {
        queue = BenchQueue.create(impl, shape, 1024);
    }

    @Benchmark
    public Object single() {
        queue.offer(Source.ELEMENT);
        return queue.poll();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batch() {
        queue.offer(source, BATCH);
        return queue.drain(sink, BATCH);
    }
}
