package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;

import java.util.List;
import java.util.Map;

/**
 * Counts across all monitors and the load of each pipeline, at one tick. Immutable.
 *
 * @param monitors      monitors loaded
 * @param byStage       monitors per lifecycle stage
 * @param disabled      monitors the manifest disables
 * @param paused        monitors an operator paused
 * @param openIncidents incidents open now
 * @param checks        pulse checks finished since start
 * @param dueChecks     pulse checks that came due since start
 * @param overruns      due checks skipped because the previous one was still running
 * @param skipped       due checks skipped because the engine fell a whole interval behind
 * @param deferrals     times a due job found its pool's queue full and waited for the next tick
 * @param pools         the pipelines' load
 */
public record EngineSummary(long monitors,
                            Map<Stage, Long> byStage,
                            long disabled,
                            long paused,
                            long openIncidents,
                            long checks,
                            long dueChecks,
                            long overruns,
                            long skipped,
                            long deferrals,
                            List<PoolLoad> pools) {

    /**
     * One pipeline's load.
     *
     * @param name            {@code pulse}, {@code intervention} or {@code code}
     * @param queueDepth      jobs waiting
     * @param inFlight        calls running
     * @param limit           the adaptive concurrency limit
     * @param completed       calls finished since start
     * @param abandoned       calls abandoned past their deadline since start
     * @param latenessP50Nanos start lateness, median of the last window
     * @param latenessP99Nanos start lateness, 99th percentile of the last window
     * @param latenessMaxNanos start lateness, largest of the last window
     */
    public record PoolLoad(String name, int queueDepth, int inFlight, int limit, long completed, long abandoned,
                           long latenessP50Nanos, long latenessP99Nanos, long latenessMaxNanos) {
    }
}
