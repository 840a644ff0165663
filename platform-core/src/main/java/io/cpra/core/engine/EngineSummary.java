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
 * @param deferrals     jobs that found their pool's queue full and waited for a later tick (each counted once)
 * @param pulses        whether the pulse pipeline keeps up: what waits, how long, who is overdue
 * @param faults        items the engine's fault barrier caught (a plugin or engine error; the engine went on)
 * @param journalStalls ticks in which the engine held back results because storage fell behind
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
                            PulseBacklog pulses,
                            long faults,
                            long journalStalls,
                            List<PoolLoad> pools) {

    /**
     * Whether due checks start on time, in the terms an operator needs to see starvation.
     *
     * @param waiting            due checks that have not started: waiting for the pool's queue or
     *                           for their destination's fair share
     * @param oldestWaitingNanos how long past its due time the oldest of them has waited
     * @param overdue            monitors whose due check has waited more than an interval
     * @param sharing            whether destinations are held to fair shares of the pool now
     *                           (the pool cannot give every destination what it asks)
     */
    public record PulseBacklog(long waiting, long oldestWaitingNanos, long overdue, boolean sharing) {

        /**
         * One word for the pulse pipeline's state.
         *
         * @return {@code keeping_up}, or {@code behind} when a monitor is overdue or a due
         *         check has waited a second or more
         */
        public String state() {
            return overdue > 0 || oldestWaitingNanos >= 1_000_000_000L ? "behind" : "keeping_up";
        }
    }

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
     * @param need            the concurrency the demand alone asks for
     * @param room            the concurrency file descriptors and heap allow
     * @param limitedBy       why the limit is what it is: {@code demand}, {@code cpu_pressure}, ...
     */
    public record PoolLoad(String name, int queueDepth, int inFlight, int limit, long completed, long abandoned,
                           long latenessP50Nanos, long latenessP99Nanos, long latenessMaxNanos, int need, int room,
                           String limitedBy) {
    }
}
