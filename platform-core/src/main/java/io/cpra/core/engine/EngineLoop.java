package io.cpra.core.engine;

import io.cpra.core.delivery.GuardedDelivery;
import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.queue.RingQueue;
import io.cpra.core.engine.schedule.FixedRate;
import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The engine thread and the world it alone writes: the entity store, the timing wheel, the
 * name index and the timers. Everything else reaches it through queues: commands from the API
 * and reloads, results from the worker pools.
 *
 * <p><b>The tick</b> is a fixed pipeline, each step with a budget (STYLE.md #6):
 * <ol>
 *   <li>drain commands (add, remove, pause, reads);</li>
 *   <li>drain results and apply the lifecycle ({@link Reactions});</li>
 *   <li>fire due timers (intervention retries, maintenance ends, redeliveries);</li>
 *   <li>offer intervention and code jobs left over from earlier ticks;</li>
 *   <li>advance the wheel and offer the due pulse jobs in one batch.</li>
 * </ol>
 * A tick with nothing to do parks until the next one.
 *
 * <p><b>Never stuck.</b> A pulse job is marked in flight, and its next due time set, only once
 * its pool accepted it. A job that found the queue full waits in {@code waiting} and is offered
 * first next tick; while that batch is full the wheel is not advanced, so due rows stay due in
 * the wheel rather than piling up here.
 */
final class EngineLoop implements Runnable {

    static final int PULSE_BATCH = 4096;
    private static final int COMMAND_BUDGET = 4096;
    private static final int RESULT_BUDGET = 1 << 16;
    private static final int TIMER_BUDGET = 4096;
    private static final long BACKLOG_PARK_NANOS = 20_000;

    final EngineSettings settings;
    final LongSupplier clock;
    final InstantSource wall;
    final EventSink events;
    final RingQueue<Command> commands;
    final RingQueue<Job> results;
    final WorkerPool pulses;
    final WorkerPool interventions;
    final WorkerPool codes;
    final GuardedDelivery delivery;

    final EntityStore<PulseCheck, MonitorSpec> store = EntityStore.create();
    final TimingWheel wheel;
    final NameIndex names = new NameIndex(row -> store.name().get(row));
    final Timers timers = new Timers();
    final Ids ids;
    final EngineCounters counters = new EngineCounters();
    final StageCounts stageCounts = new StageCounts();
    final TypeCounts checkCounts = new TypeCounts(io.cpra.plugin.api.PulseOutcome.Status.values().length);
    final TypeCounts deliveryCounts = new TypeCounts(DeliveryResult.values().length);
    final RecentOutcomes recent = new RecentOutcomes();
    final Reactions reactions;
    final Roster roster;

    private final PulseJob[] waiting = new PulseJob[PULSE_BATCH];
    private int waitingCount;
    /** Set when a monitor was removed or held while jobs waited: they must be looked over. */
    private boolean withdrawals;
    private final ArrayDeque<Job> interventionBacklog = new ArrayDeque<>();
    private final ArrayDeque<Job> codeBacklog = new ArrayDeque<>();
    private final Job[] one = new Job[1];

    /** Codes raised but not yet handed to the code pool, by alert id; see {@link #holdCodes}. */
    private final java.util.Map<String, CodeJob> heldCodes = new java.util.LinkedHashMap<>();
    private boolean holdCodes;

    /** The current tick's time; engine thread only. */
    long now;
    private volatile boolean running = true;
    /** Stopping: no new pulse is dispatched; results, timers and codes are still handled. */
    private boolean quiescing;

    EngineLoop(EngineSettings settings, LongSupplier clock, InstantSource wall, EventSink events,
               WorkerPool pulses, WorkerPool interventions, WorkerPool codes, RingQueue<Job> results) {
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
        this.events = events;
        this.commands = RingQueue.mpsc(settings.commandCapacity());
        this.results = results;
        this.pulses = pulses;
        this.interventions = interventions;
        this.codes = codes;
        this.delivery = new GuardedDelivery(settings.delivery());
        this.now = clock.getAsLong();
        this.wheel = TimingWheel.create(settings.tick().toNanos(), now);
        this.ids = new Ids(wall.millis());
        this.reactions = new Reactions(this);
        this.roster = new Roster(this);
    }

    @Override
    public void run() {
        long tickNanos = settings.tick().toNanos();
        while (running) {
            int work = tick();
            if (work == 0 && running) {
                long left = tickNanos - (clock.getAsLong() - now);
                if (left > 0) {
                    // jobs still waiting for room: look again soon rather than at the next tick,
                    // or the pool runs dry while the engine sleeps
                    LockSupport.parkNanos(waitingCount > 0 ? Math.min(left, BACKLOG_PARK_NANOS) : left);
                }
            }
        }
    }

    void stop() {
        running = false;
    }

    /** Engine thread only: dispatch no more pulses. */
    void quiesce() {
        quiescing = true;
    }

    /** One pass of the pipeline; returns how much it did, 0 when idle. */
    int tick() {
        now = clock.getAsLong();
        // only what was queued when the tick began: a steady stream of callers must not keep
        // one tick (and its notion of now) going
        int work = commands.drain(this::runCommand, Math.min(COMMAND_BUDGET, commands.size()));
        work += results.drain(reactions::onResult, Math.min(RESULT_BUDGET, results.size()));
        work += timers.fire(now, reactions::onTimer, TIMER_BUDGET);
        work += offerBacklog(interventions, interventionBacklog);
        work += offerBacklog(codes, codeBacklog);
        work += dispatchDuePulses();
        return work;
    }

    private void runCommand(Command command) {
        try {
            command.run(this);
        } catch (RuntimeException e) {
            command.fail(e);
        }
    }

    // ---- pulses -------------------------------------------------------------------------

    private int dispatchDuePulses() {
        if (quiescing) {
            return 0;
        }
        int work = offerWaiting();
        if (waitingCount < PULSE_BATCH) {
            work += wheel.advance(now, this::onDue, PULSE_BATCH - waitingCount);
            work += offerWaiting();
        }
        return work;
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
        waitFor(new PulseJob(store.handleOf(row), store.check().get(row), dueNanos, spec.timeoutNanos(), false), row);
    }

    /** Queues a pulse job for the next offer; the row is marked waiting until it is accepted. */
    void waitFor(PulseJob job, int row) {
        store.flags().raise(row, EntityStore.PULSE_WAITING);
        waiting[waitingCount++] = job;
    }

    /** Engine thread only: a monitor was removed, paused, disabled or put in maintenance. */
    void withdrew() {
        withdrawals = true;
    }

    boolean roomToWait() {
        return waitingCount < PULSE_BATCH;
    }

    private int offerWaiting() {
        if (waitingCount == 0) {
            return 0;
        }
        if (withdrawals) {
            dropWithdrawn();
            withdrawals = false;
        }
        int accepted = pulses.offer(waiting, 0, waitingCount);
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
     * Drops waiting jobs whose monitor was removed, paused, disabled or put in maintenance
     * since they came due; their rows are not rescheduled (resuming schedules them anew).
     */
    private void dropWithdrawn() {
        int kept = 0;
        for (int i = 0; i < waitingCount; i++) {
            PulseJob job = waiting[i];
            int row = store.rowIfLive(job.handle);
            if (row >= 0 && !store.flags().hasAny(row, Roster.NOT_SCHEDULED)) {
                waiting[kept++] = job;
            } else if (row >= 0) {
                store.flags().lower(row, EntityStore.PULSE_WAITING);
            }
        }
        for (int i = kept; i < waitingCount; i++) {
            waiting[i] = null;
        }
        waitingCount = kept;
    }

    /** Fixed rate: the next slot after {@code dueNanos}, skipping (and counting) slots already past. */
    void scheduleNext(int row, long dueNanos, long intervalNanos) {
        long skipped = FixedRate.skippedCycles(dueNanos, intervalNanos, now);
        if (skipped > 0) {
            counters.skipped.add(skipped);
        }
        wheel.schedule(row, FixedRate.nextDue(dueNanos, intervalNanos, now));
    }

    // ---- interventions and codes --------------------------------------------------------

    void submitIntervention(Job job) {
        submit(interventions, interventionBacklog, job);
    }

    void submitCode(Job job) {
        submit(codes, codeBacklog, job);
    }

    /**
     * Engine thread only: from now on, codes wait until {@link #release} says they are durable
     * (in the outbox) before they go to the code pool — write-ahead, so a crash loses none.
     */
    void holdCodes() {
        holdCodes = true;
    }

    /** A newly raised code, with the codes raised in the same step chained behind it. */
    void raised(CodeJob first) {
        if (holdCodes) {
            heldCodes.put(first.alert.id(), first);
        } else {
            submitCode(first);
        }
    }

    /** The outbox holds these codes now: deliver them. Unknown ids are ignored. */
    int release(Iterable<String> alertIds) {
        int released = 0;
        for (String id : alertIds) {
            CodeJob job = heldCodes.remove(id);
            if (job != null) {
                submitCode(job);
                released++;
            }
        }
        return released;
    }

    int heldCodeCount() {
        return heldCodes.size();
    }

    private void submit(WorkerPool pool, ArrayDeque<Job> backlog, Job job) {
        if (backlog.isEmpty()) {
            one[0] = job;
            boolean accepted = pool.offer(one, 0, 1) == 1;
            one[0] = null;
            if (accepted) {
                return;
            }
        }
        backlog.add(job);
    }

    private int offerBacklog(WorkerPool pool, ArrayDeque<Job> backlog) {
        int offered = 0;
        while (!backlog.isEmpty()) {
            one[0] = backlog.peek();
            boolean accepted = pool.offer(one, 0, 1) == 1;
            one[0] = null;
            if (!accepted) {
                break;
            }
            backlog.poll();
            offered++;
        }
        return offered;
    }

    int backlogSize() {
        return interventionBacklog.size() + codeBacklog.size() + waitingCount;
    }
}
