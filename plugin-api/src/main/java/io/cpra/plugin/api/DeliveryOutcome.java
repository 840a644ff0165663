package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link Notifier#deliver} attempt. Immutable and thread-safe.
 *
 * <p>Made with {@link #delivered}, {@link #retry} or {@link #reject}; new attributes arrive as
 * {@code with...} methods with a default.
 */
public final class DeliveryOutcome {

    private final boolean delivered;
    private final boolean retryable;
    private final String message;

    private DeliveryOutcome(boolean delivered, boolean retryable, String message) {
        this.delivered = delivered;
        this.retryable = !delivered && retryable;
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * The receiver accepted the alert.
     *
     * @param message what the receiver answered, such as {@code "HTTP 202"}
     * @return a delivered outcome
     */
    public static DeliveryOutcome delivered(String message) {
        return new DeliveryOutcome(true, false, message);
    }

    /**
     * A failure that another attempt could fix (a timeout, a 503).
     *
     * @param message what went wrong
     * @return a retryable failure
     */
    public static DeliveryOutcome retry(String message) {
        return new DeliveryOutcome(false, true, message);
    }

    /**
     * A failure that no further attempt will fix (a 400, an unknown recipient).
     *
     * @param message what went wrong
     * @return a permanent failure
     */
    public static DeliveryOutcome reject(String message) {
        return new DeliveryOutcome(false, false, message);
    }

    /**
     * Whether the receiver accepted the alert.
     *
     * @return true when delivered
     */
    public boolean delivered() {
        return delivered;
    }

    /**
     * For a failure, whether another attempt could succeed.
     *
     * @return true for a retryable failure; false when delivered or rejected for good
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * One line for people.
     *
     * @return such as {@code "HTTP 202"}
     */
    public String message() {
        return message;
    }

    /**
     * This outcome with another message, such as the message with a prefix.
     *
     * @param message the new message
     * @return a copy with the given message
     */
    public DeliveryOutcome withMessage(String message) {
        return new DeliveryOutcome(delivered, retryable, message);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryOutcome that
                && delivered == that.delivered && retryable == that.retryable && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(delivered, retryable, message);
    }

    @Override
    public String toString() {
        return "DeliveryOutcome[" + (delivered ? "delivered" : retryable ? "retry" : "reject") + " " + message + "]";
    }
}
