package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link Intervention#intervene} attempt. Immutable and thread-safe.
 *
 * <p>Success means the action was carried out (the container restarted, the script exited 0);
 * whether the monitor recovered is for the verification pulses that follow to tell. Made with
 * {@link #succeeded}, {@link #failed} or {@link #of}; new attributes arrive as
 * {@code with...} methods with a default.
 */
public final class InterventionOutcome {

    private final boolean success;
    private final String message;
    private final String output;

    private InterventionOutcome(boolean success, String message, String output) {
        this.success = success;
        this.message = Objects.requireNonNull(message, "message");
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * An outcome of either kind.
     *
     * @param success whether the action was carried out
     * @param message one line for people, such as {@code "container checkout-api restarted"}
     * @return the outcome, without output
     */
    public static InterventionOutcome of(boolean success, String message) {
        return new InterventionOutcome(success, message, "");
    }

    /**
     * A successful attempt.
     *
     * @param message what was done
     * @return a successful outcome without output
     */
    public static InterventionOutcome succeeded(String message) {
        return of(true, message);
    }

    /**
     * A failed attempt.
     *
     * @param message what went wrong
     * @return a failed outcome without output
     */
    public static InterventionOutcome failed(String message) {
        return of(false, message);
    }

    /**
     * Whether the action was carried out.
     *
     * @return true on success
     */
    public boolean success() {
        return success;
    }

    /**
     * One line for people.
     *
     * @return such as {@code "container checkout-api restarted"}
     */
    public String message() {
        return message;
    }

    /**
     * Captured output worth keeping, bounded by the plugin.
     *
     * @return the output, or an empty string
     */
    public String output() {
        return output;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof InterventionOutcome that
                && success == that.success && message.equals(that.message) && output.equals(that.output);
    }

    @Override
    public int hashCode() {
        return Objects.hash(success, message, output);
    }

    @Override
    public String toString() {
        return "InterventionOutcome[" + (success ? "succeeded" : "failed") + " " + message + "]";
    }
}
