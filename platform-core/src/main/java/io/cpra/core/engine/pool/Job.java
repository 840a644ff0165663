package io.cpra.core.engine.pool;

import io.cpra.plugin.api.Deadline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One plugin call to run on a pool: a pulse check, an intervention attempt or a code delivery.
 * The engine thread creates it, a worker runs it, and the same object comes back to the engine
 * through the result queue carrying its outcome and timings, so a call allocates nothing else.
 *
 * <p>A job ends exactly once: either its worker finishes it ({@link #outcome()} is what the
 * plugin returned, or {@link #timedOut} / {@link #failed} when it ran out of time or threw), or
 * the pool's supervisor abandons it at its deadline plus a grace period and the result is
 * {@link #timedOut}; whatever the plugin returns after that is dropped. The state word decides
 * who ends it; everything written before the job is offered to the result queue is visible to
 * the engine when it drains the job.
 */
public abstract class Job {

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    /** The supervisor is interrupting the worker; the worker must wait for it to finish. */
    static final int INTERRUPTING = 2;
    static final int INTERRUPTED = 3;
    static final int DONE = 4;
    static final int ABANDONED = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Job.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long dueNanos;
    private final long timeoutNanos;
    long enqueuedNanos;
    /** Refused by a full queue at least once; engine thread only. */
    boolean deferred;
    /** Written by the worker before {@code state} becomes RUNNING (release), read by the supervisor after. */
    long startedNanos;
    long finishedNanos;
    private Object outcome;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /**
     * Creates a job.
     *
     * @param dueNanos     when the call was due, on the engine's clock; lateness is measured from it
     * @param timeoutNanos how long the call may run, positive
     */
    protected Job(long dueNanos, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutNanos + " ns");
        }
        this.dueNanos = dueNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Calls the plugin. Runs on a worker's virtual thread.
     *
     * @param deadline when the call must return
     * @return the plugin's outcome, never null
     * @throws Exception whatever the plugin throws; {@link InterruptedException} at the deadline
     */
    protected abstract Object call(Deadline deadline) throws Exception;

    /**
     * The outcome for a call that did not return in time.
     *
     * @param elapsedNanos how long it had run
     * @return a timeout outcome
     */
    protected abstract Object timedOut(long elapsedNanos);

    /**
     * The outcome for a call that threw.
     *
     * @param cause what it threw
     * @return a failure outcome
     */
    protected abstract Object failed(Throwable cause);

    /**
     * What the call produced; valid once the engine drained the job from the result queue.
     *
     * @return the outcome
     */
    public final Object outcome() {
        return outcome;
    }

    /**
     * When the call was due.
     *
     * @return nanos on the engine's clock
     */
    public final long dueNanos() {
        return dueNanos;
    }

    /**
     * When a worker started the call; valid once drained.
     *
     * @return nanos on the engine's clock
     */
    public final long startedNanos() {
        return startedNanos;
    }

    /**
     * When the call ended (or was abandoned); valid once drained.
     *
     * @return nanos on the engine's clock
     */
    public final long finishedNanos() {
        return finishedNanos;
    }

    /**
     * Whether the supervisor abandoned the call; valid once drained.
     *
     * @return true when the plugin ignored its deadline
     */
    public final boolean abandoned() {
        return state == ABANDONED;
    }

    /**
     * How long the call may run.
     *
     * @return nanoseconds
     */
    public final long timeoutNanos() {
        return timeoutNanos;
    }

    final int state() {
        return state;
    }

    final boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    final void start(long now) {
        startedNanos = now;
        // release: startedNanos is visible to the supervisor once it sees RUNNING
        STATE.setRelease(this, RUNNING);
    }

    final void end(Object result, long now) {
        outcome = result;
        finishedNanos = now;
    }
}
