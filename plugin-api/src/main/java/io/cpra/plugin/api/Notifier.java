package io.cpra.plugin.api;

/**
 * A ready delivery channel for one monitor's codes of one colour, prepared by a
 * {@link CodePlugin}: a log file, a webhook, a Slack channel, a PagerDuty service, a mailbox.
 *
 * <p><b>Thread-safety:</b> must be safe for concurrent calls; several alerts for the same
 * destination may be in flight at once.
 *
 * <p><b>Deadline and retries:</b> {@link #deliver} makes one attempt and runs on a virtual
 * thread under a deadline; at the deadline the thread is interrupted. The platform owns
 * retries, backoff and a circuit breaker per {@link #destination()}, and keeps undelivered
 * alerts in its outbox, so a plugin reports a failure rather than retrying on its own. Alerts
 * are delivered at least once: receivers de-duplicate with {@link Alert#id()}.
 */
public interface Notifier extends AutoCloseable {

    /**
     * Makes one delivery attempt.
     *
     * @param alert    what to deliver
     * @param deadline when the attempt must have returned
     * @return whether the receiver accepted it, and if not whether trying again could help
     * @throws InterruptedException when interrupted at the deadline or at shutdown
     */
    DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException;

    /**
     * Names the receiver, such as {@code "http://hooks.example/T0/B0"} or
     * {@code "smtp://mail:25"}. Notifiers with the same destination share one circuit
     * breaker, so one dead receiver is detected once. Keep secrets out of it: it appears in
     * events and metrics.
     *
     * @return the destination; by default the empty string, which shares a breaker per type
     */
    default String destination() {
        return "";
    }

    /** Releases what this instance holds; called when its monitor is removed or replaced. */
    @Override
    default void close() {
    }
}
