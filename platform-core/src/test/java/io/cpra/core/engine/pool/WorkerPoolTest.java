package io.cpra.core.engine.pool;

import io.cpra.core.engine.queue.RingQueue;
import io.cpra.plugin.api.Deadline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPoolTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final RingQueue<Job> results = RingQueue.mpsc(1024);
    private final List<WorkerPool> pools = new ArrayList<>();

    /** A job whose body the test supplies; outcomes are plain strings. */
    private static final class TestJob extends Job {
        interface Body {
            Object run(Deadline deadline) throws Exception;
        }

        private final Body body;

        TestJob(long due, long timeout, Body body) {
            super(due, timeout);
            this.body = body;
        }

        @Override
        protected Object call(Deadline deadline) throws Exception {
            return body.run(deadline);
        }

        @Override
        protected Object timedOut(long elapsedNanos) {
            return "timeout after " + elapsedNanos / MS + " ms";
        }

        @Override
        protected Object failed(Throwable cause) {
            return "failed: " + cause.getMessage();
        }
    }

    private WorkerPool pool(int min, int max, int initial, int capacity) {
        PoolSettings settings = new PoolSettings("test", min, max, initial, capacity, Duration.ofMillis(10),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(5));
        WorkerPool pool = WorkerPool.create(settings, results, clock::get);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void stop() {
        pools.forEach(p -> p.stop(Duration.ofMillis(100)));
    }

    private Job job(long timeoutMs, TestJob.Body body) {
        return new TestJob(clock.get(), timeoutMs * MS, body);
    }

    private List<Job> awaitResults(int n) {
        List<Job> done = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (done.size() < n && System.nanoTime() < deadline) {
            if (results.drain(done::add, n - done.size()) == 0) {
                LockSupport.parkNanos(MS);
            }
        }
        assertThat(done).as("results within 10 s").hasSize(n);
        return done;
    }

    @Test
    void thePluginsDeadlineRunsOnThePoolsClock() {
        WorkerPool pool = pool(1, 2, 1, 8);
        CountDownLatch advanced = new CountDownLatch(1);
        CountDownLatch seen = new CountDownLatch(1);
        Job[] one = {job(1000, deadline -> {
            long before = deadline.remainingNanos();
            seen.countDown();
            advanced.await();
            return before / MS + " ms, then " + deadline.remainingNanos() / MS + " ms";
        })};
        pool.offer(one, 0, 1);
        awaitLatch(seen);

        clock.addAndGet(400 * MS);
        advanced.countDown();

        assertThat(awaitResults(1).get(0).outcome()).isEqualTo("1000 ms, then 600 ms");
    }

    @Test
    void runsEveryJobAndReturnsItWithItsOutcome() {
        WorkerPool pool = pool(1, 8, 4, 64);
        Job[] batch = new Job[50];
        for (int i = 0; i < batch.length; i++) {
            int n = i;
            batch[i] = job(1000, deadline -> "ok " + n);
        }

        assertThat(pool.offer(batch, 0, batch.length)).isEqualTo(50);

        List<Job> done = awaitResults(50);
        assertThat(done).extracting(Job::outcome).map(String::valueOf).hasSize(50).allMatch(o -> o.startsWith("ok "));
        assertThat(done).noneMatch(Job::abandoned);
        assertThat(pool.completedCalls()).isEqualTo(50);
        assertThat(pool.lateness().snapshot().total()).isEqualTo(50);
    }

    @Test
    void neverRunsMoreCallsThanTheLimit() throws InterruptedException {
        WorkerPool pool = pool(1, 8, 3, 64);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Job[] batch = new Job[12];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = job(10_000, deadline -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                release.await();
                running.decrementAndGet();
                return "ok";
            });
        }
        pool.offer(batch, 0, batch.length);
        while (pool.inFlight() < 3) {
            LockSupport.parkNanos(MS);
        }
        Thread.sleep(50);  // give a fourth worker, were there one, the chance to start

        assertThat(peak).hasValue(3);
        assertThat(pool.queueDepth()).isEqualTo(9);
        release.countDown();
        awaitResults(12);
        assertThat(peak).hasValue(3);
    }

    @Test
    void aFullQueueAcceptsOnlyAPrefix() {
        WorkerPool pool = pool(1, 1, 1, 4);
        CountDownLatch release = new CountDownLatch(1);
        Job blocker = job(10_000, deadline -> {
            release.await();
            return "ok";
        });
        pool.offer(new Job[] {blocker}, 0, 1);
        while (pool.inFlight() < 1) {
            LockSupport.parkNanos(MS);
        }
        Job[] batch = new Job[6];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = job(1000, deadline -> "ok");
        }

        assertThat(pool.offer(batch, 0, 6)).isEqualTo(4);
        assertThat(pool.offer(batch, 4, 2)).isZero();
        release.countDown();
        awaitResults(5);
    }

    @Test
    void aCallPastItsDeadlineIsInterruptedAndReportedAsATimeout() {
        WorkerPool pool = pool(1, 2, 1, 16);
        CountDownLatch started = new CountDownLatch(1);
        pool.offer(new Job[] {job(100, deadline -> {
            started.countDown();
            Thread.sleep(60_000);   // honours interruption, as plugins must
            return "too late";
        })}, 0, 1);
        awaitLatch(started);

        clock.addAndGet(99 * MS);
        pool.supervise();
        assertThat(results.isEmpty()).isTrue();
        clock.addAndGet(2 * MS);
        pool.supervise();

        Job done = awaitResults(1).get(0);
        assertThat(done.outcome()).isEqualTo("timeout after 101 ms");
        assertThat(done.abandoned()).isFalse();
        assertThat(pool.abandonedCalls()).isZero();
    }

    @Test
    void aCallIgnoringItsDeadlineIsAbandonedAndItsWorkerReplaced() {
        WorkerPool pool = pool(1, 1, 1, 16);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch unstick = new CountDownLatch(1);
        AtomicInteger lateReturns = new AtomicInteger();
        pool.offer(new Job[] {job(100, deadline -> {
            started.countDown();
            while (true) {
                try {
                    unstick.await();
                    lateReturns.incrementAndGet();
                    return "I am back";
                } catch (InterruptedException ignored) {
                    // a misbehaving plugin: swallows the interrupt and keeps waiting
                }
            }
        })}, 0, 1);
        awaitLatch(started);

        clock.addAndGet(101 * MS);
        pool.supervise();           // interrupts: ignored
        clock.addAndGet(499 * MS);
        pool.supervise();           // still within the grace
        assertThat(results.isEmpty()).isTrue();
        clock.addAndGet(2 * MS);
        pool.supervise();           // abandoned

        Job abandoned = awaitResults(1).get(0);
        assertThat(abandoned.abandoned()).isTrue();
        assertThat(abandoned.outcome()).isEqualTo("timeout after 602 ms");
        assertThat(pool.abandonedCalls()).isEqualTo(1);
        assertThat(pool.inFlight()).isZero();

        // the limit is 1 and the stuck call still holds its thread, yet new work runs
        pool.offer(new Job[] {job(1000, deadline -> "next")}, 0, 1);
        assertThat(awaitResults(1).get(0).outcome()).isEqualTo("next");

        // and what the stuck plugin returns at last is dropped
        unstick.countDown();
        while (lateReturns.get() == 0) {
            LockSupport.parkNanos(MS);
        }
        LockSupport.parkNanos(20 * MS);
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void aThrowingPluginIsAFailedOutcome() {
        WorkerPool pool = pool(1, 2, 1, 16);
        pool.offer(new Job[] {job(1000, deadline -> {
            throw new IllegalStateException("boom");
        }), job(1000, deadline -> null)}, 0, 2);

        assertThat(awaitResults(2)).extracting(Job::outcome)
                .containsExactlyInAnyOrder("failed: boom", "failed: the plugin returned no outcome");
    }

    @Test
    void theLimitFollowsTheLoadAtEachWindow() {
        WorkerPool pool = pool(2, 64, 16, 64);
        clock.addAndGet(1_001 * MS);
        pool.supervise();   // an idle window: the limit falls by a quarter

        assertThat(pool.limit()).isEqualTo(12);
        assertThat(pool.lastSample().arrivals()).isZero();
    }

    @Test
    void stopDropsQueuedJobsAndEndsTheWorkers() {
        WorkerPool pool = pool(1, 1, 1, 16);
        CountDownLatch release = new CountDownLatch(1);
        Job[] batch = new Job[4];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = job(1000, deadline -> {
                release.await();
                return "ok";
            });
        }
        pool.offer(batch, 0, 4);
        while (pool.inFlight() < 1) {
            LockSupport.parkNanos(MS);
        }

        int dropped = pool.stop(Duration.ofMillis(50));

        assertThat(dropped).isEqualTo(3);
        assertThat(pool.offer(batch, 0, 1)).isZero();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
