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

    /** Releases what this instance holds; called when its monitor is removed or replaced. */
    @Override
    default void close() {
    }
}
