package io.cpra.core.engine;

import io.cpra.core.engine.pool.ConcurrencyModel;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.schedule.FixedRate;
import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;

/**
 * Turns due monitors into pulse jobs and hands them to the pulse pool: the engine's side of
 * "never stuck", "fixed rate, no pile-up" and "overload that degrades gracefully" (DESIGN.md).
 * Engine thread only.
 *
 * <p><b>Due rows wait in the wheel.</b> Each tick the wheel gives up the rows that came due, at
 * most {@link #BATCH} at a time; each becomes a job, is admitted by its destination
 * ({@link Destinations}) and waits in {@code waiting} to be offered to the pool in one batch. A
 * job the pool's queue has no room for stays in {@code waiting} and is offered first next
 * tick; while {@code waiting} is full the wheel is not advanced, so rows that came due stay in
 * the wheel, in due order, rather than piling up anywhere else. A row is marked in flight, and
 * its next due time set, only once the pool accepted its job. So when the box cannot run every
 * check, every monitor waits the same time for its turn: the shortfall is spread over all
 * monitors in due order and none is starved. A job whose destination is over its fair share
 * waits with its destination instead, and gives up its slot when the slot has passed.
 *
 * <p><b>Fixed rate.</b> The next due time is the previous due time plus the interval; slots
 * already past when the job is accepted are skipped and counted ({@code skipped}), and a row
 * still in flight when it comes due again skips that slot too ({@code overruns}).
 *
 * <p><b>Honest accounting.</b> Jobs not started yet count: {@link #oldestWaitingNanos} is the
 * age, since its due time, of the oldest job still waiting (in the wheel, for the pool, or for
 * its destination), and a monitor whose due check has not started within an interval of its
 * due time is {@linkplain #overdue overdue}. Each monitor's last start is kept
 * ({@link #lastStartNanos}).
 */
final class PulseAdmission {

    /** Jobs offered to the pool per tick, at most, and the room in {@code waiting}. */
    static final int BATCH = 4096;
    /** How often destinations' shares and the pool's demand are recomputed. */
    static final long ADAPT_EVERY_NANOS = 1_000_000_000L;
    /** How soon they are recomputed after the schedule changed (monitors added, held, removed). */
    static final long ADAPT_AFTER_CHANGE_NANOS = 100_000_000L;

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final TimingWheel wheel;
    private final WorkerPool pool;
    private final EngineCounters counters;
    private final TickClock tick;
    private final Leases leases;
    private final Destinations destinations;

    private final PulseJob[] waiting = new PulseJob[BATCH];
    private int waitingCount;
    /** Set when a monitor was removed or held while jobs waited: they must be looked over. */
    private boolean withdrawals;
    private long lastAdapt;
    private double offered;
    /** The schedule changed since the last recomputation: do it soon, not in up to a second. */
    private boolean demandChanged;

    private final Destinations.Expired lateSlots = new Destinations.Expired() {
        @Override
        public boolean late(PulseJob job, long now) {
            int row = store.rowIfLive(job.handle);
            return row < 0 || now - job.dueNanos() >= store.spec().get(row).intervalNanos();
        }

        @Override
        public void expired(PulseJob job) {
            leases.checkEnded(job.check());
            int row = store.rowIfLive(job.handle);
            if (row < 0) {
                return;
            }
            store.flags().lower(row, EntityStore.PULSE_WAITING);
            if (!job.manual) {
                destinations.starved(row);
                scheduleNext(row, job.dueNanos(), store.spec().get(row).intervalNanos());
            }
        }
    };

    private final Destinations.Expired withdrawn = new Destinations.Expired() {
        @Override
        public boolean late(PulseJob job, long now) {
            return false;
        }

        @Override
        public void expired(PulseJob job) {
            leases.checkEnded(job.check());
            int row = store.rowIfLive(job.handle);
            if (row >= 0) {
                store.flags().lower(row, EntityStore.PULSE_WAITING);
            }
        }
    };

