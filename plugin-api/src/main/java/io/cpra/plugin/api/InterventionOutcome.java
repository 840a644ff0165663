package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link Intervention#intervene} attempt. Immutable.
 *
 * <p>Success means the action was carried out (the container restarted, the script exited 0);
 * whether the monitor recovered is for the verification pulses that follow to tell.
 *
 * @param success whether the action was carried out
 * @param message one line for people, such as {@code "container checkout-api restarted"}
 * @param output  captured output worth keeping (bounded by the plugin), or an empty string
 */
public record InterventionOutcome(boolean success, String message, String output) {

    /**
     * Creates an outcome.
     *
     * @throws NullPointerException when a string is null
     */
    public InterventionOutcome {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(output, "output");
    }

    /**
     * A successful attempt.
     *
     * @param message what was done
     * @return a successful outcome without output
     */
    public static InterventionOutcome succeeded(String message) {
        return new InterventionOutcome(true, message, "");
    }

    /**
     * A failed attempt.
     *
     * @param message what went wrong
     * @return a failed outcome without output
     */
    public static InterventionOutcome failed(String message) {
        return new InterventionOutcome(false, message, "");
    }

    /**
     * This outcome with captured output attached.
     *
     * @param output the captured output
     * @return a copy with the given output
     */
    public InterventionOutcome withOutput(String output) {
        return new InterventionOutcome(success, message, output);
    }
}
