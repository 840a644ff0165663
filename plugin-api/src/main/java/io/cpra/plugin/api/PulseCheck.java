package io.cpra.plugin.api;

/**
 * A ready health check for one monitor, prepared by a {@link PulsePlugin}.
 *
 * <p><b>Thread-safety:</b> must be safe for concurrent calls. The platform does not start a
 * new check of a monitor while the previous one is in flight, but one instance may be shared
 * by several monitors, and an abandoned call may still be running when the next starts.
 *
 * <p><b>Deadline:</b> {@link #check} runs on a virtual thread. Use
 * {@link Deadline#remaining()} for every blocking step (connect, read, wait for a process).
 * At the deadline the platform interrupts the thread and records a timeout; a call that keeps
 * running after that is abandoned and counted, and its result is ignored.
 */
public interface PulseCheck extends AutoCloseable {

    /**
     * Runs the check once.
     *
     * @param deadline when the check must have returned
     * @return the outcome; never {@code null}
     * @throws InterruptedException when interrupted at the deadline or at shutdown; let it
     *                              propagate rather than swallowing it
     */
    PulseOutcome check(Deadline deadline) throws InterruptedException;

    /**
     * Where this check's traffic goes, as {@code host:port} (for example
     * {@code "shop.example:443"}), so the platform can bound how many checks run against one
     * destination at once and keep that in line with the plugin's connection reuse. Checks
     * that share a destination share its limit; a slow destination then cannot take the
     * concurrency that checks of other destinations need.
     *
     * <p>Called on any thread, possibly once per check: it must be cheap, must not block and
     * must always return the same value for one instance.
     *
     * @return the destination; by default the empty string, meaning the check has no remote
     *         destination worth limiting (it is then bounded only by the pool's limit)
     */
    default String destination() {
        return "";
    }

    /**
     * How many checks of this instance's {@link #destination()} the plugin can serve at once
     * over the connections it keeps open for reuse: the most idle connections it keeps for one
     * destination. Running more at once opens connections that cannot be kept and are closed
     * after one use (each leaving a socket in TIME_WAIT), so the platform should bound the
     * checks in flight against one destination by this number.
     *
     * <p>Called on any thread: it must be cheap, must not block and must always return the
     * same value for one instance.
     *
     * @return a positive number; by default 0, meaning the plugin keeps no connections and has
     *         no preference
     */
    default int destinationConcurrency() {
        return 0;
    }

    /** Releases what this instance holds; called when its monitor is removed or replaced. */
    @Override
    default void close() {
    }
}
