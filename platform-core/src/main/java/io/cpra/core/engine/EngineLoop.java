package io.cpra.core.engine;

import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.queue.RingQueue;
import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The engine thread's loop, and the owner of the world it alone writes: the entity store, the
 * timing wheel, the name index and the timers. Everything else reaches it through queues:
 * commands from the API and reloads, results from the worker pools.
 *
 * <p><b>The tick</b> is a fixed pipeline, each step with a budget (STYLE.md #6):
 * <ol>
 *   <li>drain commands (add, remove, pause, reads);</li>
 *   <li>drain results and apply the lifecycle ({@link Reactions}, {@link Outbox});</li>
 *   <li>fire due timers (intervention retries, maintenance ends) and due delivery retries;</li>
 *   <li>offer intervention and code jobs left over from earlier ticks;</li>
 *   <li>sweep a budget of rows into closed history minutes ({@link MinuteCounts});</li>
 *   <li>advance the wheel and offer the due pulse jobs ({@link PulseAdmission}).</li>
 * </ol>
 * A tick with nothing to do parks until the next one. Steps 2 and 3 pause while the event sink
 * is {@linkplain EventSink#congested() congested}: nothing is dropped, the pools' queues fill
 * and due checks wait in the wheel until storage catches up.
 *
 * <p><b>Fault barrier.</b> Each command, result, timer and step runs inside a barrier: what it
 * throws ({@link RuntimeException}, {@link LinkageError}, {@link StackOverflowError}) is logged,
 * counted ({@code faults}) and the loop goes on with the next item; a pulse whose result could
 * not be applied is no longer in flight, so its monitor is checked again on schedule. Plugin
 * code never runs here unguarded ({@link PluginCalls}). Anything else — an
 * {@link OutOfMemoryError}, a failed assertion — ends the thread, and {@link Engine} reports
 * its death so the process can go down instead of serving as a zombie.
 *
 * <p>The parts get only what they need: the loop wires them and owns the order of the tick;
 * none of them calls back into the loop.
 */
final class EngineLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(EngineLoop.class.getName());
    private static final int COMMAND_BUDGET = 4096;
    private static final int RESULT_BUDGET = 1 << 16;
    /** Results applied between two looks at the journal: its bound is overshot by at most this many results' events. */
    private static final int RESULT_SLICE = 32;
    private static final int TIMER_BUDGET = 4096;
    private static final long BACKLOG_PARK_NANOS = 20_000;
    /** Stack traces of faults are logged at most this often; every fault is counted. */
    private static final long FAULT_TRACE_EVERY_NANOS = 10_000_000_000L;

    final EngineSettings settings;
    private final LongSupplier clock;
    final InstantSource wall;
    private final EventSink events;
    final RingQueue<Command> commands;
    final RingQueue<Job> results;
    final List<WorkerPool> pools;

    final TickClock tick;
    final EntityStore<PulseCheck, MonitorSpec> store = EntityStore.create();
    final Ids ids;
    final EngineCounters counters = new EngineCounters();
    final StageCounts stageCounts = new StageCounts();
    final TypeCounts checkCounts = new TypeCounts(PulseOutcome.Status.values().length);
    final TypeCounts deliveryCounts = new TypeCounts(DeliveryResult.values().length);
    private final Timers timers = new Timers();
    final Closer closer = new Closer();

    final PulseAdmission admission;
    private final Backlog interventions;
    final Outbox outbox;
    final Reactions reactions;
    final Budgets budgets;
    final Roster roster;
    final Reads reads;
    private final MinuteCounts minutes;

    /** Jobs waiting for room in a pool, published at the end of each tick for {@link Engine#busy()}. */
    private volatile int backlog;
    /** Due pulse jobs not started and the oldest one's wait, published each tick for metrics. */
    private volatile long pulsesWaiting;
    private volatile long oldestWaitingNanos;
    /** When the last tick ended, on the engine's clock, for liveness. */
    private volatile long lastTickNanos;
    private volatile boolean running = true;
    /** Stopping: no new pulse is dispatched; results, timers and codes are still handled. */
    private boolean quiescing;
    private long lastFaultTrace = Long.MIN_VALUE / 2;

    EngineLoop(EngineSettings settings, LongSupplier clock, InstantSource wall, EventSink events, HistorySink history,
               WorkerPool pulses, WorkerPool interventionPool, WorkerPool codes, RingQueue<Job> results) {
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
        this.events = events;
        this.commands = RingQueue.mpsc(settings.commandCapacity());
        this.results = results;
        this.pools = List.of(pulses, interventionPool, codes);
        this.tick = new TickClock(clock.getAsLong());
        this.lastTickNanos = tick.now();
        this.ids = new Ids(wall.millis());
        TimingWheel wheel = TimingWheel.create(settings.tick().toNanos(), tick.now());
        NameIndex names = new NameIndex(row -> store.name().get(row));
        RecentOutcomes recent = new RecentOutcomes();
        this.minutes = new MinuteCounts(store, history, counters);
        OpenIncidents incidents = new OpenIncidents();
        MaintenanceWindows windows = new MaintenanceWindows();
        Leases leases = new Leases(closer);
        this.admission = new PulseAdmission(store, wheel, pulses, counters, tick, leases);
        this.interventions = new Backlog(interventionPool);
        this.outbox = new Outbox(new Backlog(codes), settings.delivery(), settings.codeTimeout().toNanos(), tick, wall,
                events, counters, deliveryCounts, leases);
        Dependencies dependencies = new Dependencies(store, names);
        this.budgets = new Budgets();
        this.reactions = new Reactions(store, tick, wall, events, ids, counters, stageCounts, checkCounts, recent,
                minutes, incidents, windows, timers, interventions, outbox, leases, admission, dependencies, budgets);
        this.roster = new Roster(store, wheel, names, stageCounts, recent, incidents, windows, timers, admission,
                reactions, leases, tick, wall, dependencies);
        this.reads = new Reads(store, wheel, names, windows, recent, stageCounts, incidents, counters, admission, pools,
                tick, wall, budgets);
    }

    @Override
    public void run() {
        long tickNanos = settings.tick().toNanos();
        while (running) {
            int work = tick();
            if (work == 0 && running) {
                long left = tickNanos - (clock.getAsLong() - tick.now());
                if (left > 0) {
                    // jobs still waiting for room: look again soon rather than at the next tick,
                    // or the pool runs dry while the engine sleeps
                    LockSupport.parkNanos(admission.waiting() > 0 ? Math.min(left, BACKLOG_PARK_NANOS) : left);
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
    /**
     * Applies up to {@code budget} results in slices, looking at the journal between them: a
     * tick's whole budget of results may write thousands of events, so a check only before the
     * batch would let the journal's queue run that far past its bound.
     */
    private int drainResults(int budget) {
        int applied = 0;
        while (applied < budget) {
            int slice = results.drain(this::applyResult, Math.min(RESULT_SLICE, budget - applied));
            applied += slice;
            if (slice == 0 || applied < budget && events.congested()) {
                break;
            }
        }
        return applied;
    }

    int tick() {
        long now = clock.getAsLong();
        tick.set(now);
        int work = 0;
        // only what was queued when the tick began: a steady stream of callers must not keep
        // one tick (and its notion of now) going
        try {
            work += commands.drain(this::runCommand, Math.min(COMMAND_BUDGET, commands.size()));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault("draining commands", e);
        }
        if (events.congested()) {
            counters.journalStalls.increment();
        } else {
            try {
                work += drainResults(Math.min(RESULT_BUDGET, results.size()));
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                fault("draining results", e);
            }
            try {
                work += timers.fire(now, this::fireTimer, TIMER_BUDGET);
                work += reactions.admitHeld();
                work += outbox.fireRetries(TIMER_BUDGET);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                fault("firing timers", e);
            }
        }
        try {
            work += interventions.drain();
            work += outbox.drain();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault("offering backlogs", e);
        }
        try {
            minutes.tick(wall.millis());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault("closing history minutes", e);
        }
        if (!quiescing) {
            try {
                work += admission.dispatch();
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                fault("dispatching due checks", e);
            }
        }
        // what can move without the clock moving or storage answering: not retries due later, not
        // codes held for the journal
        backlog = admission.waiting() + interventions.size() + outbox.queued();
        pulsesWaiting = admission.waiting();
        oldestWaitingNanos = pulsesWaiting == 0 ? 0 : admission.oldestWaitingNanos();
        lastTickNanos = now;
        return work;
    }

    private void runCommand(Command command) {
        try {
            command.run(this);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            command.fail(e);
        } catch (Error fatal) {
            command.fail(fatal);  // its caller must not wait for an engine that is going down
            throw fatal;
        }
    }

    private void applyResult(Job job) {
        try {
            switch (job) {
                case PulseJob pulse -> reactions.onPulse(pulse);
                case InterventionJob attempt -> reactions.onAttempt(attempt);
                case CodeJob code -> outbox.onResult(code);
                default -> throw new IllegalStateException("unknown job " + job);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault("applying the result of " + job, e);
            if (job instanceof PulseJob pulse) {
                // never leave a monitor marked in flight, nor its destination's place taken:
                // it would not be checked again
                admission.ended(pulse);
            }
        }
    }

    private void fireTimer(Timers.Timer timer) {
        try {
            switch (timer.kind()) {
                case RETRY_ATTEMPT -> reactions.retryDue(timer);
                case MAINTENANCE_END -> roster.maintenanceEnded(timer);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault("firing " + timer.kind(), e);
        }
    }

    private void fault(String what, Throwable e) {
        counters.faults.increment();
        long now = tick.now();
        if (now - lastFaultTrace >= FAULT_TRACE_EVERY_NANOS) {
            lastFaultTrace = now;
            LOG.log(System.Logger.Level.ERROR, "engine fault while " + what + "; the engine goes on ("
                    + counters.faults.get() + " faults since start)", e);
        } else {
            LOG.log(System.Logger.Level.ERROR, "engine fault while " + what + ": " + OneLine.of(e));
        }
    }

    /** Work left for later ticks as of the last tick; any thread. */
    int backlog() {
        return backlog;
    }

    /** Due pulse jobs not started, and the oldest one's wait in nanoseconds, as of the last tick; any thread. */
    long[] pulseBacklog() {
        return new long[] {pulsesWaiting, oldestWaitingNanos};
    }

    /** The engine's clock now; any thread. */
    long clockNow() {
        return clock.getAsLong();
    }

    /** When the last tick ended, on the engine's clock; any thread. */
    long lastTickNanos() {
        return lastTickNanos;
    }

    /** The route a monitor has now for a code's colour, for redelivery at restart. */
    void redeliver(PendingCode pending) {
        outbox.redeliver(pending, roster.routeOf(pending.alert().monitor(), pending.alert().colour()));
    }
}
