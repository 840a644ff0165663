package io.cpra.core.ops;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The future of one change of the control plane, which a caller who stops waiting can withdraw
 * — but only while nothing of it is durable. The change and the caller race for one
 * compare-and-set: the change claims the right to commit just before its storage commit
 * ({@link #commit()}), the caller withdraws with {@link #cancel(boolean)}. Whoever wins decides:
 * a withdrawn change is rolled back or never started, so "nothing was changed" is true; a
 * change that claimed its commit cannot be withdrawn, and the caller waits for its real outcome.
 */
final class Change extends CompletableFuture<Outcome> {

    private static final int WAITING = 0;
    private static final int COMMITTING = 1;
    private static final int WITHDRAWN = 2;

    private final AtomicInteger state = new AtomicInteger(WAITING);

    /**
     * Claims the right to commit; called by the change, once, just before it makes anything durable.
     *
     * @return false when the caller withdrew the change: it must then change nothing
     */
    boolean commit() {
        return state.compareAndSet(WAITING, COMMITTING) || state.get() == COMMITTING;
    }

    /** @return true when the caller withdrew the change before it began to commit */
    boolean withdrawn() {
        return state.get() == WITHDRAWN;
    }

    /**
     * Withdraws the change if nothing of it is durable yet.
     *
     * @param mayInterruptIfRunning ignored: the change runs to its commit point and stops there
     * @return true when withdrawn (nothing was or will be changed); false when the change has
     *         begun to commit or is done, and its outcome stands
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return state.compareAndSet(WAITING, WITHDRAWN) && super.cancel(false);
    }

    /** Stages made from this future are plain futures: only the change itself can be withdrawn. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
