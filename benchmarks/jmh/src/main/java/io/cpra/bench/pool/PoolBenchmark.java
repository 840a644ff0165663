package io.cpra.bench.pool;

import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.queue.RingQueue;
import io.cpra.plugin.api.Deadline;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How fast a pipeline hands zero-work plugin calls to virtual threads and back, in batches of
 * {@value #BATCH} as the engine does: cpra's {@link WorkerPool} (long-lived virtual workers
 * taking jobs from a ring queue) against what it would otherwise be built on, a virtual thread
 * started per call under a semaphore (the JDK's virtual-thread-per-task model). Both post each
 * finished job to an MPSC result queue that the benchmark thread drains, as the engine does.
 *
 * <pre>{@code java -jar benchmarks/jmh/target/benchmarks.jar PoolBenchmark}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoolBenchmark {

    static final int BATCH = 1000;

    @Param({"worker-pool", "thread-per-call"})
    public String pool;

    @Param({"8"})
    public int limit;

    private final RingQueue<Job> results = RingQueue.mpsc(1 << 16);
    private WorkerPool workers;
    private Semaphore permits;
    private final Job[] batch = new Job[BATCH];

    /** A call that does nothing, so only the hand-off is measured. */
    static final class Nothing extends Job {
        Nothing() {
            super(0, Long.MAX_VALUE / 4);
        }

        @Override
        protected Object call(Deadline deadline) {
            return Boolean.TRUE;
        }

        @Override
        protected Object timedOut(long elapsedNanos) {
            return Boolean.FALSE;
        }

        @Override
        protected Object failed(Throwable cause) {
            return Boolean.FALSE;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        if (pool.equals("worker-pool")) {
            workers = WorkerPool.start(new PoolSettings("bench", limit, limit, limit, 1 << 14, Duration.ofMillis(20),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(5)), results, System::nanoTime);
        } else {
            permits = new Semaphore(limit);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(1));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int handOff() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            batch[i] = new Nothing();
        }
        if (workers != null) {
            int offered = 0;
            while (offered < BATCH) {
                offered += workers.offer(batch, offered, BATCH - offered);
            }
        } else {
            for (Job job : batch) {
                permits.acquire();
                Thread.ofVirtual().start(() -> {
                    try {
                        job.outcome();
                        while (!results.offer(job)) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        int received = 0;
        while (received < BATCH) {
            int n = results.drain(job -> { }, BATCH - received);
            if (n == 0) {
                Thread.onSpinWait();
            }
            received += n;
        }
        return received;
    }
}
