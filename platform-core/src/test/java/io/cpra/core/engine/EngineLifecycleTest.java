package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.EngineFixture.ScriptedIntervention;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.schedule.FixedRate;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static io.cpra.core.engine.EngineFixture.everyColour;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine end to end on a hand-driven clock: schedule, lifecycle, codes, interventions. */
class EngineLifecycleTest {

    private final EngineFixture fixture = new EngineFixture();
    private final RecordingNotifier notifier = new RecordingNotifier();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void load(String name, ScriptedCheck check, Policy policy, InterventionSpec intervention) {
        MonitorSpec spec = new MonitorSpec("scripted", SECOND, 500 * MS, policy, intervention,
                everyColour(notifier), List.of("tests"));
        fixture.engine.apply(List.of(new MonitorPlan(name, true, check, spec, 1)), false).join();
    }

    private static PulseOutcome failUntil(int call, int lastFailing) {
        return call <= lastFailing ? PulseOutcome.critical("HTTP 503") : PulseOutcome.ok("HTTP 200");
    }

    @Test
    void checksRunOncePerIntervalFromASpreadStart() {
        ScriptedCheck check = ScriptedCheck.passing();
        load("steady", check, Policy.defaults(), null);

        fixture.advance(Duration.ofSeconds(10));

        long offset = FixedRate.offset("steady", SECOND);
        long expected = (10 * SECOND - offset) / SECOND + 1;
        assertThat(check.calls.get()).isEqualTo((int) expected);
        assertThat(fixture.view("steady").stage()).isEqualTo(Stage.HEALTHY);
        assertThat(fixture.engine.summary().join().overruns()).isZero();
        assertThat(notifier.alerts).isEmpty();
    }

    @Test
    void failuresRaiseYellowThenRedAndPassesCloseTheIncidentWithGreen() {
        ScriptedCheck check = new ScriptedCheck(n -> failUntil(n, 3));
        load("api", check, Policy.builder().unhealthyThreshold(3).healthyThreshold(2).build(), null);

        fixture.advance(Duration.ofSeconds(4));
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.RED);
        MonitorView failing = fixture.view("api");
        assertThat(failing.stage()).isEqualTo(Stage.INCIDENT);
        assertThat(failing.incidentId()).isPositive();
        assertThat(failing.lastStatus()).isNotNull();

