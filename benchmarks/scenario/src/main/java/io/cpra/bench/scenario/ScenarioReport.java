package io.cpra.bench.scenario;

import java.util.Locale;

/**
 * What a scenario run measured, over its measured window unless said otherwise.
 *
 * @param scenario          the run's settings
 * @param loadMillis        time to apply the monitors to the engine
 * @param checksPerSecond   checks finished per second
 * @param dueShare          checks started / checks due
 * @param dueChecks         checks that came due
 * @param overruns          due checks skipped because the previous one still ran
 * @param skipped           due checks skipped because the engine fell a whole interval behind
 * @param deferrals         due jobs that waited a tick for room in the pulse queue
 * @param latenessP50Millis start lateness, median
 * @param latenessP99Millis start lateness, 99th percentile
 * @param latenessMaxMillis start lateness, largest
 * @param engineCpuShare    CPU time of the engine thread / wall time
 * @param processCpuShare   CPU time of the whole process / wall time (of 2 cores: up to 2.0)
 * @param heapPerMonitor    heap after a full GC, above the empty baseline, per monitor (bytes)
 * @param rssMiB            resident set size at the end
 * @param neverChecked      monitors with no outcome at the end (synthetic runs)
 * @param inFlightAfterStop pulse calls still in flight after the engine stopped
 * @param poolLimit         the pulse pool's concurrency limit at the end
 * @param serviceMicros     the pulse pool's mean call time in the last window
 */
record ScenarioReport(Scenario scenario, long loadMillis, double checksPerSecond, double dueShare, long dueChecks,
                      long overruns, long skipped, long deferrals, double latenessP50Millis,
                      double latenessP99Millis, double latenessMaxMillis, double engineCpuShare,
                      double processCpuShare, double heapPerMonitor, long rssMiB, long neverChecked,
                      int inFlightAfterStop, int poolLimit, double serviceMicros) {

    String describe() {
        return String.format(Locale.ROOT, """
                monitors          %,d %s at %s (latency %s %s, failure rate %s)
                load              %,d ms
                checks/s          %,.0f
                due checks run    %.4f %% of %,d (overruns %,d, skipped %,d, deferrals %,d)
                start lateness    p50 %.2f ms, p99 %.2f ms, max %.2f ms
                CPU               engine thread %.0f %%, process %.0f %% (of 200 %%)
                heap per monitor  %.0f bytes after GC
                RSS               %,d MiB
                never checked     %,d; in flight after stop %d
                pulse pool        limit %d, mean call %.2f us""",
                scenario.monitors(), scenario.pulse(), io.cpra.plugin.api.Durations.format(scenario.interval()),
                scenario.latency(), io.cpra.plugin.api.Durations.format(scenario.mean()), scenario.failureRate(),
                loadMillis, checksPerSecond, dueShare * 100, dueChecks, overruns, skipped, deferrals,
                latenessP50Millis, latenessP99Millis, latenessMaxMillis, engineCpuShare * 100, processCpuShare * 100,
                heapPerMonitor, rssMiB, neverChecked, inFlightAfterStop, poolLimit, serviceMicros);
    }
}
