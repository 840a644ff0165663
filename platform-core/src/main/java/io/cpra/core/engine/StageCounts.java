package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;

import java.util.EnumMap;
import java.util.Map;

/** Monitors per stage, kept up to date as stages change, so counting costs nothing at 1M monitors. */
final class StageCounts {

    private final Counter[] counts = new Counter[Stage.values().length];

    StageCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new Counter();
        }
    }

    /** Engine thread only. */
    void add(Stage stage, int n) {
        counts[stage.ordinal()].add(n);
    }

    /** Engine thread only. */
    void move(Stage from, Stage to) {
        counts[from.ordinal()].add(-1);
        counts[to.ordinal()].increment();
    }

    long get(Stage stage) {
        return counts[stage.ordinal()].get();
    }

    Map<Stage, Long> snapshot() {
        Map<Stage, Long> copy = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            copy.put(stage, get(stage));
        }
        return copy;
    }
}
