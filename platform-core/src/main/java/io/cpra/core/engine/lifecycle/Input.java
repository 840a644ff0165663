package io.cpra.core.engine.lifecycle;

/**
 * What happened to a monitor: the input of one {@link Lifecycle#step}. The time at which it
 * happened travels beside it as the {@code now} argument.
 */
public enum Input {
    /** A pulse passed: {@code OK} or {@code WARNING}. */
    PULSE_PASSED,
    /** A pulse failed: {@code CRITICAL}, {@code UNKNOWN}, or the pulse timed out. */
    PULSE_FAILED,
    /** The intervention attempt in flight reports that it carried out its action. */
    ATTEMPT_SUCCEEDED,
    /** The intervention attempt in flight reports that it could not carry out its action. */
    ATTEMPT_FAILED,
    /** The intervention attempt in flight overran its deadline and was abandoned; counts as failed. */
    ATTEMPT_TIMED_OUT,
    /** The backoff timer of a scheduled intervention attempt fired. */
    RETRY_DUE,
    /** An operator put the monitor into maintenance. */
    MAINTENANCE_ENTERED,
    /** An operator took the monitor out of maintenance. */
    MAINTENANCE_LEFT,
    /**
     * An operator took the monitor out of maintenance while its checks are paused: no check has
     * run since maintenance began, so nothing has shown that its stage changed.
     */
    MAINTENANCE_LEFT_PAUSED;

    /**
     * The input for a pulse outcome.
     *
     * @param passing whether the outcome passes ({@code PulseOutcome.passing()})
     * @return {@link #PULSE_PASSED} or {@link #PULSE_FAILED}
     */
    public static Input pulse(boolean passing) {
        return passing ? PULSE_PASSED : PULSE_FAILED;
    }
}
