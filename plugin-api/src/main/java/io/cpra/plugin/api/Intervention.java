package io.cpra.plugin.api;

/**
 * A ready remediation for one monitor, prepared by an {@link InterventionPlugin}: restart a
 * container, run a script, call a webhook.
 *
 * <p><b>Thread-safety:</b> must be safe for concurrent calls; the platform runs at most one
 * intervention per monitor at a time, but instances may be shared between monitors.
 *
 * <p><b>Deadline:</b> {@link #intervene} runs on a virtual thread under the deadline of the
 * intervention's {@code timeout}. Retries inside the call must stay within
 * {@link Deadline#remaining()}. At the deadline the thread is interrupted; a call that keeps
 * running is abandoned and counted as a failed attempt. The platform retries failed attempts
 * itself, with backoff, up to the manifest's {@code retries}.
 */
public interface Intervention extends AutoCloseable {

    /**
     * Performs one attempt of the remediation.
     *
     * @param request  which monitor, which attempt, and why
     * @param deadline when the attempt must have returned
     * @return whether the remediation was carried out; never {@code null}
     * @throws InterruptedException when interrupted at the deadline or at shutdown
     */
    InterventionOutcome intervene(InterventionRequest request, Deadline deadline) throws InterruptedException;

    /** Releases what this instance holds; called when its monitor is removed or replaced. */
    @Override
    default void close() {
    }
}
