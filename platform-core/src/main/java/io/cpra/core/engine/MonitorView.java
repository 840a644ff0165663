package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Instant;
import java.util.List;

/**
 * One monitor's live state as the engine saw it at one tick. Immutable.
 *
 * @param name                the monitor's name
 * @param pulseType           its pulse plugin's type
 * @param intervalNanos       its interval
 * @param groups              its groups
 * @param enabled             false when the manifest disables it
 * @param paused              true when an operator paused it
 * @param stage               its lifecycle stage
 * @param consecutiveFailures failed pulses in a row
 * @param successStreak       passing pulses in a row (capped at the healthy threshold)
 * @param attempts            the current episode's intervention attempt, or 0
 * @param verifyRemaining     verification pulses still to pass
 * @param incidentId          the open incident's id, or 0
 * @param lastStatus          the last pulse outcome's status, or {@code null} before the first
 * @param lastLatencyMicros   the last pulse's duration
 * @param pulseInFlight       whether a pulse is running now
 * @param nextDue             when the next pulse is due, or {@code null} when none is scheduled; a
 *                            time in the past means the check is due and waits to start
 * @param maintenanceUntil    when maintenance ends, or {@code null}
 * @param origin              where the monitor is defined: the manifest or the API
 * @param recentOutcomes      its last few check outcomes, oldest first, kept while it is (or lately was)
 *                            in trouble; empty for a monitor that has been fine
 * @param lastRun             when its last check started, or {@code null} when none has
 * @param overdue             whether its due check has waited more than an interval past its due
 *                            time without starting (the engine is behind, or its destination is
 *                            held to a fair share)
 * @param dependsOn           its parents ({@code depends_on}): monitor names and {@code group:NAME}s
 * @param interventionHeldBy  the intervention budget its started attempt waits for, or {@code null}
 * @param notifyGroups        CPRA's notification groups it names ({@code notify_groups}, {@code codes.groups}
 *                            and each colour's {@code groups}), possibly empty
 */
public record MonitorView(String name,
                          String pulseType,
                          long intervalNanos,
                          List<String> groups,
                          boolean enabled,
                          boolean paused,
                          Stage stage,
                          int consecutiveFailures,
                          int successStreak,
                          int attempts,
                          int verifyRemaining,
                          long incidentId,
                          PulseOutcome.Status lastStatus,
                          int lastLatencyMicros,
                          boolean pulseInFlight,
                          Instant nextDue,
                          Instant maintenanceUntil,
                          MonitorPlan.Origin origin,
                          List<Outcome> recentOutcomes,
                          Instant lastRun,
                          boolean overdue,
                          List<String> dependsOn,
                          String interventionHeldBy,
                          List<String> notifyGroups) {

    /**
     * One check outcome.
     *
     * @param at            when the check ended
     * @param status        its status
     * @param latencyMicros how long it took
     * @param message       its message
     */
    public record Outcome(Instant at, PulseOutcome.Status status, long latencyMicros, String message) {
    }
}
