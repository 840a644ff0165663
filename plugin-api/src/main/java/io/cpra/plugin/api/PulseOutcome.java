package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link PulseCheck#check}: a status, a one-line message for people and an
 * optional detail (performance data, a response excerpt). Immutable and thread-safe.
 *
 * <p>Made with {@link #ok}, {@link #warning}, {@link #critical}, {@link #unknown} or
 * {@link #of}, and refined with the {@code with...} methods, each of which returns a copy.
 * New attributes arrive as new {@code with...} methods with a default. The platform measures
 * the call's latency itself.
 */
public final class PulseOutcome {

    /**
     * The status of a target, in the four levels of the Nagios plugin convention.
     * {@link #OK} and {@link #WARNING} pass; {@link #CRITICAL} and {@link #UNKNOWN} count as
     * failures towards the monitor's thresholds.
     */
    public enum Status {
        /** The target works as expected. */
        OK,
        /** The target works, but something deserves attention (a certificate expiring soon). */
        WARNING,
        /** The target does not work. */
        CRITICAL,
        /** The check could not tell, for example because it timed out or was misconfigured. */
        UNKNOWN;

        /**
         * Whether this status counts as a success for the monitor's lifecycle.
         *
         * @return true for {@link #OK} and {@link #WARNING}
         */
        public boolean passing() {
            return this == OK || this == WARNING;
        }
    }

    private final Status status;
    private final String message;
    private final String detail;

    private PulseOutcome(Status status, String message, String detail) {
        this.status = Objects.requireNonNull(status, "status");
        this.message = Objects.requireNonNull(message, "message");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /**
     * An outcome of any status.
     *
     * @param status  how the target is doing
     * @param message a short human-readable line, such as {@code "HTTP 200 in 12 ms"}
     * @return the outcome, without detail
     * @throws NullPointerException when an argument is null
     */
    public static PulseOutcome of(Status status, String message) {
        return new PulseOutcome(status, message, "");
    }

    /**
     * A passing outcome.
     *
     * @param message what was seen
     * @return an {@link Status#OK} outcome without detail
     */
    public static PulseOutcome ok(String message) {
        return of(Status.OK, message);
    }

    /**
     * A passing outcome that deserves attention.
     *
     * @param message what deserves attention
     * @return a {@link Status#WARNING} outcome without detail
     */
    public static PulseOutcome warning(String message) {
        return of(Status.WARNING, message);
    }

    /**
     * A failing outcome.
     *
     * @param message what went wrong
     * @return a {@link Status#CRITICAL} outcome without detail
     */
    public static PulseOutcome critical(String message) {
        return of(Status.CRITICAL, message);
    }

    /**
     * An outcome for a check that could not tell.
     *
     * @param message why the check could not tell
     * @return an {@link Status#UNKNOWN} outcome without detail
     */
    public static PulseOutcome unknown(String message) {
        return of(Status.UNKNOWN, message);
    }

    /**
     * How the target is doing.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * A short human-readable line.
     *
     * @return such as {@code "HTTP 200 in 12 ms"}; never null
     */
    public String message() {
        return message;
    }

    /**
     * Extra text worth keeping with the outcome.
     *
     * @return the detail, or an empty string; never null
     */
    public String detail() {
        return detail;
    }

    /**
     * This outcome with a detail attached.
     *
     * @param detail extra text, such as Nagios performance data
     * @return a copy with the given detail
     */
    public PulseOutcome withDetail(String detail) {
        return new PulseOutcome(status, message, detail);
    }

    /**
     * This outcome with another message, such as the message with a note appended.
     *
     * @param message the new message
     * @return a copy with the given message
     */
    public PulseOutcome withMessage(String message) {
        return new PulseOutcome(status, message, detail);
    }

    /**
     * Whether this outcome counts as a success.
     *
     * @return {@code status().passing()}
     */
    public boolean passing() {
        return status.passing();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PulseOutcome that
                && status == that.status && message.equals(that.message) && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, message, detail);
    }

    @Override
    public String toString() {
        return "PulseOutcome[" + status + " " + message + (detail.isEmpty() ? "" : " | " + detail) + "]";
    }
}