    PulseAdmission(EntityStore<PulseCheck, MonitorSpec> store, TimingWheel wheel, WorkerPool pool,
                   EngineCounters counters, TickClock tick, Leases leases) {
        this.store = store;
        this.wheel = wheel;
        this.pool = pool;
        this.counters = counters;
        this.tick = tick;
        this.leases = leases;
        this.lastAdapt = tick.now();
        this.destinations = new Destinations(new Destinations.Rows() {
            @Override
            public String destination(int row) {
                return PluginCalls.destination(store.check().get(row));
            }

            @Override
            public int id(int row) {
                return store.destination().get(row);
            }

            @Override
            public void id(int row, int id) {
                store.destination().set(row, id);
            }

            @Override
            public double perSecond(int row) {
                return PulseAdmission.perSecond(store.spec().get(row));
            }

            @Override
            public long timeoutNanos(int row) {
                return store.spec().get(row).timeoutNanos();
            }

            @Override
            public int reuse(int row) {
                return PluginCalls.destinationConcurrency(store.check().get(row));
            }
        });
    }

    /**
     * One tick's dispatch: waiting jobs first, then parked jobs whose destination has room or
     * whose slot has passed, then the rows the wheel gives up; returns the work done.
     */
    int dispatch() {
        long now = tick.now();
        long sinceAdapt = now - lastAdapt;
        if (sinceAdapt >= ADAPT_EVERY_NANOS || demandChanged && sinceAdapt >= ADAPT_AFTER_CHANGE_NANOS
                || demandChanged && offered == 0) {
            adapt(now);
        }
        if (withdrawals) {
            dropWithdrawn();
            withdrawals = false;
        }
        int work = offerWaiting();
        if (destinations.parkedJobs() > 0) {
            work += destinations.expire(now, lateSlots);
            work += destinations.admitParked(this::queue, BATCH - waitingCount);
            work += offerWaiting();
        }
        if (waitingCount < BATCH) {
            work += wheel.advance(now, this::onDue, BATCH - waitingCount);
            work += offerWaiting();
        }
        return work;
    }

    // ---- the monitor set, as the roster changes it ----------------------------------------

    /**
     * A row got its check and spec (added, or changed): note where the check goes and, unless
     * the row is held, what it asks of its destination.
     */
    void added(int row) {
        demandChanged = true;
        destinations.attach(row, PluginCalls.destination(store.check().get(row)));
        if (!store.flags().hasAny(row, Roster.NOT_SCHEDULED)) {
            MonitorSpec spec = store.spec().get(row);
            destinations.count(row, store.destination().get(row), perSecond(spec), spec.timeoutNanos());
        }
    }

    /** A row is about to lose its check and spec (removed, or changed): it asks nothing any more. */
    void removing(int row) {
        demandChanged = true;
        MonitorSpec spec = store.spec().get(row);
        destinations.uncount(row, store.destination().get(row), perSecond(spec), spec.timeoutNanos());
        destinations.detach(row);
    }

    /** Schedules a row's first pulse, spread over its interval by its name, unless it is held or already waiting. */
    void scheduleFirst(int row) {
        if (store.flags().hasAny(row, Roster.NOT_SCHEDULED)) {
            return;
        }
        MonitorSpec spec = store.spec().get(row);
        demandChanged = true;
        destinations.count(row, store.destination().get(row), perSecond(spec), spec.timeoutNanos());
        if (store.flags().has(row, EntityStore.PULSE_WAITING)) {
            return;
        }
        wheel.schedule(row, FixedRate.firstDue(tick.now(), spec.intervalNanos(), store.name().get(row)));
    }

    /** Takes a row off the schedule: removed, paused, disabled or put in maintenance. A waiting job of it is dropped. */
    void unschedule(int row) {
        withdrawals = true;
        demandChanged = true;
        wheel.cancel(row);
        MonitorSpec spec = store.spec().get(row);
        destinations.uncount(row, store.destination().get(row), perSecond(spec), spec.timeoutNanos());
    }

