package io.cpra.core.engine.pool;

import io.cpra.core.engine.pool.ConcurrencyModel.Decision;
import io.cpra.core.engine.pool.ConcurrencyModel.Demand;
import io.cpra.core.engine.pool.ConcurrencyModel.Reason;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's concurrency model, driven by hand with synthetic windows: its single decisions,
 * and two closed loops that replay what was seen against real targets — slow targets that
 * starved the pool, and a busy CPU that spiralled into collapse.
 */
class ConcurrencyModelTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final int MIN = 4;
    private static final int MAX = 20_000;

    private final ConcurrencyModel model = new ConcurrencyModel(MIN, MAX, 20 * MS, ConcurrencyModel.Tuning.DEFAULTS);

    private static LoadSample window(double completionsPerSecond, double serviceNanos, int peak) {
        return new LoadSample(SECOND, (long) completionsPerSecond, 1, (long) completionsPerSecond, serviceNanos, 1,
                peak, 0);
    }

    private static PressureSample lag(long lagNanos) {
        return new PressureSample(SECOND, lagNanos, lagNanos, 0.5, 0, -1, -1, 0, Long.MAX_VALUE);
    }

    private static PressureSample fds(long open, long max) {
        return new PressureSample(SECOND, 0, 0, 0.1, 0, open, max, 0, Long.MAX_VALUE);
    }

    // ---- single decisions ---------------------------------------------------------------------

    @ParameterizedTest(name = "limit {0}, peak {1}, offered {2}, waiting {3}, lag {4} ms -> {5} ({6})")
    @CsvSource({
        // current, peak, offered, waiting, lag ms, next, reason
        // calm and used: rise toward the need, at most fourfold (or +16) a window
        "4,    4,    6000, 100, 0,  20,   DEMAND",
        "20,   20,   6000, 100, 0,  80,   DEMAND",
        "5000, 5000, 6000, 100, 0,  6156, DEMAND",
        // calm but unused: no rise, however large the need looks
        "100,  40,   6000, 0,   0,  100,  DEMAND",
        // calm and unused but jobs wait outside the pool: that is use
        "100,  40,   6000, 10,  0,  400,  DEMAND",
        // calm, the demand fell: fall at most a quarter a window
        "1000, 900,  10,   0,   0,  750,  DEMAND",
        "40,   40,   10,   0,   0,  30,   DEMAND",
        // lag between the thresholds: hold
        "100,  100,  6000, 100, 10, 100,  HOLD",
        // lag at or above the high threshold: cut by a quarter of what was in use
        "1000, 1000, 6000, 100, 25, 750,  CPU_PRESSURE",
        "1000, 200,  6000, 100, 25, 150,  CPU_PRESSURE",
        "4,    4,    6000, 100, 99, 4,    CPU_PRESSURE",
    })
    void decides(int current, int peak, double offered, long waiting, long lagMs, int next, Reason reason) {
        Decision decision = model.next(current, peak, window(1000, SECOND, peak), new Demand(offered, waiting),
                lag(lagMs * MS));
        assertThat(decision.limit()).isEqualTo(next);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @Test
    void theNeedIsTheOfferedLoadWithSquareRootStaffing() {
        // a = 6000 calls in flight: 6000 + 2·sqrt(6000) + 1 = 6156
        assertThat(model.need(window(0, 0, 0), new Demand(6000, 0))).isEqualTo(6156);
        assertThat(model.need(window(0, 0, 0), new Demand(0.2, 0))).isEqualTo(MIN);
        assertThat(model.need(window(0, 0, 0), new Demand(1e9, 0))).isEqualTo(MAX);
    }

    @Test
    void withoutAnOfferedLoadTheNeedComesFromThePoolsOwnMeasures() {
        // 1,000/s at 10 ms: Allen–Cunneen for a 20 ms mean wait
        int need = model.need(window(1000, 10 * MS, 10), Demand.UNKNOWN);
        assertThat(need).isEqualTo(new AllenCunneenLimit(MIN, MAX, 20 * MS).required(window(1000, 10 * MS, 10)));
        assertThat(need).isBetween(11, 20);
    }

    @Test
    void fileDescriptorsBoundTheLimitWithAReserve() {
        // 1,024 descriptors, 600 open, 200 calls in flight: room for 200 + (424 - 102) more
        Decision decision = model.next(200, 200, window(1000, SECOND, 200), new Demand(6000, 100), fds(600, 1024));
        assertThat(decision.room()).isEqualTo(200 + 424 - 102);
        assertThat(decision.limit()).isEqualTo(decision.room());
        assertThat(decision.reason()).isEqualTo(Reason.FILE_DESCRIPTORS);
    }

    @Test
    void theHeapBoundsTheLimit() {
        long gib = 1L << 30;
        // 1 GiB heap, 700 MiB used: 800 MiB may be used before pressure, so 100 MiB / 64 KiB more calls
        PressureSample heap = new PressureSample(SECOND, 0, 0, 0.1, 0, -1, -1, 700L << 20, gib);
        Decision decision = model.next(100, 100, window(1000, SECOND, 100), new Demand(6000, 100), heap);
        assertThat(decision.room()).isEqualTo(100 + (int) (((gib - (700L << 20)) - (long) (gib * 0.2)) / (64 << 10)));
        assertThat(decision.reason()).isEqualTo(Reason.MEMORY);
    }

    @Test
    void gcAndHeapPressureCutTheLimitLikeCpuPressure() {
        PressureSample gc = new PressureSample(SECOND, 0, 0, 0.5, 0.3, -1, -1, 0, Long.MAX_VALUE);
        PressureSample heap = new PressureSample(SECOND, 0, 0, 0.5, 0, -1, -1, 95, 100);
        assertThat(model.next(400, 400, window(1000, SECOND, 400), new Demand(6000, 10), gc))
                .isEqualTo(new Decision(300, 6156, MAX, Reason.GC_PRESSURE));
        assertThat(model.next(400, 400, window(1000, SECOND, 400), new Demand(6000, 10), heap).reason())
                .isEqualTo(Reason.HEAP_PRESSURE);
    }

    @Property
    void theLimitAlwaysStaysWithinItsBounds(@ForAll @IntRange(min = 1, max = 50_000) int current,
                                            @ForAll @IntRange(min = 0, max = 50_000) int peak,
                                            @ForAll @DoubleRange(min = 0, max = 1e6) double offered,
                                            @ForAll @IntRange(min = 0, max = 100) int lagMs,
                                            @ForAll @IntRange(min = 0, max = 30_000) int openFds) {
        Decision decision = model.next(current, peak, window(1000, SECOND, peak), new Demand(offered, 0),
                new PressureSample(SECOND, lagMs * MS, lagMs * MS, 0.5, 0, openFds, 20_000, 0, Long.MAX_VALUE));
        assertThat(decision.limit()).isBetween(MIN, MAX);
        if (decision.reason() == Reason.DEMAND || decision.reason() == Reason.FILE_DESCRIPTORS) {
            assertThat(decision.limit()).isLessThanOrEqualTo(Math.max(MIN, Math.max(current, decision.room())));
        }
    }

    @Property
    void pressureNeverRaisesTheLimit(@ForAll @IntRange(min = 1, max = 20_000) int current,
                                     @ForAll @IntRange(min = 0, max = 20_000) int peak,
                                     @ForAll @IntRange(min = 20, max = 1000) int lagMs) {
        Decision decision = model.next(current, peak, window(1000, SECOND, peak), new Demand(1e6, 1000),
                lag(lagMs * MS));
        assertThat(decision.limit()).isLessThanOrEqualTo(Math.max(MIN, current));
    }

    // ---- closed loops ---------------------------------------------------------------------------

    /**
     * What was seen: 3,000 http monitors on a target answering after 5 s (timeout 2 s) plus
     * 1,000 tcp monitors on a closed port, at 1 s. Calls in flight are the limit; each slow one
     * holds its place 2 s; the pool's queue is full, so what it accepts is what it completes —
     * the arrivals it sees are censored by its own limit. The model, fed the schedule's demand
     * instead, covers it in a few windows while the box is idle (no lag).
     */
    @Test
    void slowTargetsGetTheConcurrencyLittlesLawAsksFor() {
        double slowRate = 3000;
        double fastRate = 1000;
        double slowService = 2.0 * SECOND;
        double fastService = 0.1 * MS;
        double offered = (slowRate * slowService + fastRate * fastService) / SECOND;

        int limit = MIN;
        List<Integer> limits = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            LoadSample seen = censored(limit, slowRate, fastRate, slowService, fastService);
            limit = model.next(limit, limit, seen, new Demand(offered, 1000), lag(MS / 2)).limit();
            limits.add(limit);
        }
        assertThat(limits.get(6)).as("within seven windows the limit covers the demand: %s", limits)
                .isGreaterThanOrEqualTo((int) offered);
        int need = model.need(censored(limit, slowRate, fastRate, slowService, fastService), new Demand(offered, 0));
        assertThat(limits).allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(need));
    }

    /** What a pool with {@code limit} calls sees when slow calls hold most of them: arrivals = completions. */
    private static LoadSample censored(int limit, double slowRate, double fastRate, double slowService,
                                       double fastService) {
        // the pool's FIFO queue holds both kinds in the ratio they come due
        double slowShare = slowRate / (slowRate + fastRate);
        double meanService = slowShare * slowService + (1 - slowShare) * fastService;
        double completions = Math.min(slowRate + fastRate, limit * (double) SECOND / meanService);
        return new LoadSample(SECOND, (long) completions, 1, (long) completions, meanService, 1, limit, 0);
    }

    /**
     * What was seen: healthy HTTP checks against nginx on the same 2-core box. 15,000 a second
     * ran; at 20,000 the CPU saturated, checks took longer, Little's law asked for more
     * concurrency, the limit climbed to thousands — more connections than the client keeps
     * alive (256 per endpoint), so each check beyond them paid for a new one — and the box
     * collapsed. Here the box is the CPU shared by the calls in flight: a check costs 66 µs of
     * it on a kept-alive connection and three times that on a new one; a ready call waits for a
     * carrier about {@code cost·ρ/(1−ρ)}, at most behind every other call in flight (that is the
     * lag a probe sees, and it adds to every check's time); the pool completes
     * {@code min(demand, capacity, limit / W)} checks a second. Demand keeps asking for more than
     * the box can do; the model must settle where the box is busy but not drowning.
     */
    @Test
    void aBusyCpuDoesNotSpiralTheLimitUp() {
        Run withPressure = spiral(true);
        assertThat(withPressure.peakLimit).as("the limit never climbs into the thousands").isLessThan(1000);
        assertThat(withPressure.throughput).as("the box still does most of what it can").isGreaterThan(0.9 * 15_000);
        assertThat(withPressure.lagP99).as("and is not drowning").isLessThan(50 * MS);

        // the same loop with the lag hidden from the model is the collapse that was seen
        Run blind = spiral(false);
        assertThat(blind.peakLimit).as("blind to pressure, Little's law spirals").isGreaterThan(5000);
        assertThat(blind.throughput).as("and the box collapses").isLessThan(0.5 * 15_000);
    }

    private record Run(int peakLimit, double throughput, double lagP99) {
    }

    private Run spiral(boolean seesPressure) {
        double demand = 20_000;          // checks per second the schedule asks for; the box does 15,000
        double remote = 0.5 * MS;        // nginx's own answer time
        int limit = 100;
        int peakLimit = 0;
        Box box = null;
        for (int second = 0; second < 120; second++) {
            box = Box.settle(limit, demand, remote);
            // the engine's offered load uses the measured service time, local waits included
            double offered = demand * box.service / SECOND;
            Decision decision = model.next(limit, limit, window(box.throughput, box.service, limit),
                    new Demand(offered, 10_000), lag(seesPressure ? (long) box.lagP99 : 0));
            limit = decision.limit();
            peakLimit = Math.max(peakLimit, limit);
        }
        return new Run(peakLimit, box.throughput, box.lagP99);
    }

    /** The CPU shared by the calls in flight: the steady state for a given concurrency, by iteration. */
    private record Box(double throughput, double service, double lagP99) {
        static Box settle(int limit, double demand, double remote) {
            double base = SECOND / 15_000.0;
            double churn = Math.max(0, limit - 256) / (double) limit;
            double cost = base * (1 + 2 * churn);
            double capacity = SECOND / cost;
            double throughput = Math.min(demand, capacity * 0.5);
            double wait = 0;
            for (int i = 0; i < 1000; i++) {
                double rho = Math.min(throughput / capacity, 0.9999);
                wait = Math.min(cost * rho / (1 - rho), (limit - 1) * cost);
                double next = Math.min(Math.min(demand, capacity), limit * (double) SECOND / (remote + cost + wait));
                throughput = 0.9 * throughput + 0.1 * next;
            }
            // the 99th percentile of an exponential wait is about 4.6 times its mean
            return new Box(throughput, remote + cost + wait, 4.6 * wait);
        }
    }
}
