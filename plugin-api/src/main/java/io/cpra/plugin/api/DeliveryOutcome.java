package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link Notifier#deliver} attempt. Immutable.
 *
 * @param delivered whether the receiver accepted the alert
 * @param retryable for a failure, whether another attempt could succeed (a timeout, a 503)
 *                  rather than never (a 400, an unknown recipient)
 * @param message   one line for people, such as {@code "HTTP 202"}
 */
public record DeliveryOutcome(boolean delivered, boolean retryable, String message) {

    /**
     * Creates an outcome.
     *
     * @throws NullPointerException when {@code message} is null
     */
    public DeliveryOutcome {
        Objects.requireNonNull(message, "message");
        if (delivered) {
            retryable = false;
        }
    }

    /**
     * The receiver accepted the alert.
     *
     * @param message what the receiver answered
     * @return a delivered outcome
     */
    public static DeliveryOutcome delivered(String message) {
        return new DeliveryOutcome(true, false, message);
    }

    /**
     * A failure that another attempt could fix.
     *
     * @param message what went wrong
     * @return a retryable failure
     */
    public static DeliveryOutcome retry(String message) {
        return new DeliveryOutcome(false, true, message);
    }

    /**
     * A failure that no further attempt will fix.
     *
     * @param message what went wrong
     * @return a permanent failure
     */
    public static DeliveryOutcome reject(String message) {
        return new DeliveryOutcome(false, false, message);
    }
}