    /** Queues a check of {@code row} now, outside its schedule; false when one is waiting or running, or no room. */
    /**
     * Brings a monitor's next scheduled check forward to now, to run within the next ticks under
     * the usual batch budget; its fixed rate continues from there. Nothing happens to a monitor
     * that is not scheduled or whose check is already running or waiting: that check's outcome
     * comes soon enough.
     *
     * @param row the monitor's row
     */
    void checkSoon(int row) {
        if (store.flags().hasAny(row, Roster.NOT_SCHEDULED | EntityStore.PULSE_IN_FLIGHT | EntityStore.PULSE_WAITING)) {
            return;
        }
        wheel.schedule(row, tick.now());
    }

    boolean runNow(int row) {
        if (store.flags().hasAny(row, EntityStore.PULSE_IN_FLIGHT | EntityStore.PULSE_WAITING) || waitingCount >= BATCH) {
            return false;
        }
        MonitorSpec spec = store.spec().get(row);
        waitFor(new PulseJob(store.handleOf(row), Destinations.admissionId(store.destination().get(row)), store.check().get(row), tick.now(),
                spec.timeoutNanos(), true), row);
        return true;
    }

    /**
     * A pulse job ended (finished, abandoned, or its result could not be applied): its
     * destination gets its place back and its row, if still there, is no longer in flight.
     * Safe to call more than once for one job.
     *
     * @return the job's row, or -1 when its monitor is gone
     */
    int ended(PulseJob job) {
        if (!job.returned) {
            job.returned = true;
            destinations.returned(job, true);
        }
        int row = store.rowIfLive(job.handle);
        if (row >= 0) {
            store.flags().lower(row, EntityStore.PULSE_IN_FLIGHT);
            store.lastStart().set(row, encodeStart(job.startedNanos()));
        }
        return row;
    }

    // ---- reads ---------------------------------------------------------------------------

    /** Jobs that came due and wait: for the pool's queue, or for their destination's share. */
    int waiting() {
        return waitingCount + destinations.parkedJobs();
    }

    /** How long the oldest job still waiting has waited since it came due; 0 when none waits. */
    long oldestWaitingNanos() {
        long now = tick.now();
        long oldest = waitingCount == 0 ? now : waiting[0].dueNanos();
        oldest = destinations.oldestParkedDue(oldest);
        if (waitingCount >= BATCH || destinations.parkedJobs() > 0) {
            // the wheel holds rows back while the batch is full: its earliest due is older still
            oldest = wheel.earliestDue(oldest);
        }
        return Math.max(0, now - oldest);
    }

    /** When the row's last check started, on the engine's clock; {@link Long#MIN_VALUE} if never. */
    long lastStartNanos(int row) {
        int encoded = store.lastStart().get(row);
        // 0 stands for never, so the units are kept one up
        return encoded == 0 ? Long.MIN_VALUE : tick.nanos(encoded - 1);
    }

    /**
     * Whether a scheduled row's due check has waited more than an interval past its due time
     * without starting: it is in the wheel with a due time that far back, or its job waits that
     * long for the pool or its destination.
     */
    boolean overdue(int row) {
        if (store.flags().hasAny(row, Roster.NOT_SCHEDULED | EntityStore.PULSE_IN_FLIGHT)) {
            return false;
        }
        long interval = store.spec().get(row).intervalNanos();
        long now = tick.now();
        if (wheel.isScheduled(row)) {
            return now - wheel.dueOf(row) > interval;
        }
        if (store.flags().has(row, EntityStore.PULSE_WAITING)) {
            long handle = store.handleOf(row);
            for (int i = 0; i < waitingCount; i++) {
                if (waiting[i].handle == handle) {
                    return now - waiting[i].dueNanos() > interval;
                }
            }
            return destinations.parkedJobs() > 0;  // parked: it has waited since it came due
        }
        return false;
    }

    /** The pool's demand as last computed: mean calls in flight the schedule needs. */
    double offered() {
        return offered;
    }

    /** Whether destinations are held to fair shares now, because the pool cannot give everyone enough. */
    boolean sharing() {
        return destinations.scarce();
    }

    Destinations destinations() {
        return destinations;
    }

    // ---- inside ---------------------------------------------------------------------------

