package io.cpra.core.engine.lifecycle;

/**
 * The monitor lifecycle as a pure function: {@code (state, input, now, policy) -> (state',
 * codes, actions)}. No clock, no thread, no I/O, no hidden state; the same arguments always
 * give the same transition. The rules are the table in this package's documentation.
 *
 * <p>The common case, a passing pulse for a steady healthy monitor, is two compares and
 * allocates nothing ({@link #passChangesNothing}); only a step that changes the state
 * allocates its next state.
 *
 * <p><b>Thread-safety:</b> stateless; the {@link Transition} passed in belongs to the caller's thread.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /**
     * Applies one input to one monitor's state.
     *
     * @param state  the monitor's state before the input
     * @param input  what happened
     * @param now    when it happened, in the policy's time unit (nanoseconds); only the cooldown
     *               reads it, by difference, so any origin and wrap-around are fine
     * @param policy the monitor's settings
     * @param out    the sink to overwrite with the result
     * @return {@code out}
     * @throws NullPointerException when an argument is null
     */
    public static Transition step(LifecycleState state, Input input, long now, Policy policy, Transition out) {
        out.begin(state);
        if (input == Input.PULSE_PASSED && passChangesNothing(state.stage(), state.successStreak(), policy)) {
            return out;
        }
        Draft next = out.draft;
        next.load(state);
        switch (state.stage()) {
            case HEALTHY -> healthy(next, input, now, policy, out);
            case FAILING -> failing(next, input, now, policy, out);
            case INTERVENING -> intervening(next, input, now, policy, out);
            case VERIFYING -> verifying(next, input, now, policy, out);
            case INCIDENT -> incident(next, input, now, policy, out);
            case MAINTENANCE -> maintenance(next, input, out);
            case UNREACHABLE -> unreachable(next, input, now, policy, out);
        }
        out.end();
        return out;
    }

    /**
     * Whether a passing pulse leaves a monitor exactly as it is and asks for nothing: true for
     * a healthy monitor whose streak has reached the healthy threshold, the state of nearly
     * every monitor nearly all the time. The engine may test this on its columns and skip
     * building a {@link LifecycleState} for the step; {@link #step} gives the same answer.
     *
     * @param stage         the monitor's stage
     * @param successStreak its success streak
     * @param policy        its settings
     * @return true when {@code step(state, PULSE_PASSED, ...)} would return {@code state} and no action
     */
    public static boolean passChangesNothing(Stage stage, int successStreak, Policy policy) {
        return stage == Stage.HEALTHY && successStreak >= policy.healthyThreshold();
    }

    private static void healthy(Draft next, Input input, long now, Policy policy, Transition out) {
        switch (input) {
            case PULSE_PASSED -> recordPulse(next, true, policy);
            case PULSE_FAILED -> {
                recordPulse(next, false, policy);
                raise(Code.YELLOW, next, now, policy, out);
                if (next.failures >= policy.unhealthyThreshold()) {
                    thresholdReached(next, now, policy, out);
                } else {
                    next.stage = Stage.FAILING;
                }
            }
            case MAINTENANCE_ENTERED -> enterMaintenance(next, now, policy, out);
            case PARENT_DOWN -> becomeUnreachable(next);
            default -> out.add(Action.IGNORED);
        }
    }

    private static void failing(Draft next, Input input, long now, Policy policy, Transition out) {
        switch (input) {
            case PULSE_PASSED -> {
                recordPulse(next, true, policy);
                if (next.streak >= policy.healthyThreshold()) {
                    raise(Code.GREEN, next, now, policy, out);
                    next.stage = Stage.HEALTHY;
                }
            }
            case PULSE_FAILED -> {
                recordPulse(next, false, policy);
                if (next.failures >= policy.unhealthyThreshold()) {
                    thresholdReached(next, now, policy, out);
                }
            }
            case MAINTENANCE_ENTERED -> enterMaintenance(next, now, policy, out);
            case PARENT_DOWN -> becomeUnreachable(next);
            default -> out.add(Action.IGNORED);
        }
    }

    private static void intervening(Draft next, Input input, long now, Policy policy, Transition out) {
        boolean inFlight = next.has(LifecycleState.ATTEMPT_IN_FLIGHT);
        switch (input) {
            case PULSE_PASSED -> recordPulse(next, true, policy);
            case PULSE_FAILED -> recordPulse(next, false, policy);
            case ATTEMPT_SUCCEEDED -> {
                if (!inFlight) {
                    out.add(Action.IGNORED);
                    return;
                }
                next.flags &= ~LifecycleState.ATTEMPT_IN_FLIGHT;
                raise(Code.CYAN, next, now, policy, out);
                next.verify = policy.verificationPulses();
                next.stage = Stage.VERIFYING;
            }
            case ATTEMPT_FAILED, ATTEMPT_TIMED_OUT -> {
                if (!inFlight) {
                    out.add(Action.IGNORED);
                    return;
                }
                next.flags &= ~LifecycleState.ATTEMPT_IN_FLIGHT;
                if (policy.interventionConfigured() && next.attempts < policy.maxAttempts()) {
                    next.attempts++;
                    out.scheduleAttempt(next.attempts, policy.retryDelayNanos(next.attempts));
                } else {
                    escalate(next, now, policy, out);
                }
            }
            case RETRY_DUE -> {
                if (inFlight) {
                    out.add(Action.IGNORED);
                } else if (policy.interventionConfigured()) {
                    next.flags |= LifecycleState.ATTEMPT_IN_FLIGHT;
                    out.startAttempt(next.attempts);
                } else {
                    // The intervention was removed from the manifest while a retry waited.
                    escalate(next, now, policy, out);
                }
            }
            case ATTEMPT_HELD -> {
                if (!inFlight) {
                    out.add(Action.IGNORED);
                    return;
                }
                // The budget kept automation from making an outage worse; no retry behind its back.
                next.flags &= ~LifecycleState.ATTEMPT_IN_FLIGHT;
                escalate(next, now, policy, out);
            }
            case MAINTENANCE_ENTERED -> enterMaintenance(next, now, policy, out);
            case PARENT_DOWN -> becomeUnreachable(next);
            case MAINTENANCE_LEFT, MAINTENANCE_LEFT_PAUSED, PARENT_RECOVERED -> out.add(Action.IGNORED);
        }
    }

    private static void verifying(Draft next, Input input, long now, Policy policy, Transition out) {
        switch (input) {
            case PULSE_PASSED -> {
                recordPulse(next, true, policy);
                if (--next.verify == 0) {
                    recover(next, now, policy, out);
                }
            }
            case PULSE_FAILED -> {
                recordPulse(next, false, policy);
                next.verify = 0;
                escalate(next, now, policy, out);
            }
            case MAINTENANCE_ENTERED -> enterMaintenance(next, now, policy, out);
            case PARENT_DOWN -> becomeUnreachable(next);
            default -> out.add(Action.IGNORED);
        }
    }

    private static void incident(Draft next, Input input, long now, Policy policy, Transition out) {
        switch (input) {
            case PULSE_PASSED -> {
                recordPulse(next, true, policy);
                if (next.streak >= policy.healthyThreshold()) {
                    recover(next, now, policy, out);
                }
            }
            case PULSE_FAILED -> {
                recordPulse(next, false, policy);
                // raiseRed keeps it to one red per incident; only after maintenance cut an
                // intervention short can the incident still be without one here.
                if (next.failures >= policy.unhealthyThreshold()) {
                    raiseRed(next, now, policy, out);
                }
            }
            case MAINTENANCE_ENTERED -> enterMaintenance(next, now, policy, out);
            case PARENT_DOWN -> becomeUnreachable(next);
            default -> out.add(Action.IGNORED);
        }
    }

    private static void maintenance(Draft next, Input input, Transition out) {
        if (input == Input.MAINTENANCE_LEFT || input == Input.MAINTENANCE_LEFT_PAUSED) {
            boolean wasFailing = next.has(LifecycleState.FAILING_BEFORE_MAINTENANCE);
            next.flags &= ~LifecycleState.FAILING_BEFORE_MAINTENANCE;
            if (next.has(LifecycleState.INCIDENT_OPEN)) {
                next.stage = Stage.INCIDENT;
            } else if (wasFailing && input == Input.MAINTENANCE_LEFT_PAUSED) {
                // paused, no check will speak: it shows what the last checks showed, at least one failure
                next.stage = Stage.FAILING;
                next.failures = 1;
            } else {
                next.stage = Stage.HEALTHY;
            }
        } else {
            out.add(Action.IGNORED);
        }
    }

    private static void unreachable(Draft next, Input input, long now, Policy policy, Transition out) {
        switch (input) {
            case PARENT_RECOVERED -> {
                leaveUnreachable(next, now, policy, out);
                out.add(Action.RECHECK);
            }
            case PULSE_PASSED -> {
                // The monitor answers despite its parents: it speaks for itself again.
                leaveUnreachable(next, now, policy, out);
                if (next.stage == Stage.INCIDENT) {
                    incident(next, input, now, policy, out);
                } else {
                    healthy(next, input, now, policy, out);
                }
            }
            case PULSE_FAILED -> {
                // The engine found every parent up: the failure is the monitor's own. One whose
                // yellow is still out goes on failing without a second one.
                if (next.has(LifecycleState.OWES_GREEN)) {
                    next.flags &= ~LifecycleState.OWES_GREEN;
                    next.stage = Stage.FAILING;
                    failing(next, input, now, policy, out);
                } else {
                    next.stage = next.has(LifecycleState.INCIDENT_OPEN) ? Stage.INCIDENT : Stage.HEALTHY;
                    if (next.stage == Stage.INCIDENT) {
                        incident(next, input, now, policy, out);
                    } else {
                        healthy(next, input, now, policy, out);
                    }
                }
            }
            case MAINTENANCE_ENTERED -> {
                // as from failing, maintenance drops an outstanding yellow (M4)
                next.flags &= ~LifecycleState.OWES_GREEN;
                enterMaintenance(next, now, policy, out);
            }
            default -> out.add(Action.IGNORED);
        }
    }

    /**
     * A parent is down: the monitor's failures say nothing about it. No code, no incident; an
     * intervention episode ends as in maintenance, and an open incident stays open.
     */
    private static void becomeUnreachable(Draft next) {
        if (next.stage == Stage.FAILING) {
            next.flags |= LifecycleState.OWES_GREEN;
        }
        next.flags &= ~LifecycleState.ATTEMPT_IN_FLIGHT;
        next.failures = 0;
        next.streak = 0;
        next.attempts = 0;
        next.verify = 0;
        next.stage = Stage.UNREACHABLE;
    }

    /** Back to where the monitor stood without its parents' outage; a yellow still out gets its green. */
    private static void leaveUnreachable(Draft next, long now, Policy policy, Transition out) {
        if (next.has(LifecycleState.OWES_GREEN)) {
            next.flags &= ~LifecycleState.OWES_GREEN;
            raise(Code.GREEN, next, now, policy, out);
        }
        next.stage = next.has(LifecycleState.INCIDENT_OPEN) ? Stage.INCIDENT : Stage.HEALTHY;
    }

    private static void recordPulse(Draft next, boolean passing, Policy policy) {
        if (passing) {
            next.failures = 0;
            if (next.streak < policy.healthyThreshold()) {
                next.streak++;
            }
        } else {
            next.streak = 0;
            if (next.failures != Integer.MAX_VALUE) {
                next.failures++;
            }
        }
    }

    private static void thresholdReached(Draft next, long now, Policy policy, Transition out) {
        next.seq = next.seq == Integer.MAX_VALUE ? 1 : next.seq + 1;
        next.flags = (next.flags | LifecycleState.INCIDENT_OPEN) & ~LifecycleState.RED_RAISED;
        out.add(Action.OPEN_INCIDENT);
        if (policy.interventionConfigured()) {
            next.attempts = 1;
            next.flags |= LifecycleState.ATTEMPT_IN_FLIGHT;
            out.startAttempt(1);
            next.stage = Stage.INTERVENING;
        } else {
            raiseRed(next, now, policy, out);
            next.stage = Stage.INCIDENT;
        }
    }

    /** Nothing automated is left to try: red, and the incident waits for people or for recovery. */
    private static void escalate(Draft next, long now, Policy policy, Transition out) {
        raiseRed(next, now, policy, out);
        next.stage = Stage.INCIDENT;
    }

    private static void recover(Draft next, long now, Policy policy, Transition out) {
        raise(Code.GREEN, next, now, policy, out);
        next.flags &= ~(LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED);
        out.add(Action.CLOSE_INCIDENT);
        next.attempts = 0;
        next.stage = Stage.HEALTHY;
    }

    private static void enterMaintenance(Draft next, long now, Policy policy, Transition out) {
        if (next.stage == Stage.FAILING) {
            next.flags |= LifecycleState.FAILING_BEFORE_MAINTENANCE;
        }
        raise(Code.GRAY, next, now, policy, out);
        // The incident, if any, stays open; the intervention episode and the counters end here.
        next.flags &= ~LifecycleState.ATTEMPT_IN_FLIGHT;
        next.failures = 0;
        next.streak = 0;
        next.attempts = 0;
        next.verify = 0;
        next.stage = Stage.MAINTENANCE;
    }

    private static void raiseRed(Draft next, long now, Policy policy, Transition out) {
        if (!next.has(LifecycleState.RED_RAISED)) {
            // A suppressed red still uses up the incident's one red.
            next.flags |= LifecycleState.RED_RAISED;
            raise(Code.RED, next, now, policy, out);
        }
    }

    private static void raise(Code colour, Draft next, long now, Policy policy, Transition out) {
        if (colour == Code.GREEN) {
            out.raise(colour);
            return;
        }
        long window = policy.cooldownNanos(colour);
        if (window > 0
                && (next.flags & LifecycleState.timeSetFlag(colour)) != 0
                && now - next.lastRaisedAt(colour) < window) {
            // The window runs from the last code actually raised, so a flapping monitor
            // still gets one code per window instead of being silenced for good.
            out.suppress(colour);
            return;
        }
        out.raise(colour);
        next.raisedAt(colour, now);
    }
}
