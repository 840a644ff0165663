package io.cpra.core.engine.lifecycle;

/**
 * The next state while a step works it out: mutable copies of a {@link LifecycleState}'s
 * components, so that a step with several effects builds one new state instead of a chain of
 * copies. Owned by a {@link Transition}, reused across steps; engine thread only.
 */
final class Draft {
    Stage stage;
    int failures;
    int streak;
    int attempts;
    int verify;
    int seq;
    int flags;
    long yellowAt;
    long redAt;
    long cyanAt;
    long grayAt;

    void load(LifecycleState state) {
        stage = state.stage();
        failures = state.consecutiveFailures();
        streak = state.successStreak();
        attempts = state.attempts();
        verify = state.verifyRemaining();
        seq = state.incidentSeq();
        flags = state.flags();
        yellowAt = state.yellowAt();
        redAt = state.redAt();
        cyanAt = state.cyanAt();
        grayAt = state.grayAt();
    }

    /** The drafted state, or {@code before} itself when nothing differs from it. */
    LifecycleState toState(LifecycleState before) {
        if (stage == before.stage()
                && failures == before.consecutiveFailures()
                && streak == before.successStreak()
                && attempts == before.attempts()
                && verify == before.verifyRemaining()
                && seq == before.incidentSeq()
                && flags == before.flags()
                && yellowAt == before.yellowAt()
                && redAt == before.redAt()
                && cyanAt == before.cyanAt()
                && grayAt == before.grayAt()) {
            return before;
        }
        return new LifecycleState(stage, failures, streak, attempts, verify, seq, flags,
                yellowAt, redAt, cyanAt, grayAt);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    long lastRaisedAt(Code colour) {
        return switch (colour) {
            case YELLOW -> yellowAt;
            case RED -> redAt;
            case CYAN -> cyanAt;
            case GRAY -> grayAt;
            case GREEN -> throw new IllegalArgumentException("green has no cooldown");
        };
    }

    void raisedAt(Code colour, long now) {
        switch (colour) {
            case YELLOW -> yellowAt = now;
            case RED -> redAt = now;
            case CYAN -> cyanAt = now;
            case GRAY -> grayAt = now;
            case GREEN -> throw new IllegalArgumentException("green has no cooldown");
        }
        flags |= LifecycleState.timeSetFlag(colour);
    }
}
