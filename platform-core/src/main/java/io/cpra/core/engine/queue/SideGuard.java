package io.cpra.core.engine.queue;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Catches a single-threaded side of a queue being entered by two calls at once, concurrently
 * or re-entrantly (a drain callback polling the same queue). Used only inside {@code assert}
 * statements, so with assertions off the JIT drops every call and the cost is one unused
 * object per side.
 *
 * <pre>{@code
 * assert producerSide.enter();
 * try { ... } finally { assert producerSide.exit(); }
 * }</pre>
 */
final class SideGuard {

    private final String what;
    private final AtomicBoolean busy = new AtomicBoolean();

    SideGuard(String what) {
        this.what = what;
    }

    /**
     * Marks the side busy.
     *
     * @return {@code true}, so it can sit in an {@code assert}
     * @throws AssertionError if the side was already busy
     */
    boolean enter() {
        if (!busy.compareAndSet(false, true)) {
            throw new AssertionError(what + " entered while another call is inside it"
                    + " (two threads at once, or a drain callback re-entering the queue)");
        }
        return true;
    }

    /**
     * Marks the side free again.
     *
     * @return {@code true}, so it can sit in an {@code assert}
     */
    boolean exit() {
        busy.set(false);
        return true;
    }
}
