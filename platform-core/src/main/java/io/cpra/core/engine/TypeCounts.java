package io.cpra.core.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters by plugin type and a small fixed set of results, for meters labelled by both: checks by
 * pulse type and outcome status, deliveries by notifier type and result. The engine thread counts;
 * metrics read. A type's counters are created the first time it is counted.
 */
final class TypeCounts {

    private final int results;
    private final Map<String, Counter[]> byType = new ConcurrentHashMap<>();
    // most counts are of the type just counted: skip the map for them (engine thread only)
    private String lastType;
    private Counter[] lastCounters;

    /**
     * @param results how many results each type has
     */
    TypeCounts(int results) {
        this.results = results;
    }

    /** Engine thread only. */
    void count(String type, int result) {
        Counter[] counters = type == lastType ? lastCounters : byType.get(type);
        if (counters == null) {
            counters = byType.computeIfAbsent(type, t -> {
                Counter[] fresh = new Counter[results];
                for (int i = 0; i < results; i++) {
                    fresh[i] = new Counter();
                }
                return fresh;
            });
        }
        lastType = type;
        lastCounters = counters;
        counters[result].increment();
    }

    long get(String type, int result) {
        Counter[] counters = byType.get(type);
        return counters == null ? 0 : counters[result].get();
    }
}
