package io.cpra.core.engine;

import io.cpra.plugin.api.PulseOutcome;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finished checks by pulse type and outcome status. The engine thread counts; metrics read.
 * A type's counters are created the first time one of its checks finishes.
 */
final class CheckCounts {

    private static final int STATUSES = PulseOutcome.Status.values().length;

    private final Map<String, Counter[]> byType = new ConcurrentHashMap<>();
    // most checks are of the type just counted: skip the map for them (engine thread only)
    private String lastType;
    private Counter[] lastCounters;

    /** Engine thread only. */
    void count(String type, PulseOutcome.Status status) {
        Counter[] counters = type == lastType ? lastCounters : byType.get(type);
        if (counters == null) {
            counters = byType.computeIfAbsent(type, t -> {
                Counter[] fresh = new Counter[STATUSES];
                for (int i = 0; i < STATUSES; i++) {
                    fresh[i] = new Counter();
                }
                return fresh;
            });
        }
        lastType = type;
        lastCounters = counters;
        counters[status.ordinal()].increment();
    }

    long get(String type, PulseOutcome.Status status) {
        Counter[] counters = byType.get(type);
        return counters == null ? 0 : counters[status.ordinal()].get();
    }
}
