package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.EngineFixture.ScriptedIntervention;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static io.cpra.core.engine.EngineFixture.everyColour;
import static org.assertj.core.api.Assertions.assertThat;

/** What a restart relies on: restoring state, write-ahead codes, redelivery, and origins. */
class EngineRestartTest {

    private final EngineFixture fixture = new EngineFixture();
    private final RecordingNotifier notifier = new RecordingNotifier();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private MonitorSpec spec(Policy policy, InterventionSpec intervention) {
        return new MonitorSpec("scripted", SECOND, 500 * MS, policy, intervention, everyColour(notifier), List.of());
    }

    @Test
    void aRestoredIncidentCarriesOnAndClosesWithGreen() {
        ScriptedCheck passing = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, passing, spec(Policy.defaults(), null), 1)), true).join();
        LifecycleState incident = new LifecycleState(Stage.INCIDENT, 5, 0, 0, 0, 3,
                LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED, 0, 0, 0, 0);
        Instant opened = fixture.wall.instant().minusSeconds(600);

        assertThat(fixture.engine.restore(List.of(new MonitorRestore("m", incident, 42, opened, false, false, null),
                new MonitorRestore("gone", incident, 43, opened, false, false, null))).join()).isEqualTo(1);
        assertThat(fixture.view("m").stage()).isEqualTo(Stage.INCIDENT);
        assertThat(fixture.view("m").incidentId()).isEqualTo(42);

        fixture.advance(Duration.ofSeconds(3));
        assertThat(notifier.colours()).containsExactly(Colour.GREEN);
        assertThat(notifier.alerts.get(0).incidentId()).isEqualTo("42");
        assertThat(notifier.alerts.get(0).summary()).contains("healthy again after 10m");
        assertThat(fixture.engine.summary().join().byStage().get(Stage.HEALTHY)).isEqualTo(1);
    }

    @Test
    void anAttemptThatWasRunningWhenTheProcessStoppedCountsAsFailed() {
        ScriptedCheck failing = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        ScriptedIntervention restart = new ScriptedIntervention();
        Policy policy = Policy.builder().intervention(2).retryBackoff(0, SECOND).build();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, failing,
                spec(policy, new InterventionSpec("docker", restart, SECOND, 2)), 1)), true).join();
        LifecycleState midAttempt = new LifecycleState(Stage.INTERVENING, 1, 0, 1, 0, 1,
                LifecycleState.INCIDENT_OPEN | LifecycleState.ATTEMPT_IN_FLIGHT, 0, 0, 0, 0);

        fixture.engine.restore(List.of(new MonitorRestore("m", midAttempt, 7, null, false, false, null))).join();
        fixture.advance(Duration.ofMillis(500));

        assertThat(restart.requests).extracting(r -> r.attempt()).containsExactly(2);
        assertThat(restart.requests.get(0).incidentId()).isEqualTo("7");
    }

    @Test
    void restoredHoldsKeepAMonitorPausedOrInMaintenance() {
        ScriptedCheck a = ScriptedCheck.passing();
        ScriptedCheck b = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("a", true, a, spec(Policy.defaults(), null), 1),
                new MonitorPlan("b", true, b, spec(Policy.defaults(), null), 2)), true).join();
        LifecycleState maintenance = new LifecycleState(Stage.MAINTENANCE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Instant until = fixture.wall.instant().plusSeconds(2);

        fixture.engine.restore(List.of(new MonitorRestore("a", null, 0, null, true, false, null),
                new MonitorRestore("b", maintenance, 0, null, false, true, until))).join();
        fixture.advance(Duration.ofSeconds(1));
        assertThat(a.calls).hasValue(0);
        assertThat(b.calls).hasValue(0);
        assertThat(fixture.view("a").paused()).isTrue();

        fixture.advance(Duration.ofSeconds(3));
        assertThat(a.calls).hasValue(0);
        assertThat(b.calls.get()).as("maintenance ended by itself").isPositive();
    }

    @Test
    void aMaintenanceHoldWinsOverASnapshotWrittenBeforeIt() {
        // the hold was acknowledged and stored; the process died before the journal stored the
        // stage change, so the snapshot still says healthy
        ScriptedCheck check = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, check, spec(Policy.defaults(), null), 1)), true).join();
        LifecycleState healthy = new LifecycleState(Stage.HEALTHY, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0);
        Instant until = fixture.wall.instant().plusSeconds(3600);

        fixture.engine.restore(List.of(new MonitorRestore("m", healthy, 0, null, false, true, until))).join();
        fixture.advance(Duration.ofSeconds(2));

        MonitorView view = fixture.view("m");
        assertThat(view.stage()).isEqualTo(Stage.MAINTENANCE);
        assertThat(view.maintenanceUntil()).isEqualTo(until);
        assertThat(check.calls).hasValue(0);
        assertThat(fixture.engine.summary().join().byStage()).containsEntry(Stage.MAINTENANCE, 1L)
                .containsEntry(Stage.HEALTHY, 0L);
    }

    @Test
    void heldCodesWaitForTheirReleaseAndGoInOrder() {
        ScriptedCheck failing = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        fixture.engine.holdCodesUntilReleased().join();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, failing, spec(Policy.defaults(), null), 1)), true).join();

        fixture.advance(Duration.ofSeconds(2));
        assertThat(notifier.alerts).as("nothing is delivered before the outbox has it").isEmpty();
        List<String> raised = fixture.events(EngineEvent.CodeRaised.class).stream().map(EngineEvent.CodeRaised::alertId).toList();
        assertThat(raised).hasSize(2);

        assertThat(fixture.engine.release(List.of(raised.get(0), "unknown")).join()).isEqualTo(1);
        fixture.settle();

        assertThat(notifier.alerts).extracting(Alert::id).containsExactlyElementsOf(raised);
    }

    @Test
    void pendingCodesAreDeliveredAgainWithTheirIdOrDeadLetteredWhenTheirRouteIsGone() {
        fixture.engine.apply(List.of(new MonitorPlan("m", true, ScriptedCheck.passing(), spec(Policy.defaults(), null), 1)),
                true).join();
        Alert kept = Alert.builder().id("a-1").monitor("m").colour(Colour.RED).title("t").summary("s")
                .incidentId("9").occurredAt(Instant.EPOCH).build();
        Alert orphan = Alert.builder().id("a-2").monitor("removed").colour(Colour.RED).title("t").summary("s")
                .incidentId("8").occurredAt(Instant.EPOCH).build();

        fixture.engine.redeliver(List.of(new PendingCode(kept, 3), new PendingCode(orphan, 1))).join();
        fixture.settle();

        assertThat(notifier.alerts).extracting(Alert::id).containsExactly("a-1");
        List<EngineEvent.DeliveryFinished> deliveries = fixture.events(EngineEvent.DeliveryFinished.class);
        assertThat(deliveries).filteredOn(d -> d.alertId().equals("a-1")).singleElement()
                .satisfies(d -> assertThat(d.attempt()).isEqualTo(4));
        assertThat(deliveries).filteredOn(d -> d.alertId().equals("a-2")).singleElement()
                .satisfies(d -> assertThat(d.deadLettered()).isTrue());
    }

    @Test
    void aManifestReloadLeavesApiMonitorsAlone() {
        MonitorSpec spec = spec(Policy.defaults(), null);
        fixture.engine.apply(List.of(new MonitorPlan("file", true, ScriptedCheck.passing(), spec, 1),
                new MonitorPlan("api", true, ScriptedCheck.passing(), spec, 2).from(MonitorPlan.Origin.API)), true).join();

        ApplyReport reload = fixture.engine.apply(List.of(), MonitorPlan.Origin.MANIFEST).join();

        assertThat(reload.removed()).containsExactly("file");
        assertThat(fixture.view("api").origin()).isEqualTo(MonitorPlan.Origin.API);
    }
}
