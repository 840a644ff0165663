package io.cpra.core.engine.pool;

import io.cpra.core.engine.queue.RingQueue;
import io.cpra.plugin.api.Deadline;
import io.helidon.metrics.api.Bucket;
import io.helidon.metrics.api.Timer;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool's meters follow Prometheus' types: arrivals are a counter, start lateness a histogram
 * with its buckets (no gauge per percentile). The pool's clock and supervisor are driven by hand.
 */
class PoolMetricsTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final RingQueue<Job> results = RingQueue.mpsc(1024);
    // the global registry records into Prometheus' as the server's does; a registry of its own
    // would hand out meters that record nothing. Each test's pool has a name of its own, so no
    // test reads another's series.
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final WorkerPool pool = WorkerPool.create(new PoolSettings("pool-" + UUID.randomUUID(), 1, 8, 4, 64,
            Duration.ofMillis(10), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(5)), results,
            clock::get);

    @AfterEach
    void stop() {
        pool.stop(Duration.ofMillis(100));
    }

    /** A job that was due {@code lateMs} before now and answers at once. */
    private Job late(long lateMs) {
        return new Job(clock.get() - lateMs * MS, 1000 * MS) {
            @Override
            protected Object call(Deadline deadline) {
                return "ok";
            }

            @Override
            protected Object timedOut(long elapsedNanos) {
                return "timeout";
            }

            @Override
            protected Object failed(Throwable cause) {
                return "failed";
            }
        };
    }

    private void run(Job... jobs) {
        assertThat(pool.offer(jobs, 0, jobs.length)).isEqualTo(jobs.length);
        List<Job> done = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.size() < jobs.length && System.nanoTime() < deadline) {
            if (results.drain(done::add, jobs.length - done.size()) == 0) {
                LockSupport.parkNanos(MS);
            }
        }
        assertThat(done).as("results within 10 s").hasSize(jobs.length);
    }

    @Test
    void lateStartsAreAHistogramAndArrivalsACounter() {
        PoolMetrics.register(registry, pool);
        Job[] jobs = new Job[15];
        for (int i = 0; i < jobs.length; i++) {
            jobs[i] = late(i < 10 ? 3 : 30);
        }
        run(jobs);

        clock.addAndGet(1_100 * MS);  // past the one-second window
        pool.supervise();

        Timer lateness = (Timer) only("cpra_pool_start_lateness");
        assertThat(lateness.count()).isEqualTo(15);
        Map<Double, Long> cumulative = new TreeMap<>();
        for (Bucket bucket : lateness.snapshot().histogramCounts()) {
            cumulative.put(bucket.boundary(TimeUnit.SECONDS), bucket.count());
        }
        assertThat(cumulative.keySet()).containsExactly(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0);
        assertThat(cumulative).as(cumulative + " total " + lateness.totalTime(TimeUnit.NANOSECONDS) / 1e9 + "").containsEntry(0.001, 0L).containsEntry(0.005, 10L).containsEntry(0.025, 10L)
                .containsEntry(0.05, 15L).containsEntry(10.0, 15L);
        // each value at its bucket's upper bound: within 12.5 % above the truth
        assertThat(lateness.totalTime(TimeUnit.NANOSECONDS) / 1e9).isBetween(10 * 0.003 + 5 * 0.030, 1.125 * (10 * 0.003 + 5 * 0.030));

        assertThat(lateness.snapshot().percentileValues()).as("quantiles would be a label Prometheus refuses here")
                .isEmpty();
        assertThat(((FunctionalCounter) only("cpra_pool_arrivals")).count()).isEqualTo(15);
        assertThat(names()).noneMatch(name -> name.contains("per_second") || name.matches(".*_p\\d+.*"));
    }

    @Test
    void aSecondWindowAddsOnlyItsOwnStarts() {
        PoolMetrics.register(registry, pool);
        run(late(3));
        clock.addAndGet(1_100 * MS);
        pool.supervise();
        run(late(30), late(30));
        clock.addAndGet(1_100 * MS);
        pool.supervise();
        pool.supervise();   // an empty window adds nothing

        assertThat(((Timer) only("cpra_pool_start_lateness")).count()).isEqualTo(3);
        assertThat(((FunctionalCounter) only("cpra_pool_arrivals")).count()).isEqualTo(3);
    }

    private Meter only(String name) {
        List<Meter> found = StreamSupport.stream(registry.meters().spliterator(), false)
                .filter(m -> m.id().name().equals(name))
                .filter(m -> pool.name().equals(m.id().tags().iterator().next().value())).toList();
        assertThat(found).as(name).hasSize(1);
        return found.getFirst();
    }

    private List<String> names() {
        return StreamSupport.stream(registry.meters().spliterator(), false).map(m -> m.id().name())
                .filter(name -> name.startsWith("cpra_pool_")).toList();
    }
}
