package io.cpra.core.engine.pool;

import io.helidon.metrics.api.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Copies a window of the pool's own lateness histogram into a Prometheus histogram
 * ({@code cpra_pool_start_lateness_seconds}). The pool records each call's lateness into its
 * {@link LatenessHistogram}, which costs a bucket index and one adder increment; a metrics
 * timer would cost about a microsecond per call on the hot path. So the supervisor hands over
 * each closed window instead, and this records each value at its bucket's upper bound: the
 * exported {@code _count} is exact, the {@code _sum} over-states by at most 12.5 % (the
 * histogram's bucket width), and a value lands in the right exported bucket unless it lies
 * within 12.5 % below one of the exported bounds. No instances.
 */
final class LatenessExport {

    private LatenessExport() {
    }

    /**
     * @param window  the calls that started in one window
     * @param timer  the histogram to add them to
     */
    static void record(LatenessHistogram.Snapshot window, Timer timer) {
        long[] counts = window.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            long nanos = LatenessHistogram.upperBound(i);
            for (long n = 0; n < counts[i]; n++) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