        fixture.advance(Duration.ofSeconds(2));
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.RED, Colour.GREEN);
        Alert red = notifier.alerts.get(1);
        Alert green = notifier.alerts.get(2);
        assertThat(red.incidentId()).isEqualTo(Long.toString(failing.incidentId())).isEqualTo(green.incidentId());
        assertThat(red.summary()).contains("api is down after 3 failed checks: HTTP 503");
        assertThat(green.summary()).startsWith("api is healthy again after");
        assertThat(fixture.view("api").stage()).isEqualTo(Stage.HEALTHY);
        assertThat(fixture.view("api").incidentId()).isZero();
        assertThat(fixture.events(EngineEvent.IncidentOpened.class)).hasSize(1);
        assertThat(fixture.events(EngineEvent.IncidentClosed.class)).singleElement()
                .satisfies(closed -> assertThat(closed.incidentId()).isEqualTo(failing.incidentId()));
        assertThat(fixture.events(EngineEvent.StageChanged.class)).extracting(EngineEvent.StageChanged::to)
                .containsExactly(Stage.FAILING, Stage.INCIDENT, Stage.HEALTHY);
        // each check reaches the timeline once, with the first stage change after it
        assertThat(fixture.events(EngineEvent.StageChanged.class)).extracting(change -> change.checks().stream()
                        .map(MonitorView.Outcome::status).toList())
                .containsExactly(List.of(PulseOutcome.Status.CRITICAL), List.of(),
                        List.of(PulseOutcome.Status.OK, PulseOutcome.Status.OK));
        // the incident opens with the whole history that led to it
        assertThat(fixture.events(EngineEvent.IncidentOpened.class).getFirst().checks())
                .extracting(MonitorView.Outcome::status).containsExactly(PulseOutcome.Status.CRITICAL,
                        PulseOutcome.Status.CRITICAL, PulseOutcome.Status.CRITICAL);
        // yellow came before the incident; red and green belong to it
        assertThat(fixture.events(EngineEvent.DeliveryFinished.class)).extracting(EngineEvent.DeliveryFinished::incidentId)
                .containsExactly(0L, failing.incidentId(), failing.incidentId());
    }

    @Test
    void aSuccessfulInterventionIsVerifiedThenRecovers() {
        ScriptedCheck check = new ScriptedCheck(n -> failUntil(n, 2));
        ScriptedIntervention restart = new ScriptedIntervention();
        Policy policy = Policy.builder().unhealthyThreshold(2).healthyThreshold(2).intervention(2)
                .retryBackoff(5 * SECOND, 60 * SECOND).verificationPulses(2).build();
        load("checkout", check, policy, new InterventionSpec("docker", restart, 2 * SECOND, 2));

        fixture.advance(Duration.ofSeconds(3));
        assertThat(restart.requests).singleElement().satisfies(request -> {
            assertThat(request.monitor()).isEqualTo("checkout");
            assertThat(request.attempt()).isEqualTo(1);
            assertThat(request.maxAttempts()).isEqualTo(2);
            assertThat(request.lastError()).isEqualTo("HTTP 503");
            assertThat(request.incidentId()).isNotEmpty();
        });
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.CYAN);
        assertThat(fixture.view("checkout").stage()).isIn(Stage.VERIFYING, Stage.HEALTHY);

        fixture.advance(Duration.ofSeconds(3));
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.CYAN, Colour.GREEN);
        assertThat(fixture.view("checkout").stage()).isEqualTo(Stage.HEALTHY);
        assertThat(fixture.events(EngineEvent.InterventionFinished.class)).singleElement()
                .satisfies(done -> assertThat(done.success()).isTrue());
    }

    @Test
    void failedAttemptsAreRetriedAfterTheirBackoffThenRed() {
        ScriptedCheck check = new ScriptedCheck(n -> PulseOutcome.critical("connection refused"));
        ScriptedIntervention restart = new ScriptedIntervention();
        restart.script = n -> InterventionOutcome.failed("no such container");
        Policy policy = Policy.builder().unhealthyThreshold(1).intervention(2)
                .retryBackoff(5 * SECOND, 60 * SECOND).build();
        load("db", check, policy, new InterventionSpec("docker", restart, 2 * SECOND, 2));

        fixture.advance(Duration.ofSeconds(2));
        assertThat(restart.requests).hasSize(1);
        fixture.advance(Duration.ofSeconds(3));
        assertThat(restart.requests).as("the retry waits for its 5 s backoff").hasSize(1);
        fixture.advance(Duration.ofSeconds(3));

        assertThat(restart.requests).extracting(r -> r.attempt()).containsExactly(1, 2);
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.RED);
        assertThat(notifier.alerts.get(1).summary()).contains("docker intervention did not restore it (2 attempts)");
        assertThat(fixture.view("db").stage()).isEqualTo(Stage.INCIDENT);
    }

    @Test
    void recentOutcomesAreKeptWhileAMonitorIsInTroubleAndDroppedOnceItIsFineAgain() {
        ScriptedCheck check = new ScriptedCheck(n -> n == 2 ? PulseOutcome.critical("HTTP 503") : PulseOutcome.ok("HTTP 200"));
        load("flappy", check, Policy.builder().unhealthyThreshold(3).build(), null);

        fixture.advance(Duration.ofSeconds(1));
        assertThat(fixture.view("flappy").recentOutcomes()).isEmpty();
        fixture.advance(Duration.ofSeconds(2));
        assertThat(fixture.view("flappy").recentOutcomes()).extracting(MonitorView.Outcome::message)
                .containsExactly("HTTP 503", "HTTP 200");

        fixture.advance(Duration.ofSeconds(12));
        assertThat(fixture.view("flappy").recentOutcomes()).as("ten OK checks while healthy end the history").isEmpty();
    }

    @Test
    void aCodeWithoutABlockOrWithDispatchOffIsAnEventOnly() {
        ScriptedCheck check = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        MonitorSpec spec = new MonitorSpec("scripted", SECOND, 500 * MS, Policy.defaults(), null,
                List.of(new CodeRoute(Colour.RED, "recording", notifier, false)), List.of());
        fixture.engine.apply(List.of(new MonitorPlan("quiet", true, check, spec, 1)), false).join();

        fixture.advance(Duration.ofSeconds(2));

        assertThat(notifier.alerts).isEmpty();
        assertThat(fixture.events(EngineEvent.CodeRaised.class)).extracting(c -> c.colour() + " " + c.dispatched())
                .containsExactly("YELLOW false", "RED false");
    }

    @Test
    void undeliveredCodesAreRetriedLaterThenDeadLettered() {
        notifier.answer = n -> DeliveryOutcome.retry("503 from the receiver");
        ScriptedCheck check = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        MonitorSpec spec = new MonitorSpec("scripted", 60 * SECOND, 500 * MS, Policy.defaults(), null,
                List.of(new CodeRoute(Colour.RED, "recording", notifier, true)), List.of());
        fixture.engine.apply(List.of(new MonitorPlan("pager", true, check, spec, 1)), false).join();

        fixture.advance(Duration.ofSeconds(61), Duration.ofSeconds(1));
        assertThat(notifier.calls).as("first delivery, then 10 s later the second").hasValue(2);
        fixture.advance(Duration.ofSeconds(30), Duration.ofSeconds(1));

        assertThat(notifier.calls).hasValue(3);
        List<EngineEvent.DeliveryFinished> deliveries = fixture.events(EngineEvent.DeliveryFinished.class);
        assertThat(deliveries).extracting(EngineEvent.DeliveryFinished::attempt).containsExactly(1, 2, 3);
        assertThat(deliveries.get(2).deadLettered()).isTrue();
        assertThat(deliveries).extracting(EngineEvent.DeliveryFinished::alertId).containsOnly(deliveries.get(0).alertId());
        assertThat(notifier.alerts).extracting(Alert::id).containsOnly(deliveries.get(0).alertId());
    }

    @Test
    void aRedeliveryThatSucceedsEndsTheRetries() {
        notifier.answer = n -> n == 1 ? DeliveryOutcome.retry("connection refused") : DeliveryOutcome.delivered("202");
        ScriptedCheck check = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        MonitorSpec spec = new MonitorSpec("scripted", 60 * SECOND, 500 * MS, Policy.defaults(), null,
                List.of(new CodeRoute(Colour.RED, "recording", notifier, true)), List.of());
        fixture.engine.apply(List.of(new MonitorPlan("pager", true, check, spec, 1)), false).join();

        fixture.advance(Duration.ofSeconds(90), Duration.ofSeconds(1));

        assertThat(notifier.calls).hasValue(2);
        assertThat(fixture.events(EngineEvent.DeliveryFinished.class)).extracting(EngineEvent.DeliveryFinished::delivered)
                .containsExactly(false, true);
    }
}
