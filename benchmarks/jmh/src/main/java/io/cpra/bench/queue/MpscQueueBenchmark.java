package io.cpra.bench.queue;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;

/**
 * MPSC throughput: two producer threads, one consumer thread; the workers-to-engine result queue.
 * Compares ours with JCTools and {@code ArrayBlockingQueue} in one run; see
 * {@link QueueBenchmark} for what to read.
 *
 * <p>Run (smoke): {@code java -jar benchmarks/jmh/target/benchmarks.jar 'MpscQueueBenchmark' -f 1 -wi 2 -i 3 -r 1s}
 * <br>Run (figures, quiet machine): {@code java -jar benchmarks/jmh/target/benchmarks.jar 'MpscQueueBenchmark'}
 */
public class MpscQueueBenchmark extends QueueBenchmark {

    @Override
    String shape() {
        return "mpsc";
    }

    @Benchmark
    @Group("single")
    @GroupThreads(2)
    public void offer(Counters.Producer c) {
        offerOne(c);
    }

    @Benchmark
    @Group("single")
    @GroupThreads(1)
    public void poll(Sink sink, Counters.Consumer c) {
        pollOne(sink, c);
    }

    @Benchmark
    @Group("batch")
    @GroupThreads(2)
    public void offerBatch(Source source, Counters.Producer c) {
        offerMany(source, c);
    }

    @Benchmark
    @Group("batch")
    @GroupThreads(1)
    public void drain(Sink sink, Counters.Consumer c) {
        drainMany(sink, c);
    }
}
