package io.cpra.core.engine.pool;

import io.cpra.core.engine.queue.RingQueue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs one pipeline's plugin calls (pulse, intervention or code) on virtual threads, at most
 * {@link #limit()} at a time, with deadlines enforced.
 *
 * <p><b>Flow.</b> The engine thread offers jobs in batches ({@link #offer}); what does not fit
 * in the bounded queue stays with the engine, which keeps the monitor due and offers again next
 * tick. {@code limit} long-lived virtual threads take jobs from the queue and run them; each
 * finished job goes back to the engine through the shared result queue. Keeping the workers
 * alive instead of starting a virtual thread per call makes the hand-off a queue operation and
 * a semaphore permit rather than a thread start, which is what lets a pipeline carry a million
 * calls a second on two cores (BENCHMARKS.md, "pool").
 *
 * <p><b>Deadlines.</b> A supervisor thread checks running calls every
 * {@link PoolSettings#checkEvery()}: at its deadline a call is interrupted; at deadline plus
 * {@link PoolSettings#abandonGrace()} a call that has still not returned is abandoned — its
 * job goes back to the engine as timed out, its worker is replaced, and whatever the plugin
 * returns later is dropped. A stuck plugin therefore never holds the engine or the pool.
 *
 * <p><b>Limit.</b> Every {@link PoolSettings#adaptEvery()} the supervisor feeds the window's
 * arrivals, service times and peak concurrency, the engine's view of the demand
 * ({@link #demand(double, long)}) and the process's local pressure to
 * {@link ConcurrencyModel}; workers above a lowered limit retire after their current job, and
 * new ones start when it rises.
 *
 * <p><b>Threads.</b> {@link #offer} is for the engine thread only; everything else is safe from
 * any thread.
 */
public final class WorkerPool {

    /** Jobs the queue takes beyond its share per call: one engine batch. */
    public static final int QUEUE_SLACK = 4096;
    /** Jobs the queue takes per call the limit allows. */
    public static final int QUEUE_PER_CALL = 4;

    private final PoolSettings settings;
    private final RingQueue<Job> jobs;
    private final RingQueue<Job> results;
    private final LongSupplier clock;
    private final Semaphore available = new Semaphore(0);
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Supervisor supervisor;
    private volatile int limit;
    private volatile boolean stopping;
    private volatile ConcurrencyModel.Demand demand = ConcurrencyModel.Demand.UNKNOWN;

    // measured by workers, read by the supervisor
    final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong deferrals = new AtomicLong();
    final LongAdder completions = new LongAdder();
    final DoubleAdder serviceNanos = new DoubleAdder();
    final DoubleAdder serviceNanosSquared = new DoubleAdder();
    final DoubleAdder waitNanos = new DoubleAdder();
    final LongAdder abandoned = new LongAdder();
    final LatenessHistogram lateness = new LatenessHistogram();

    private WorkerPool(PoolSettings settings, RingQueue<Job> results, LongSupplier clock, LocalPressure pressure) {
        this.settings = settings;
        this.jobs = RingQueue.spmc(settings.queueCapacity());
        this.results = results;
        this.clock = clock;
        this.limit = settings.initialLimit();
        this.supervisor = new Supervisor(this, settings, clock, pressure);
    }

    /**
     * Creates a pool and starts its workers and supervisor.
     *
     * @param settings how it runs
     * @param results  where finished jobs go, shared with the other pools; the engine drains it
     * @param clock    the engine's clock in nanoseconds
     * @return the running pool
     */
    public static WorkerPool start(PoolSettings settings, RingQueue<Job> results, LongSupplier clock) {
        return start(settings, results, clock, null);
    }

    /**
     * Creates a pool that also weighs the process's local pressure, and starts it.
     *
     * @param settings how it runs
     * @param results  where finished jobs go, shared with the other pools; the engine drains it
     * @param clock    the engine's clock in nanoseconds
     * @param pressure the process's pressure gauge, shared by its pools; {@code null} for none
     * @return the running pool
     */
    public static WorkerPool start(PoolSettings settings, RingQueue<Job> results, LongSupplier clock,
                                   LocalPressure pressure) {
        WorkerPool pool = create(settings, results, clock, pressure);
        pool.supervisor.start();
        return pool;
    }

    /** A pool whose supervisor is driven by hand through {@link #supervise()}, for tests. */
    static WorkerPool create(PoolSettings settings, RingQueue<Job> results, LongSupplier clock) {
        return create(settings, results, clock, null);
    }

    static WorkerPool create(PoolSettings settings, RingQueue<Job> results, LongSupplier clock, LocalPressure pressure) {
        WorkerPool pool = new WorkerPool(settings, results, clock, pressure);
        pool.resize();
        return pool;
    }

    /**
     * Tells the pool what the engine knows of the demand: the calls in flight the schedule needs
     * and the due jobs waiting outside the pool. Any thread; read once per window.
     *
     * @param offered mean calls in flight needed to keep up ({@code Σ λ·W}); NaN when unknown
     * @param waiting due jobs waiting outside the pool
     */
    public void demand(double offered, long waiting) {
        demand = new ConcurrencyModel.Demand(offered, waiting);
    }

    ConcurrencyModel.Demand demand() {
        return demand;
    }

    /**
     * The last decision on the limit, with what the demand needed, what resources allowed and why.
     *
     * @return the decision
     */
    public ConcurrencyModel.Decision lastDecision() {
        return supervisor.lastDecision();
    }

    /**
     * Engine thread only: offers jobs, stamping their enqueue time. Accepts a prefix, as many as
     * fit; the caller keeps the rest due.
     *
     * @param batch the jobs
     * @param from  index of the first
     * @param count how many
     * @return how many were accepted
     */
    public int offer(Job[] batch, int from, int count) {
        if (stopping) {
            return 0;
        }
        // the queue holds what the workers take up soon, not a backlog: due jobs that cannot
        // start soon wait with the engine, where a slot that passes is skipped and counted
        int room = Math.min(count, Math.max(0, queueBound() - jobs.size()));
        long now = clock.getAsLong();
        for (int i = from; i < from + room; i++) {
            batch[i].enqueuedNanos = now;
        }
        int accepted = room == 0 ? 0 : jobs.offer(batch, from, room);
        if (accepted < count) {
            // a job refused again and again while it waits is one deferral, not one per tick
            long fresh = 0;
            for (int i = from + accepted; i < from + count; i++) {
                if (!batch[i].deferred) {
                    batch[i].deferred = true;
                    fresh++;
                }
            }
            // single writer, like arrivals
            deferrals.setRelease(deferrals.getPlain() + fresh);
        }
        if (accepted > 0) {
            // single writer: a plain read plus a release store is enough for the supervisor
            arrivals.setRelease(arrivals.getPlain() + accepted);
            available.release(accepted);
        }
        return accepted;
    }

    /**
     * The current concurrency limit.
     *
     * @return calls that may run at once
     */
    public int limit() {
        return limit;
    }

    /**
     * Calls running now.
     *
     * @return in-flight calls, abandoned ones excluded
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Jobs waiting in the queue.
     *
     * @return approximate queue depth
     */
    public int queueDepth() {
        return jobs.size();
    }

    /**
     * How many jobs the queue takes now: {@link #QUEUE_SLACK} plus {@link #QUEUE_PER_CALL} per
     * call the limit allows, within the queue's capacity — a few ticks' work for the workers.
     * More would only be a second backlog, behind the engine's, where jobs age unseen.
     *
     * @return the bound
     */
    public int queueBound() {
        return (int) Math.min(jobs.capacity(), QUEUE_SLACK + (long) QUEUE_PER_CALL * limit);
    }

    /**
     * The queue's capacity.
     *
     * @return jobs it holds at most
     */
    public int queueCapacity() {
        return jobs.capacity();
    }

    /**
     * Calls abandoned since start because they ignored their deadline.
     *
     * @return the count
     */
    public long abandonedCalls() {
        return abandoned.sum();
    }

    /**
     * Jobs that found the queue full when first offered, since start; each waits for a later
     * tick and counts once however often it is offered again.
     *
     * @return the count
     */
    public long deferrals() {
        return deferrals.getAcquire();
    }

    /**
     * Jobs accepted into the queue since start.
     *
     * @return the count
     */
    public long arrivals() {
        return arrivals.getAcquire();
    }

    /**
     * Where the supervisor hands each window's start lateness once the window closes, such as
     * a metrics histogram; replaces the one given before. Called on the supervisor thread.
     *
     * @param sink receives the distribution of the calls that started in the window
     */
    public void latenessWindows(java.util.function.Consumer<LatenessHistogram.Snapshot> sink) {
        supervisor.latenessSink = java.util.Objects.requireNonNull(sink, "sink");
    }

    /**
     * Calls finished or abandoned since start.
     *
     * @return the count
     */
    public long completedCalls() {
        return completions.sum();
    }

    /**
     * The start-lateness histogram: how long after its due time each call started.
     *
     * @return the live histogram
     */
    public LatenessHistogram lateness() {
        return lateness;
    }

    /**
     * The last window's measurements, as the limit algorithm saw them.
     *
     * @return the sample, or an empty one before the first window ends
     */
    public LoadSample lastSample() {
        return supervisor.lastSample();
    }

    /**
     * Start lateness over the last adaptation window.
     *
     * @return the window's distribution (empty before the first window ends)
     */
    public LatenessHistogram.Snapshot lastLateness() {
        return supervisor.lastLateness();
    }

    /**
     * The pipeline's name.
     *
     * @return such as {@code pulse}
     */
    public String name() {
        return settings.name();
    }

    /**
     * Stops taking jobs and waits for running calls to end, up to {@code grace}; calls still
     * running then are interrupted and left behind. Jobs still queued are not run.
     *
     * @param grace how long to wait for running calls
     * @return jobs that were queued and never started
     */
    public int stop(Duration grace) {
        stopping = true;
        supervisor.stop();
        int dropped = 0;
        while (jobs.poll() != null) {
            dropped++;
        }
        available.release(Math.max(1, workers.size()) * 2);
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        for (Worker worker : workers) {
            if (worker.thread != null) {
                worker.thread.interrupt();
            }
        }
        return dropped;
    }

    /** Runs one round of deadline checks and, when due, limit adaptation. For tests. */
    void supervise() {
        supervisor.round();
    }

    long now() {
        return clock.getAsLong();
    }

    /** The engine's clock, which the deadlines handed to plugins read too. */
    LongSupplier clock() {
        return clock;
    }

    /** Blocks a worker until a job is available; false when it should exit. */
    boolean awaitJob(Worker worker) {
        available.acquireUninterruptibly();
        if (stopping) {
            available.release();  // pass the wake-up on to the next worker
            return false;
        }
        int current = live.get();
        if (current > limit && live.compareAndSet(current, current - 1)) {
            workers.remove(worker);
            available.release();  // the job this permit stood for is someone else's now
            return false;
        }
        // counted before the job leaves the queue, so queued + in flight never hides a job
        inFlight.incrementAndGet();
        return true;
    }

    /** A permit guarantees a job; a consumer that claimed it may still be storing it, so spin. */
    Job takeJob() {
        Job job;
        while ((job = jobs.poll()) == null) {
            Thread.onSpinWait();
        }
        return job;
    }

    void started(Job job, long now) {
        long wait = now - job.enqueuedNanos;
        waitNanos.add(wait);
        lateness.record(now - job.dueNanos());
    }

    void finished(Job job, long elapsedNanos) {
        record(elapsedNanos);
        post(job);
        // after the post, so in flight plus results never hides a finished job
        inFlight.decrementAndGet();
    }

    /** The supervisor gave up on a call: report it timed out and replace its worker. */
    void abandon(Worker worker, Job job, long now) {
        long elapsed = now - job.startedNanos;
        job.end(job.timedOut(elapsed), now);
        abandoned.increment();
        record(elapsed);
        workers.remove(worker);
        live.decrementAndGet();
        post(job);
        inFlight.decrementAndGet();
        resize();
    }

    private void record(long elapsedNanos) {
        completions.increment();
        serviceNanos.add(elapsedNanos);
        serviceNanosSquared.add((double) elapsedNanos * elapsedNanos);
    }

    /** Results must never be dropped; when the engine lags, wait for it. */
    private void post(Job job) {
        while (!results.offer(job)) {
            LockSupport.parkNanos(20_000);
        }
    }

    void workerExited(Worker worker) {
        workers.remove(worker);
    }

    List<Worker> workers() {
        return workers;
    }

    void limit(int next) {
        limit = next;
        resize();
    }

    /** Starts workers until {@code live} reaches the limit; retirement is up to the workers. */
    private void resize() {
        while (!stopping) {
            int current = live.get();
            if (current >= limit) {
                return;
            }
            if (live.compareAndSet(current, current + 1)) {
                Worker worker = new Worker(this);
                worker.thread = Thread.ofVirtual().name("cpra-" + settings.name() + "-worker").unstarted(worker);
                workers.add(worker);  // publishes the thread field to the supervisor
                worker.thread.start();
            }
        }
    }
}
