package io.cpra.core.engine.lifecycle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A copy of one step's arguments and result, since a {@link Transition} is overwritten by the next step. */
record Observed(LifecycleState before,
                Input input,
                long now,
                LifecycleState after,
                Set<Code> raised,
                Set<Code> suppressed,
                Set<Action> actions,
                int attempt,
                long delayNanos) {

    static Observed of(LifecycleState before, Input input, long now, Transition transition) {
        Set<Code> raised = EnumSet.noneOf(Code.class);
        Set<Code> suppressed = EnumSet.noneOf(Code.class);
        for (Code colour : Code.values()) {
            if (transition.raised(colour)) {
                raised.add(colour);
            }
            if (transition.suppressed(colour)) {
                suppressed.add(colour);
            }
        }
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (transition.has(action)) {
                actions.add(action);
            }
        }
        return new Observed(before, input, now, transition.state(), raised, suppressed, actions,
                transition.attempt(), transition.delayNanos());
    }

    /** Raised or suppressed: the code was due, whatever the cooldown said. */
    boolean due(Code colour) {
        return raised.contains(colour) || suppressed.contains(colour);
    }

    boolean anyCode() {
        return !raised.isEmpty() || !suppressed.isEmpty();
    }

    /** Codes in the order they are raised: {@code yellow}, or {@code ~red} when suppressed. */
    List<String> codeWords() {
        List<String> words = new ArrayList<>();
        for (Code colour : Code.values()) {
            String name = colour.name().toLowerCase(Locale.ROOT);
            if (raised.contains(colour)) {
                words.add(name);
            }
            if (suppressed.contains(colour)) {
                words.add("~" + name);
            }
        }
        return words;
    }
}
