package io.cpra.plugin.api;

import java.util.Objects;

/**
 * The result of one {@link PulseCheck#check}: a status, a one-line message for people and an
 * optional detail (performance data, a response excerpt). Immutable.
 *
 * <p>The platform measures the call's latency itself.
 *
 * @param status  how the target is doing
 * @param message a short human-readable line, such as {@code "HTTP 200 in 12 ms"}; never null
 * @param detail  extra text worth keeping with the outcome, or an empty string; never null
 */
public record PulseOutcome(Status status, String message, String detail) {

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

    /**
     * Creates an outcome.
     *
     * @throws NullPointerException when a component is null
     */
    public PulseOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * A passing outcome.
     *
     * @param message what was seen
     * @return an {@link Status#OK} outcome without detail
     */
    public static PulseOutcome ok(String message) {
        return new PulseOutcome(Status.OK, message, "");
    }

    /**
     * A passing outcome that deserves attention.
     *
     * @param message what deserves attention
     * @return a {@link Status#WARNING} outcome without detail
     */
    public static PulseOutcome warning(String message) {
        return new PulseOutcome(Status.WARNING, message, "");
    }

    /**
     * A failing outcome.
     *
     * @param message what went wrong
     * @return a {@link Status#CRITICAL} outcome without detail
     */
    public static PulseOutcome critical(String message) {
        return new PulseOutcome(Status.CRITICAL, message, "");
    }

    /**
     * An outcome for a check that could not tell.
     *
     * @param message why the check could not tell
     * @return an {@link Status#UNKNOWN} outcome without detail
     */
    public static PulseOutcome unknown(String message) {
        return new PulseOutcome(Status.UNKNOWN, message, "");
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
     * Whether this outcome counts as a success.
     *
     * @return {@code status().passing()}
     */
    public boolean passing() {
        return status.passing();
    }
}
