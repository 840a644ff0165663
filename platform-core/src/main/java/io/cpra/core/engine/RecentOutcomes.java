package io.cpra.core.engine;

import io.cpra.plugin.api.PulseOutcome;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few check outcomes of monitors that are, or were lately, in trouble — what an
 * operator looks at when a monitor goes yellow. Keeping every monitor's history would cost more
 * than the rest of a monitor's state, so a history starts at the first outcome that does not
 * pass OK, and is dropped again once the monitor has answered OK {@value #KEPT} times in a row
 * while healthy. Engine thread only.
 */
final class RecentOutcomes {

    /** Outcomes kept per monitor. */
    static final int KEPT = 10;

    private static final class History {
        final ArrayDeque<MonitorView.Outcome> outcomes = new ArrayDeque<>(KEPT);
        int okInARow;
        /** How many of the newest outcomes no stage change has reported yet. */
        int unreported;
    }

    private final Map<Long, History> byHandle = new HashMap<>();

    /** Records an outcome; returns whether the monitor still has a history afterwards. */
    boolean record(long handle, boolean healthy, Instant at, PulseOutcome outcome, long latencyMicros) {
        boolean ok = outcome.status() == PulseOutcome.Status.OK;
        History history = byHandle.get(handle);
        if (history == null) {
            if (ok && healthy) {
                return false;
            }
            history = new History();
            byHandle.put(handle, history);
        }
        if (history.outcomes.size() == KEPT) {
            history.outcomes.removeFirst();
        }
        history.outcomes.addLast(new MonitorView.Outcome(at, outcome.status(), latencyMicros, outcome.message()));
        history.unreported = Math.min(history.unreported + 1, KEPT);
        history.okInARow = ok && healthy ? history.okInARow + 1 : 0;
        if (history.okInARow >= KEPT) {
            byHandle.remove(handle);
            return false;
        }
        return true;
    }

    /** The monitor's recent outcomes, oldest first; empty when it has been fine. */
    List<MonitorView.Outcome> of(long handle) {
        History history = byHandle.get(handle);
        return history == null ? List.of() : List.copyOf(history.outcomes);
    }

    /**
     * The outcomes no stage change has reported yet, oldest first, and from now on reported: each
     * outcome reaches the timeline with the first stage change after it, and only with that one.
     */
    List<MonitorView.Outcome> takeUnreported(long handle) {
        History history = byHandle.get(handle);
        if (history == null || history.unreported == 0) {
            return List.of();
        }
        List<MonitorView.Outcome> all = List.copyOf(history.outcomes);
        List<MonitorView.Outcome> taken = all.subList(all.size() - history.unreported, all.size());
        history.unreported = 0;
        return taken;
    }

    /**
     * Every outcome kept, oldest first, and from now on reported: an incident opens with the
     * whole history that led to it, including checks an earlier stage change already reported.
     */
    List<MonitorView.Outcome> takeAll(long handle) {
        History history = byHandle.get(handle);
        if (history == null) {
            return List.of();
        }
        history.unreported = 0;
        return List.copyOf(history.outcomes);
    }

    void forget(long handle) {
        byHandle.remove(handle);
    }

    int size() {
        return byHandle.size();
    }
}
