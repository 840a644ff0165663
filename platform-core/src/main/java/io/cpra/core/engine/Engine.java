package io.cpra.core.engine;

import io.cpra.core.engine.pool.ConcurrencyModel;
import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.pool.LatenessHistogram;
import io.cpra.core.engine.pool.LocalPressure;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.queue.RingQueue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The running engine: one thread that owns every monitor's state (DESIGN.md, "The flow of one
 * check"), three worker pools for pulse, intervention and code calls, and the queues between
 * them. This is its face for the rest of the platform: every method may be called from any
 * thread and reaches the engine thread as a command, answered through a future within a tick
 * or so. A full command queue fails the future with {@link RejectedExecutionException} at once
 * rather than blocking the caller — except for the platform's own calls that must not be lost
 * ({@link #release}, {@link #redeliver}), which wait for room.
 *
 * <p><b>Death.</b> The engine thread survives what plugins and single items throw (see
 * {@link EngineLoop}'s fault barrier). Should it still end — an {@link OutOfMemoryError}, a bug
 * outside the barrier — every command waiting and every later one fails at once with the
 * reason, {@link #alive()} turns false, and the listeners given to {@link #onDeath} are told,
 * so the server can report itself down and exit rather than hang as a zombie.
 */
public final class Engine {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineLoop loop;
    private final Thread thread;
    private final List<WorkerPool> pools;
    private final List<Consumer<String>> deathListeners = new CopyOnWriteArrayList<>();
    /** Why the engine thread ended, once it did; null while it runs. */
    private volatile String death;
    private volatile boolean stopping;

    private Engine(EngineLoop loop, List<WorkerPool> pools) {
        this.loop = loop;
        this.pools = pools;
        this.thread = Thread.ofPlatform().name("cpra-engine").unstarted(this::runLoop);
    }

    private void runLoop() {
        Throwable cause = null;
        try {
            loop.run();
        } catch (Throwable e) {
            cause = e;
        } finally {
            String reason = cause != null ? "the engine thread ended: " + OneLine.of(cause)
                    : stopping ? "the engine stopped" : "the engine thread ended without being stopped";
            death = reason;
            if (cause != null || !stopping) {
                LOG.log(System.Logger.Level.ERROR, reason, cause);
            }
            // fail whatever waited for an answer, so no caller hangs on a dead engine
            IllegalStateException stopped = new IllegalStateException(reason);
            Command command;
            while ((command = loop.commands.poll()) != null) {
                command.fail(stopped);
            }
            if (!stopping) {
                deathListeners.forEach(listener -> listener.accept(reason));
            }
        }
    }

    /**
     * Starts an engine with no monitors.
     *
     * @param settings how it runs
     * @param events   where its events go; called on the engine thread, must not block
     * @param clock    nanosecond clock for schedules, deadlines and lateness ({@code System::nanoTime})
     * @param wall     wall clock for event and alert times
     * @return the running engine
     */
    public static Engine start(EngineSettings settings, EventSink events, LongSupplier clock, InstantSource wall) {
        return start(settings, events, clock, wall, null);
    }

    /**
     * Starts an engine with no monitors whose pools also weigh the process's local pressure.
     *
     * @param settings how it runs
     * @param events   where its events go; called on the engine thread, must not block
     * @param clock    nanosecond clock for schedules, deadlines and lateness ({@code System::nanoTime})
     * @param wall     wall clock for event and alert times
     * @param pressure the process's pressure gauge, or {@code null} to size pools by demand alone
     * @return the running engine
     */
    public static Engine start(EngineSettings settings, EventSink events, LongSupplier clock, InstantSource wall,
                               LocalPressure pressure) {
        return start(settings, events, HistorySink.NONE, clock, wall, pressure);
    }

    /**
     * Starts an engine with no monitors that hands its closed check-history minutes to a sink.
     *
     * @param settings how it runs
     * @param events   where its events go; called on the engine thread, must not block
     * @param history  where closed one-minute history buckets go; called on the engine thread, must not block
     * @param clock    nanosecond clock for schedules, deadlines and lateness ({@code System::nanoTime})
     * @param wall     wall clock for event and alert times and history minutes
     * @param pressure the process's pressure gauge, or {@code null} to size pools by demand alone
     * @return the running engine
     */
    public static Engine start(EngineSettings settings, EventSink events, HistorySink history, LongSupplier clock,
                               InstantSource wall, LocalPressure pressure) {
        RingQueue<Job> results = RingQueue.mpsc(settings.resultCapacity());
        WorkerPool pulses = WorkerPool.start(settings.pulsePool(), results, clock, pressure);
        WorkerPool interventions = WorkerPool.start(settings.interventionPool(), results, clock, pressure);
        WorkerPool codes = WorkerPool.start(settings.codePool(), results, clock, pressure);
        EngineLoop loop = new EngineLoop(settings, clock, wall, events, history, pulses, interventions, codes, results);
        Engine engine = new Engine(loop, List.of(pulses, interventions, codes));
        engine.thread.start();
        return engine;
    }

    /**
     * Asks to be told if the engine thread ends without {@link #stop} — the engine is then dead
     * and the process should go down. Called on the dying engine thread (or at once, on the
     * caller's, when it is already dead); must not block for long.
     *
     * @param listener receives the reason
     */
    public void onDeath(Consumer<String> listener) {
        deathListeners.add(listener);
        String reason = death;
        if (reason != null && !stopping && deathListeners.remove(listener)) {
            listener.accept(reason);
        }
    }

    /**
     * Whether the engine thread is running.
     *
     * @return false once it ended, stopped or died
     */
    public boolean alive() {
        return death == null && thread.isAlive();
    }

    /**
     * How long ago the engine finished its last tick; a live engine ticks every millisecond or
     * so, so a large value means it is stuck.
     *
     * @return nanoseconds on the engine's clock since the last tick ended
     */
    public long sinceLastTickNanos() {
        return Math.max(0, loop.clockNow() - loop.lastTickNanos());
    }

    /**
     * Applies a set of monitors: adds the new, updates the changed (keeping their state),
     * leaves the unchanged alone, and — with {@code replaceAll} — removes those not in the set.
     *
     * @param plans      the monitors, unique by name
     * @param replaceAll true for a whole manifest, false to add or update only these
     * @return what changed
     */
    public CompletableFuture<ApplyReport> apply(List<MonitorPlan> plans, boolean replaceAll) {
        return apply(plans, replaceAll ? MonitorPlan.Origin.MANIFEST : null);
    }

    /**
     * Applies a set of monitors and, when {@code replacing} is set, removes the monitors of that
     * origin that are not in it — a manifest reload replaces the manifest's monitors and leaves
     * those defined through the API alone.
     *
     * @param plans     the monitors, unique by name
     * @param replacing the origin whose monitors the set replaces, or {@code null} to add or update only
     * @return what changed
     */
    public CompletableFuture<ApplyReport> apply(List<MonitorPlan> plans, MonitorPlan.Origin replacing) {
        return ask(loop -> loop.roster.apply(plans, replacing));
    }

    /**
     * Removes one monitor.
     *
     * @param name its name
     * @return whether it existed
     */
    public CompletableFuture<Boolean> remove(String name) {
        return ask(loop -> loop.roster.remove(name));
    }

    /**
     * Pauses or resumes a monitor's checks.
     *
     * @param name   its name
     * @param paused true to pause
     * @return whether it exists
     */
    public CompletableFuture<Boolean> pause(String name, boolean paused) {
        return ask(loop -> loop.roster.pause(name, paused));
    }

    /**
     * Puts a monitor in maintenance (gray), or takes it out.
     *
     * @param name  its name
     * @param enter true to enter, false to leave
     * @param until when the window ends by itself, or {@code null}
     * @return whether it exists
     */
    public CompletableFuture<Boolean> maintenance(String name, boolean enter, Instant until) {
        return ask(loop -> loop.roster.maintenance(name, enter, until));
    }

    /**
     * Runs a monitor's check now, outside its schedule.
     *
     * @param name its name
     * @return empty when no such monitor; false when a check is already running
     */
    public CompletableFuture<Optional<Boolean>> runNow(String name) {
        return ask(loop -> loop.roster.runNow(name));
    }

    /**
     * Reads one monitor's live state.
     *
     * @param name its name
     * @return its view, or empty
     */
    public CompletableFuture<Optional<MonitorView>> view(String name) {
        return ask(loop -> loop.reads.view(name));
    }

    /**
     * A monitor's last individual check outcomes, newest first: up to {@link RecentOutcomes#KEPT}
     * while it is (or lately was) in trouble, else its last check only.
     *
     * @param name  its name
     * @param limit most outcomes, at least 1
     * @return the outcomes, or empty when no such monitor exists
     */
    public CompletableFuture<Optional<List<MonitorView.Outcome>>> outcomes(String name, int limit) {
        return ask(loop -> loop.reads.outcomes(name, limit));
    }

    /** Most outcomes {@link #outcomes} gives. */
    public static final int OUTCOMES_KEPT = RecentOutcomes.KEPT;

    /**
     * Lists monitors a page at a time.
     *
     * @param query  which monitors
     * @param cursor 0 for the first page, else the previous page's {@link MonitorPage#next()}
     * @param limit  most monitors on the page, at least 1
     * @return the page
     */
    public CompletableFuture<MonitorPage> list(MonitorQuery query, int cursor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return ask(loop -> loop.reads.page(query, cursor, limit));
    }

    /**
     * Lists a stretch of rows in a sorted order: the first {@code limit} matches of the stretch
     * that come after the sort's cursor. A sorted page needs every row looked at, so the caller
     * asks stretch after stretch until {@link SortedChunk#next()} is -1 and keeps the first
     * {@code limit} of all the chunks; each command looks at a bounded number of rows, so no
     * tick is held long.
     *
     * @param query   which monitors
     * @param sort    the order and its cursor
     * @param fromRow 0 for the first stretch, else the previous chunk's {@link SortedChunk#next()}
     * @param limit   most matches in the chunk, at least 1
     * @return the chunk
     */
    public CompletableFuture<SortedChunk> listSorted(MonitorQuery query, MonitorSort sort, int fromRow, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return ask(loop -> loop.reads.sortedChunk(query, sort, fromRow, limit));
    }

    /**
     * Reads the counts across all monitors and the pipelines' load.
     *
     * @return the summary
     */
    public CompletableFuture<EngineSummary> summary() {
        return ask(loop -> loop.reads.summary());
    }

    /**
     * Puts back what storage kept about loaded monitors: lifecycle state, open incident, holds.
     * An attempt that was running when the process stopped counts as failed.
     *
     * @param restores one per monitor; names not loaded are skipped
     * @return how many monitors were restored
     */
    public CompletableFuture<Integer> restore(List<MonitorRestore> restores) {
        return ask(loop -> loop.roster.restore(restores));
    }

    /**
     * Continues incident numbers after the highest one storage holds.
     *
     * @param last the highest stored incident id
     * @return done
     */
    public CompletableFuture<Void> continueIncidentsAfter(long last) {
        return ask(loop -> {
            loop.ids.continueIncidentsAfter(last);
            return null;
        });
    }

    /**
     * From now on, hold each raised code until {@link #release} says the outbox has it, so a
     * crash cannot lose a code that was never written down.
     *
     * @return done
     */
    public CompletableFuture<Void> holdCodesUntilReleased() {
        return ask(loop -> {
            loop.outbox.holdUntilDurable();
            return null;
        });
    }

    /**
     * Hands held codes to the code pool; the outbox holds them now. Waits for room in the
     * command queue rather than failing: a release that is lost would strand its codes.
     *
     * @param alertIds the codes' ids; unknown ids are ignored
     * @return how many were released
     */
    public CompletableFuture<Integer> release(List<String> alertIds) {
        return askPatiently(loop -> loop.outbox.release(alertIds));
    }

    /**
     * Delivers again codes that were pending when the process stopped, with their alert ids.
     * A code whose monitor or code block is gone is dead-lettered with an event.
     *
     * @param codes the pending codes
     * @return done
     */
    public CompletableFuture<Void> redeliver(List<PendingCode> codes) {
        return askPatiently(loop -> {
            codes.forEach(loop::redeliver);
            return null;
        });
    }

    /**
     * The three pools, for metrics.
     *
     * @return pulse, intervention and code pools
     */
    public List<WorkerPool> pools() {
        return pools;
    }

    /**
     * Stops: no new check starts; calls in flight get up to {@code grace} to finish, and what
     * they produce (codes included) is still handled; then the engine thread and the pools stop.
     *
     * @param grace how long to wait for calls in flight
     */
    public void stop(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        ask(loop -> {
            loop.quiesce();
            return null;
        });
        while (System.nanoTime() - deadline < 0 && busy()) {
            LockSupport.parkNanos(5_000_000);
        }
        loop.stop();
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WorkerPool pool : pools) {
            pool.stop(Duration.ofMillis(100));
        }
        loop.closer.close();
    }

    /** Whether any job is queued, running, or has a result the engine has not applied yet. */
    boolean busy() {
        for (WorkerPool pool : pools) {
            if (pool.inFlight() > 0 || pool.queueDepth() > 0) {
                return true;
            }
        }
        return !loop.results.isEmpty() || loop.backlog() > 0 || loop.closer.pending() > 0;
    }

    /**
     * Due pulse checks that have not started, and how long the oldest has waited; for metrics.
     *
     * @return {waiting, oldest wait in nanoseconds}, as of the last tick
     */
    public long[] pulseBacklog() {
        return loop.pulseBacklog();
    }

    /** Exposed for metrics: the engine's counters. */
    EngineCounters counters() {
        return loop.counters;
    }

    StageCounts stageCounts() {
        return loop.stageCounts;
    }

    TypeCounts checkCounts() {
        return loop.checkCounts;
    }

    TypeCounts deliveryCounts() {
        return loop.deliveryCounts;
    }

    static EngineSummary.PoolLoad load(WorkerPool pool) {
        LatenessHistogram.Snapshot lateness = pool.lastLateness();
        ConcurrencyModel.Decision decision = pool.lastDecision();
        return new EngineSummary.PoolLoad(pool.name(), pool.queueDepth(), pool.inFlight(), pool.limit(),
                pool.completedCalls(), pool.abandonedCalls(), lateness.percentile(0.5), lateness.percentile(0.99),
                lateness.percentile(1.0), decision.need(), decision.room(),
                decision.reason().name().toLowerCase(java.util.Locale.ROOT));
    }

    private <T> CompletableFuture<T> ask(Function<EngineLoop, T> body) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        String dead = death;
        if (dead != null) {
            reply.completeExceptionally(new IllegalStateException(dead));
        } else if (!loop.commands.offer(Command.of(body, reply))) {
            reply.completeExceptionally(new RejectedExecutionException("the engine's command queue is full; try again"));
        } else if (death != null) {
            // it died between the check and the offer: the command may never be drained
            reply.completeExceptionally(new IllegalStateException(death));
        }
        return reply;
    }

    /** Like {@link #ask}, but waits for room in a full command queue while the engine lives. */
    private <T> CompletableFuture<T> askPatiently(Function<EngineLoop, T> body) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        Command command = Command.of(body, reply);
        while (!loop.commands.offer(command)) {
            if (death != null) {
                break;
            }
            LockSupport.parkNanos(100_000);
        }
        String dead = death;
        if (dead != null) {
            reply.completeExceptionally(new IllegalStateException(dead));
        }
        return reply;
    }
}
