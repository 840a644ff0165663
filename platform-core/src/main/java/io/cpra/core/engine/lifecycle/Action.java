package io.cpra.core.engine.lifecycle;

/**
 * What the engine must do after a {@link Lifecycle#step}, besides raising codes (see
 * {@link Transition#raised(Code)} and {@link Transition#suppressed(Code)}).
 */
public enum Action {
    /**
     * A new incident opened; its per-monitor number is the next state's
     * {@link LifecycleState#incidentSeq()}.
     */
    OPEN_INCIDENT,
    /** The open incident closed (always together with green). */
    CLOSE_INCIDENT,
    /** Start intervention attempt {@link Transition#attempt()} now. */
    START_ATTEMPT,
    /**
     * Fire {@link Input#RETRY_DUE} after {@link Transition#delayNanos()}; the attempt it starts is
     * {@link Transition#attempt()}.
     */
    SCHEDULE_ATTEMPT,
    /**
     * Run the monitor's check now rather than at its next due time: its parents are up again
     * and its {@link Stage#UNREACHABLE} stage ended without evidence either way.
     */
    RECHECK,
    /** The stage differs from the one before the step. */
    STAGE_CHANGED,
    /**
     * The input does not apply to the current stage and changed nothing: a pulse during
     * maintenance, a late intervention outcome, a retry timer that outlived its attempt, a
     * repeated maintenance command. Worth counting, not worth an alarm.
     */
    IGNORED
}
