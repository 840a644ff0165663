package io.cpra.core.engine.lifecycle;

import java.util.ArrayList;
import java.util.List;

/** Drives one monitor through inputs with a hand-held clock and keeps every step. */
final class Runner {
    private final Transition transition = Transition.create();
    private final List<Observed> log = new ArrayList<>();
    private Policy policy;
    private LifecycleState state = LifecycleState.INITIAL;
    private long now;

    Runner(Policy policy, long start) {
        this.policy = policy;
        this.now = start;
    }

    Observed apply(Input input) {
        LifecycleState before = state;
        Lifecycle.step(before, input, now, policy, transition);
        Observed step = Observed.of(before, input, now, transition);
        state = transition.state();
        log.add(step);
        return step;
    }

    void advance(long nanos) {
        now += nanos;
    }

    void policy(Policy replacement) {
        policy = replacement;
    }

    Policy policy() {
        return policy;
    }

    LifecycleState state() {
        return state;
    }

    List<Observed> log() {
        return log;
    }

    Observed last() {
        return log.getLast();
    }
}
