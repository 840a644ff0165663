package io.cpra.core.engine.pool;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a pool's measurements as Helidon meters, tagged {@code pool=<name>}. Everything is
 * read on scrape from the pool's own counters, so the hot path pays nothing for metrics.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code cpra_pool_queue_depth}</td><td>gauge</td><td>jobs waiting</td></tr>
 *   <tr><td>{@code cpra_pool_in_flight}</td><td>gauge</td><td>calls running</td></tr>
 *   <tr><td>{@code cpra_pool_limit}</td><td>gauge</td><td>the adaptive concurrency limit</td></tr>
 *   <tr><td>{@code cpra_pool_limit_need}, {@code _room}</td><td>gauge</td><td>what the demand asks for; what
 *       descriptors and heap allow</td></tr>
 *   <tr><td>{@code cpra_pool_limited_by{reason}}</td><td>gauge</td><td>1 for the reason in force
 *       ({@link ConcurrencyModel.Reason})</td></tr>
 *   <tr><td>{@code cpra_pool_arrivals_total}</td><td>counter</td><td>jobs accepted into the queue</td></tr>
 *   <tr><td>{@code cpra_pool_service_time_mean_seconds}</td><td>gauge</td><td>mean call time, last window</td></tr>
 *   <tr><td>{@code cpra_pool_start_lateness_seconds}</td><td>histogram</td><td>start minus due time of
 *       each call ({@code _bucket}, {@code _sum}, {@code _count}; {@code _max} beside it)</td></tr>
 *   <tr><td>{@code cpra_pool_calls_total}</td><td>counter</td><td>calls finished or abandoned</td></tr>
 *   <tr><td>{@code cpra_pool_deferrals_total}</td><td>counter</td><td>jobs that found the queue full</td></tr>
 *   <tr><td>{@code cpra_pool_abandoned_calls_total}</td><td>counter</td><td>calls abandoned past their deadline</td></tr>
 * </table>
 */
public final class PoolMetrics {

    /** Upper bounds of the lateness histogram's buckets in seconds: from a millisecond to ten seconds. */
    static final double[] LATENESS_BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private PoolMetrics() {
    }

    /**
     * Registers a pool's meters.
     *
     * @param registry where to register
     * @param pool     the pool
     */
    public static void register(MeterRegistry registry, WorkerPool pool) {
        List<Tag> tags = List.of(Tag.create("pool", pool.name()));
        gauge(registry, "cpra_pool_queue_depth", "Jobs waiting in the pool's queue", tags, pool, WorkerPool::queueDepth);
        gauge(registry, "cpra_pool_in_flight", "Plugin calls running", tags, pool, WorkerPool::inFlight);
        gauge(registry, "cpra_pool_limit", "The pool's adaptive concurrency limit", tags, pool, WorkerPool::limit);
        gauge(registry, "cpra_pool_limit_need", "The concurrency the demand alone asks for", tags, pool,
                p -> p.lastDecision().need());
        gauge(registry, "cpra_pool_limit_room", "The concurrency the process's file descriptors and heap allow", tags,
                pool, p -> p.lastDecision().room());
        for (ConcurrencyModel.Reason reason : ConcurrencyModel.Reason.values()) {
            // one series per reason, 1 for the one in force: a state set, as OpenMetrics has it
            gauge(registry, "cpra_pool_limited_by", "What holds the pool's limit: 1 for the reason in force",
                    List.of(Tag.create("pool", pool.name()),
                            Tag.create("reason", reason.name().toLowerCase(java.util.Locale.ROOT))),
                    pool, p -> p.lastDecision().reason() == reason ? 1 : 0);
        }
        registry.getOrCreate(FunctionalCounter.builder("cpra_pool_arrivals", pool, WorkerPool::arrivals)
                .description("Jobs accepted into the pool's queue").tags(tags));
        gauge(registry, "cpra_pool_service_time_mean_seconds", "Mean plugin call time over the last window", tags, pool,
                p -> p.lastSample().serviceMeanNanos() / 1e9);
        // a timer, not a distribution summary: a summary's histogram rounds each value up to a whole unit
        Timer lateness = registry.getOrCreate(Timer.builder("cpra_pool_start_lateness")
                .baseUnit("seconds")
                .description("How long after their due time calls started")
                .buckets(Arrays.stream(LATENESS_BUCKETS).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
                        .toArray(Duration[]::new))
                // no client-side quantiles: Helidon would add them as a "quantile" label, which
                // Prometheus allows on summaries only; quantiles come from the buckets
                .percentiles(new double[0])
                .publishPercentileHistogram(false)
                .tags(tags));
        pool.latenessWindows(window -> LatenessExport.record(window, lateness));
        registry.getOrCreate(FunctionalCounter.builder("cpra_pool_calls", pool, WorkerPool::completedCalls)
                .description("Plugin calls finished or abandoned").tags(tags));
        registry.getOrCreate(FunctionalCounter.builder("cpra_pool_deferrals", pool, WorkerPool::deferrals)
                .description("Jobs that found the queue full and waited for a later tick").tags(tags));
        registry.getOrCreate(FunctionalCounter.builder("cpra_pool_abandoned_calls", pool, WorkerPool::abandonedCalls)
                .description("Plugin calls abandoned because they ignored their deadline").tags(tags));
    }

    /**
     * Registers the process's local pressure: the scheduling lag of virtual threads, CPU and GC.
     *
     * @param registry where to register
     * @param pressure the gauge
     */
    public static void register(MeterRegistry registry, LocalPressure pressure) {
        registry.getOrCreate(Gauge.builder("cpra_scheduling_lag_p99_seconds", pressure,
                        p -> p.latest().lagP99Nanos() / 1e9)
                .description("99th percentile of how long a ready virtual thread waited for a carrier, last window:"
                        + " the measure of local CPU pressure"));
        registry.getOrCreate(Gauge.builder("cpra_process_cpu_share", pressure, p -> p.latest().cpuShare())
                .description("This process's CPU time over the last window, as a share of all processors"));
        registry.getOrCreate(Gauge.builder("cpra_gc_share", pressure, p -> p.latest().gcShare())
                .description("Share of the last window spent in garbage collection"));
    }

    private static void gauge(MeterRegistry registry, String name, String description, List<Tag> tags,
                              WorkerPool pool, ToDoubleFunction<WorkerPool> value) {
        registry.getOrCreate(Gauge.builder(name, pool, value).description(description).tags(tags));
    }
}
