package io.cpra.core.engine.pool;

import java.util.function.LongSupplier;

/**
 * Watches one pool: interrupts calls at their deadline, abandons those that ignore it, and
 * recomputes the concurrency limit once per window. Runs on its own platform daemon thread
 * (or by hand in tests through {@link #round()}); it never runs plugin code itself.
 */
final class Supervisor {

    private final WorkerPool pool;
    private final PoolSettings settings;
    private final LongSupplier clock;
    private final ConcurrencyModel model;
    private final LocalPressure pressure;
    private final long abandonGraceNanos;
    private final long windowNanos;
    private Thread thread;
    private volatile boolean running = true;

    // the current window, touched by the supervisor only
    private long windowStart;
    private long lastArrivals;
    private long windowArrivals;
    private long ticks;
    private double arrivalsPerTick;
    private double arrivalsPerTickSquared;
    private long lastCompletions;
    private double lastServiceNanos;
    private double lastServiceSquared;
    private double lastWaitNanos;
    private int peakInFlight;
    private volatile LoadSample lastSample = new LoadSample(1, 0, 1, 0, 0, 0, 0, 0);
    private LatenessHistogram.Snapshot latenessAtWindowStart;
    private volatile LatenessHistogram.Snapshot lastLateness;
    /** Set from the metrics wiring, read here each window. */
    volatile java.util.function.Consumer<LatenessHistogram.Snapshot> latenessSink = window -> { };

    private volatile ConcurrencyModel.Decision lastDecision;

    Supervisor(WorkerPool pool, PoolSettings settings, LongSupplier clock, LocalPressure pressure) {
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.pressure = pressure;
        this.model = new ConcurrencyModel(settings.minLimit(), settings.maxLimit(), settings.targetWait().toNanos(),
                ConcurrencyModel.Tuning.DEFAULTS);
        this.lastDecision = new ConcurrencyModel.Decision(settings.initialLimit(), settings.initialLimit(),
                settings.maxLimit(), ConcurrencyModel.Reason.DEMAND);
        this.abandonGraceNanos = settings.abandonGrace().toNanos();
        this.windowNanos = settings.adaptEvery().toNanos();
        this.windowStart = clock.getAsLong();
        this.latenessAtWindowStart = pool.lateness.snapshot();
        this.lastLateness = latenessAtWindowStart;
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("cpra-" + settings.name() + "-supervisor").start(() -> {
            long period = settings.checkEvery().toNanos();
            while (running) {
                java.util.concurrent.locks.LockSupport.parkNanos(period);
                round();
            }
        });
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    LoadSample lastSample() {
        return lastSample;
    }

    LatenessHistogram.Snapshot lastLateness() {
        return lastLateness;
    }

    ConcurrencyModel.Decision lastDecision() {
        return lastDecision;
    }

    /** One round: deadlines of every running call, then the window's bookkeeping. */
    void round() {
        long now = clock.getAsLong();
        for (Worker worker : pool.workers()) {
            Job job = worker.current;
            if (job != null) {
                enforceDeadline(worker, job, now);
            }
        }
        sample(now);
    }

    private void enforceDeadline(Worker worker, Job job, long now) {
        int state = job.state();
        // state is read before startedNanos: RUNNING was published with a release store after it
        long elapsed = now - job.startedNanos;
        if (state == Job.RUNNING && elapsed > job.timeoutNanos()) {
            if (job.transition(Job.RUNNING, Job.INTERRUPTING)) {
                worker.thread.interrupt();
                job.transition(Job.INTERRUPTING, Job.INTERRUPTED);
            }
        } else if (state == Job.INTERRUPTED && elapsed > job.timeoutNanos() + abandonGraceNanos) {
            if (job.transition(Job.INTERRUPTED, Job.ABANDONED)) {
                pool.abandon(worker, job, now);
            }
        }
    }

    private void sample(long now) {
        long arrivals = pool.arrivals.getAcquire();
        long tickArrivals = arrivals - lastArrivals;
        lastArrivals = arrivals;
        windowArrivals += tickArrivals;
        ticks++;
        arrivalsPerTick += tickArrivals;
        arrivalsPerTickSquared += (double) tickArrivals * tickArrivals;
        peakInFlight = Math.max(peakInFlight, pool.inFlight());
        if (now - windowStart >= windowNanos) {
            adapt(now);
        }
    }

    private void adapt(long now) {
        long completions = pool.completions.sum();
        double service = pool.serviceNanos.sum();
        double squared = pool.serviceNanosSquared.sum();
        double waited = pool.waitNanos.sum();
        long n = completions - lastCompletions;
        double mean = n == 0 ? 0 : (service - lastServiceNanos) / n;
        double variance = n == 0 ? 0 : Math.max(0, (squared - lastServiceSquared) / n - mean * mean);
        double serviceScv = mean == 0 ? 0 : variance / (mean * mean);
        double perTick = ticks == 0 ? 0 : arrivalsPerTick / ticks;
        double perTickVariance = ticks == 0 ? 0 : Math.max(0, arrivalsPerTickSquared / ticks - perTick * perTick);
        // index of dispersion of counts per check period: 1 for Poisson arrivals, more for bursts
        double arrivalScv = perTick == 0 ? 1 : perTickVariance / perTick;
        double meanWait = windowArrivals == 0 ? 0 : (waited - lastWaitNanos) / Math.max(1, n);
        LoadSample sample = new LoadSample(now - windowStart, windowArrivals, arrivalScv, n, mean, serviceScv,
                peakInFlight, meanWait);
        lastSample = sample;
        LatenessHistogram.Snapshot lateness = pool.lateness.snapshot();
        lastLateness = lateness.since(latenessAtWindowStart);
        latenessAtWindowStart = lateness;
        latenessSink.accept(lastLateness);
        PressureSample pressed = pressure == null ? PressureSample.CALM : pressure.latest();
        ConcurrencyModel.Decision decision = model.next(pool.limit(), pool.inFlight(), sample, pool.demand(), pressed);
        lastDecision = decision;
        pool.limit(decision.limit());

        windowStart = now;
        windowArrivals = 0;
        ticks = 0;
        arrivalsPerTick = 0;
        arrivalsPerTickSquared = 0;
        lastCompletions = completions;
        lastServiceNanos = service;
        lastServiceSquared = squared;
        lastWaitNanos = waited;
        peakInFlight = pool.inFlight();
    }
}
