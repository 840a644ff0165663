package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.pool.Job;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One plugin exception must never end the only writer. Each test makes a plugin throw from a
 * call the engine makes, then proves the engine still serves: commands are answered and
 * monitors are still checked. Before the fault barrier, a notifier whose {@code destination()}
 * threw killed the engine thread on the first delivery; every later command waited forever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineFaultBarrierTest {

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static MonitorSpec spec(InterventionSpec intervention, List<CodeRoute> routes) {
        return new MonitorSpec("scripted", SECOND, 500 * MS, Policy.defaults(), intervention, routes, List.of());
    }

    private void load(String name, ScriptedCheck check, MonitorSpec spec) {
        fixture.engine.apply(List.of(new MonitorPlan(name, true, check, spec, name.hashCode())), false).join();
    }

    /** The engine answers a command within a few seconds and is still checking monitors. */
    private void assertStillServing(ScriptedCheck check) throws Exception {
        assertThat(fixture.engine.alive()).isTrue();
        assertThat(fixture.engine.summary().get(5, TimeUnit.SECONDS).monitors()).isPositive();
        int before = check.calls.get();
        fixture.advance(Duration.ofSeconds(3));
        assertThat(check.calls.get()).as("checks after the plugin threw").isGreaterThan(before);
    }

    @Test
    void aNotifierWhoseDestinationThrowsDoesNotStopTheEngine() throws Exception {
        RecordingNotifier recording = new RecordingNotifier();
        Notifier broken = new Notifier() {
            @Override
            public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
                return recording.deliver(alert, deadline);
            }

            @Override
            public String destination() {
                throw new IllegalStateException("destination() has a bug");
            }
        };
        ScriptedCheck failing = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        load("m", failing, spec(null, EngineFixture.everyColour(broken)));

        // the codes are delivered and their results applied on the engine thread
        fixture.advance(Duration.ofSeconds(2));

        assertThat(recording.alerts).isNotEmpty();
        assertThat(fixture.events(EngineEvent.DeliveryFinished.class)).isNotEmpty()
                .allSatisfy(finished -> assertThat(finished.delivered()).isTrue());
        assertStillServing(failing);
    }

    @Test
    void aCheckWhoseDestinationThrowsIsStillChecked() throws Exception {
        ScriptedCheck broken = new ScriptedCheck(n -> PulseOutcome.ok("fine")) {
            @Override
            public String destination() {
                throw new UnsupportedOperationException("no destination here");
            }
        };
        load("m", broken, spec(null, List.of()));

        assertStillServing(broken);
        assertThat(fixture.view("m").stage()).isEqualTo(Stage.HEALTHY);
    }

    @Test
    void aCheckAnInterventionAndANotifierThatThrowGiveFailedOutcomes() throws Exception {
        Intervention throwingIntervention = new Intervention() {
            @Override
            public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) {
                throw new IllegalStateException("intervention bug");
            }
        };
        Notifier throwingNotifier = (alert, deadline) -> {
            throw new IllegalStateException("notifier bug");
        };
        ScriptedCheck throwing = new ScriptedCheck(n -> {
            throw new IllegalStateException("check bug\nwith a second line");
        });
        MonitorSpec withIntervention = new MonitorSpec("scripted", SECOND, 500 * MS,
                Policy.builder().intervention(1).build(), new InterventionSpec("scripted", throwingIntervention, SECOND, 1),
                EngineFixture.everyColour(throwingNotifier), List.of());
        load("m", throwing, withIntervention);

        fixture.advance(Duration.ofSeconds(3));

        MonitorView view = fixture.view("m");
        assertThat(view.lastStatus()).isEqualTo(PulseOutcome.Status.UNKNOWN);
        assertThat(view.recentOutcomes().getLast().message())
                .isEqualTo("the check failed: IllegalStateException: check bug with a second line");
        assertThat(fixture.events(EngineEvent.InterventionFinished.class)).isNotEmpty()
                .allSatisfy(attempt -> assertThat(attempt.message()).contains("intervention bug"));
        assertThat(fixture.events(EngineEvent.DeliveryFinished.class)).isNotEmpty()
                .allSatisfy(delivery -> assertThat(delivery.message()).contains("notifier bug"));
        assertStillServing(throwing);
    }

    @Test
    void aCloseThatThrowsOnReloadDoesNotStopTheEngine() throws Exception {
        ScriptedCheck first = new ScriptedCheck(n -> PulseOutcome.ok("fine")) {
            @Override
            public void close() {
                throw new IllegalStateException("close bug");
            }
        };
        load("m", first, spec(null, List.of()));
        ScriptedCheck second = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, second, spec(null, List.of()), 2)), false)
                .get(5, TimeUnit.SECONDS);

        assertStillServing(second);
    }

    @Test
    void aResultTheEngineCannotApplyIsCountedAndTheEngineGoesOn() throws Exception {
        ScriptedCheck check = ScriptedCheck.passing();
        load("m", check, spec(null, List.of()));
        // a job of a kind the engine does not know comes back through the result queue
        Job stranger = new Job(0, SECOND) {
            @Override
            protected Object call(Deadline deadline) {
                return "nothing the engine knows";
            }

            @Override
            protected Object timedOut(long elapsedNanos) {
                return "late";
            }

            @Override
            protected Object failed(Throwable cause) {
                return "failed";
            }
        };
        assertThat(fixture.engine.pools().get(1).offer(new Job[] {stranger}, 0, 1)).isEqualTo(1);
        fixture.settle();

        assertThat(fixture.engine.summary().get(5, TimeUnit.SECONDS).faults()).isEqualTo(1);
        assertStillServing(check);
    }

    @Test
    void anEngineThatDiesSaysSoAndAnswersEveryCommandAtOnce() throws Exception {
        List<String> deaths = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch died = new java.util.concurrent.CountDownLatch(1);
        fixture.engine.onDeath(reason -> {
            deaths.add(reason);
            died.countDown();
        });
        ScriptedCheck deadly = new ScriptedCheck(n -> PulseOutcome.ok("fine")) {
            @Override
            public String destination() {
                throw new OutOfMemoryError("simulated: the heap is gone");
            }
        };

        CompletableFuture<ApplyReport> apply = fixture.engine.apply(
                List.of(new MonitorPlan("m", true, deadly, spec(null, List.of()), 1)), false);

        assertThatThrownBy(() -> apply.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(died.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fixture.engine.alive()).isFalse();
        assertThat(deaths).singleElement().asString()
                .isEqualTo("the engine thread ended: OutOfMemoryError: simulated: the heap is gone");
        assertThatThrownBy(() -> fixture.engine.summary().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the engine thread ended");
        List<String> late = new ArrayList<>();
        fixture.engine.onDeath(late::add);
        assertThat(late).as("a listener added after the death hears of it at once").hasSize(1);
    }
}
