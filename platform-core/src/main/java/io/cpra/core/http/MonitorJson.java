package io.cpra.core.http;

import io.cpra.core.engine.MonitorView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * A monitor's live state as JSON, the same in a listing and on its own. Returns builders so a
 * caller can add what only it knows: the monitor's definition, its recent outcomes and its
 * open incident come from storage, not from the engine, and are added beside these fields.
 * No instances.
 */
final class MonitorJson {

    private MonitorJson() {
    }

    /**
     * The engine's view of one monitor.
     *
     * @param view the view
     * @return an object with {@code name}, {@code type}, {@code interval_ms}, {@code groups},
     *         {@code depends_on}, {@code notify_groups}, {@code enabled}, {@code paused}, {@code stage}, {@code colour}, {@code consecutive_failures},
     *         {@code success_streak}, {@code intervention_attempts}, {@code verify_remaining},
     *         {@code incident_id}, {@code last_check}, {@code last_run}, {@code overdue},
     *         {@code check_running}, {@code next_due}, {@code maintenance_until} and {@code intervention_held_by}
     */
    static JsonObjectBuilder of(MonitorView view) {
        JsonArrayBuilder groups = Wire.JSON.createArrayBuilder();
        view.groups().forEach(groups::add);
        JsonArrayBuilder parents = Wire.JSON.createArrayBuilder();
        view.dependsOn().forEach(parents::add);
        JsonArrayBuilder notifyGroups = Wire.JSON.createArrayBuilder();
        view.notifyGroups().forEach(notifyGroups::add);
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder()
                .add("name", view.name())
                .add("type", view.pulseType())
                .add("interval_ms", Wire.millisOfNanos(view.intervalNanos()))
                .add("groups", groups)
                .add("depends_on", parents)
                .add("notify_groups", notifyGroups)
                .add("enabled", view.enabled())
                .add("paused", view.paused())
                .add("stage", Wire.name(view.stage()))
                .add("colour", view.stage().colourName())
                .add("consecutive_failures", view.consecutiveFailures())
                .add("success_streak", view.successStreak())
                .add("intervention_attempts", view.attempts())
                .add("verify_remaining", view.verifyRemaining());
        Wire.id(object, "incident_id", view.incidentId());
        if (view.lastStatus() == null) {
            object.addNull("last_check");
        } else {
            object.add("last_check", Wire.JSON.createObjectBuilder()
                    .add("status", Wire.name(view.lastStatus()))
                    .add("latency_ms", Wire.millis(view.lastLatencyMicros())));
        }
        Wire.instant(object, "last_run", view.lastRun());
        object.add("overdue", view.overdue());
        object.add("check_running", view.pulseInFlight());
        Wire.instant(object, "next_due", view.nextDue());
        Wire.instant(object, "maintenance_until", view.maintenanceUntil());
        if (view.interventionHeldBy() == null) {
            object.addNull("intervention_held_by");
        } else {
            object.add("intervention_held_by", view.interventionHeldBy());
        }
        return object;
    }
}
