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
    MAINTENANCE_LEFT_PAUSED,
    /**
     * Bad news arrived while a parent the monitor {@code depends_on} is down: a failed pulse, a
     * failed or timed-out attempt in flight, or the timer of a scheduled attempt. The engine
     * gives this instead of the input itself ({@link #underDownParent}); the monitor becomes
     * {@link Stage#UNREACHABLE} without a code.
     */
    PARENT_DOWN,
    /** Every parent the monitor depends on is up again; an unreachable monitor is re-checked at once. */
    PARENT_RECOVERED,
    /**
     * The attempt the lifecycle started waited for room in an intervention budget longer than
     * the budget's {@code wait} and was never run: people are needed, as when attempts are exhausted.
     */
    ATTEMPT_HELD;

    /**
     * The input for a pulse outcome.
     *
     * @param passing whether the outcome passes ({@code PulseOutcome.passing()})
     * @return {@link #PULSE_PASSED} or {@link #PULSE_FAILED}
     */
    public static Input pulse(boolean passing) {
        return passing ? PULSE_PASSED : PULSE_FAILED;
    }

    /**
     * The input to step with when a parent of the monitor is down: {@link #PARENT_DOWN} for the
     * bad news a parent's outage explains (a failed pulse, a failed, timed-out or held
     * attempt in flight, a due retry of a scheduled attempt), this input itself for anything else. Good
     * news and operator commands keep their meaning; a stray attempt outcome or timer stays
     * stray and is ignored as usual.
     *
     * @param state the monitor's state before the step
     * @return the input to step with
     */
    public Input underDownParent(LifecycleState state) {
        return switch (this) {
            case PULSE_FAILED -> PARENT_DOWN;
            case ATTEMPT_FAILED, ATTEMPT_TIMED_OUT, ATTEMPT_HELD -> state.attemptInFlight() ? PARENT_DOWN : this;
            case RETRY_DUE -> state.retryPending() ? PARENT_DOWN : this;
            default -> this;
        };
    }
}