    private void adapt(long now) {
        lastAdapt = now;
        demandChanged = false;
        ConcurrencyModel.Reason holding = pool.lastDecision().reason();
        boolean pressed = holding == ConcurrencyModel.Reason.CPU_PRESSURE
                || holding == ConcurrencyModel.Reason.GC_PRESSURE || holding == ConcurrencyModel.Reason.HEAP_PRESSURE;
        offered = destinations.adapt(pool.limit(), pressed);
        pool.demand(offered, waiting());
    }

    /** A row came due in the wheel. */
    private void onDue(int row, long dueNanos) {
        counters.dueChecks.increment();
        MonitorSpec spec = store.spec().get(row);
        if (store.flags().has(row, EntityStore.PULSE_IN_FLIGHT)) {
            // the previous check of this monitor is still running: skip this one
            counters.overruns.increment();
            scheduleNext(row, dueNanos, spec.intervalNanos());
            return;
        }
        waitFor(new PulseJob(store.handleOf(row), Destinations.admissionId(store.destination().get(row)), store.check().get(row), dueNanos,
                spec.timeoutNanos(), false), row);
    }

    /** A new job: admitted by its destination into {@code waiting}, or parked with its destination. */
    private void waitFor(PulseJob job, int row) {
        store.flags().raise(row, EntityStore.PULSE_WAITING);
        if (destinations.admit(job, row)) {
            waiting[waitingCount++] = job;
        }
    }

    /** A parked job that its destination admitted now. */
    private void queue(PulseJob job) {
        waiting[waitingCount++] = job;
    }

    private int offerWaiting() {
        if (waitingCount == 0) {
            return 0;
        }
        int accepted = pool.offer(waiting, 0, waitingCount);
        for (int i = 0; i < accepted; i++) {
            PulseJob job = waiting[i];
            int row = store.rowIfLive(job.handle);
            if (row >= 0) {
                store.flags().lower(row, EntityStore.PULSE_WAITING);
                store.flags().raise(row, EntityStore.PULSE_IN_FLIGHT);
                if (!job.manual) {
                    scheduleNext(row, job.dueNanos(), store.spec().get(row).intervalNanos());
                }
            }
        }
        int left = waitingCount - accepted;
        if (left > 0) {
            System.arraycopy(waiting, accepted, waiting, 0, left);
        }
        for (int i = left; i < waitingCount; i++) {
            waiting[i] = null;
        }
        waitingCount = left;
        return accepted;
    }

    /**
     * Drops waiting and parked jobs whose monitor was removed, paused, disabled or put in
     * maintenance since they came due; their rows are not rescheduled (resuming schedules
     * them anew).
     */
    private void dropWithdrawn() {
        int kept = 0;
        for (int i = 0; i < waitingCount; i++) {
            PulseJob job = waiting[i];
            if (stillWanted(job)) {
                waiting[kept++] = job;
            } else {
                job.returned = true;
                destinations.returned(job, false);
                withdrawn.expired(job);
            }
        }
        for (int i = kept; i < waitingCount; i++) {
            waiting[i] = null;
        }
        waitingCount = kept;
        destinations.dropParked(withdrawn, this::stillWanted);
    }

    private boolean stillWanted(PulseJob job) {
        int row = store.rowIfLive(job.handle);
        return row >= 0 && !store.flags().hasAny(row, Roster.NOT_SCHEDULED);
    }

    /** Fixed rate: the next slot after {@code dueNanos}, skipping (and counting) slots already past. */
    private void scheduleNext(int row, long dueNanos, long intervalNanos) {
        long now = tick.now();
        long skipped = FixedRate.skippedCycles(dueNanos, intervalNanos, now);
        if (skipped > 0) {
            counters.skipped.add(skipped);
        }
        wheel.schedule(row, FixedRate.nextDue(dueNanos, intervalNanos, now));
    }

    private int encodeStart(long startedNanos) {
        return Math.max(1, tick.units(startedNanos) + 1);
    }

    private static double perSecond(MonitorSpec spec) {
        return 1e9 / spec.intervalNanos();
    }
}
