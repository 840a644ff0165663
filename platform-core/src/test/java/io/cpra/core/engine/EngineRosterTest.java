package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static io.cpra.core.engine.EngineFixture.everyColour;
import static org.assertj.core.api.Assertions.assertThat;

/** The monitor set and the operator's hold on it: reload, pause, maintenance, run now, overruns. */
class EngineRosterTest {

    private final EngineFixture fixture = new EngineFixture();

    private final RecordingNotifier notifier = new RecordingNotifier();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private MonitorSpec spec(long interval) {
        return new MonitorSpec("scripted", interval, Math.min(interval, 500 * MS), Policy.defaults(), null,
                everyColour(notifier), List.of());
    }

    private static final class Closeable extends ScriptedCheck {
        final AtomicBoolean closed = new AtomicBoolean();

        Closeable() {
            super(n -> PulseOutcome.ok("fine"));
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void reloadKeepsUnchangedMonitorsUpdatesChangedOnesAndRemovesTheRest() {
        Closeable a = new Closeable();
        Closeable b = new Closeable();
        Closeable c = new Closeable();
        fixture.engine.apply(List.of(new MonitorPlan("a", true, a, spec(SECOND), 11),
                new MonitorPlan("b", true, b, spec(SECOND), 22),
                new MonitorPlan("c", true, c, spec(SECOND), 33)), true).join();
        fixture.advance(Duration.ofSeconds(3));
        Instant aNext = fixture.view("a").nextDue();

        Closeable a2 = new Closeable();
        Closeable b2 = new Closeable();
        Closeable d = new Closeable();
        ApplyReport report = fixture.engine.apply(List.of(new MonitorPlan("a", true, a2, spec(SECOND), 11),
                new MonitorPlan("b", true, b2, spec(2 * SECOND), 23),
                new MonitorPlan("d", true, d, spec(SECOND), 44)), true).join();
        fixture.settle();  // instances given up are closed off the engine thread

        assertThat(report.added()).containsExactly("d");
        assertThat(report.changed()).containsExactly("b");
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.removed()).containsExactly("c");
        assertThat(fixture.view("a").nextDue()).as("unchanged keeps its schedule").isEqualTo(aNext);
        assertThat(a2.closed).as("the unused new instance is closed").isTrue();
        assertThat(a.closed).isFalse();
        assertThat(b.closed).as("the replaced instance is closed").isTrue();
        assertThat(c.closed).as("the removed monitor's instance is closed").isTrue();
        assertThat(fixture.engine.view("c").join()).isEmpty();
        assertThat(fixture.view("b").intervalNanos()).isEqualTo(2 * SECOND);

        int aCalls = a.calls.get();
        fixture.advance(Duration.ofSeconds(4));
        assertThat(a.calls.get()).isEqualTo(aCalls + 4);
        assertThat(b2.calls.get()).isEqualTo(2);
        assertThat(d.calls.get()).isEqualTo(4);
        assertThat(fixture.engine.summary().join().monitors()).isEqualTo(3);
    }

    @Test
    void aChangedMonitorKeepsItsIncident() {
        ScriptedCheck failing = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        fixture.engine.apply(List.of(new MonitorPlan("m", true, failing, spec(SECOND), 1)), true).join();
        fixture.advance(Duration.ofSeconds(2));
        long incident = fixture.view("m").incidentId();
        assertThat(incident).isPositive();

        fixture.engine.apply(List.of(new MonitorPlan("m", true, new ScriptedCheck(n -> PulseOutcome.critical("still down")),
                spec(SECOND), 2)), true).join();
        fixture.advance(Duration.ofSeconds(2));

        assertThat(fixture.view("m").incidentId()).isEqualTo(incident);
        assertThat(notifier.colours()).containsExactly(Colour.YELLOW, Colour.RED);
    }

    @Test
    void pausedAndDisabledMonitorsAreNotChecked() {
        ScriptedCheck paused = ScriptedCheck.passing();
        ScriptedCheck disabled = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("p", true, paused, spec(SECOND), 1),
                new MonitorPlan("d", false, disabled, spec(SECOND), 2)), true).join();

        assertThat(fixture.engine.pause("p", true).join()).isTrue();
        fixture.advance(Duration.ofSeconds(3));
        assertThat(paused.calls).hasValue(0);
        assertThat(disabled.calls).hasValue(0);
        assertThat(fixture.view("p").paused()).isTrue();
        assertThat(fixture.view("d").enabled()).isFalse();
        assertThat(fixture.view("d").nextDue()).isNull();

        fixture.engine.pause("p", false).join();
        fixture.advance(Duration.ofSeconds(3));
        assertThat(paused.calls.get()).isEqualTo(3);
        assertThat(fixture.engine.pause("nope", true).join()).isFalse();
        assertThat(fixture.engine.summary().join()).satisfies(s -> {
            assertThat(s.paused()).isZero();
            assertThat(s.disabled()).isEqualTo(1);
        });
    }

    @Test
    void maintenanceRaisesGraySilencesChecksAndEndsByItself() {
        ScriptedCheck failing = new ScriptedCheck(n -> PulseOutcome.critical("down"));
        fixture.engine.apply(List.of(new MonitorPlan("m", true, failing, spec(SECOND), 1)), true).join();

        Instant until = fixture.wall.instant().plusSeconds(5);
        assertThat(fixture.engine.maintenance("m", true, until).join()).isTrue();
        fixture.advance(Duration.ofSeconds(4));
        assertThat(failing.calls).hasValue(0);
        assertThat(notifier.colours()).containsExactly(Colour.GRAY);
        assertThat(notifier.alerts.get(0).summary()).contains("in maintenance until " + until);
        assertThat(fixture.view("m").stage()).isEqualTo(Stage.MAINTENANCE);
        assertThat(fixture.view("m").maintenanceUntil()).isEqualTo(until);

        fixture.advance(Duration.ofSeconds(3));
        assertThat(fixture.view("m").stage()).isNotEqualTo(Stage.MAINTENANCE);
        assertThat(failing.calls.get()).isPositive();
        assertThat(notifier.colours()).startsWith(Colour.GRAY, Colour.YELLOW);
    }

    @Test
    void runNowChecksAtOnceWithoutMovingTheSchedule() {
        ScriptedCheck check = ScriptedCheck.passing();
        fixture.engine.apply(List.of(new MonitorPlan("m", true, check, spec(60 * SECOND), 1)), true).join();
        fixture.settle();
        Instant next = fixture.view("m").nextDue();

        assertThat(fixture.engine.runNow("m").join()).contains(true);
        fixture.settle();

        assertThat(check.calls).hasValue(1);
        assertThat(fixture.view("m").nextDue()).isEqualTo(next);
        assertThat(fixture.view("m").lastStatus()).isEqualTo(PulseOutcome.Status.OK);
        assertThat(fixture.engine.runNow("nope").join()).isEmpty();
    }

    @Test
    void aCheckStillRunningWhenDueAgainIsSkippedAndCountedNotPiledUp() throws InterruptedException {
        // a plugin that ignores its deadline, and a grace long enough to span three intervals
        EngineSettings patient = EngineFixture.settings(1024);
        patient = new EngineSettings(patient.tick(), new io.cpra.core.engine.pool.PoolSettings("pulse", 1, 8, 4, 64,
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMillis(5)),
                patient.interventionPool(), patient.codePool(), patient.resultCapacity(), patient.commandCapacity(),
                patient.codeTimeout(), patient.delivery());
        try (EngineFixture slowFixture = new EngineFixture(patient)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            PulseCheck stubborn = new PulseCheck() {
                private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public PulseOutcome check(Deadline deadline) {
                    if (calls.incrementAndGet() == 1) {
                        started.countDown();
                        while (true) {
                            try {
                                release.await();
                                break;
                            } catch (InterruptedException ignored) {
                                // misbehaving on purpose: it keeps running past its deadline
                            }
                        }
                    }
                    return PulseOutcome.ok("done");
                }
            };
            MonitorSpec spec = new MonitorSpec("scripted", SECOND, SECOND, Policy.defaults(), null, List.of(), List.of());
            slowFixture.engine.apply(List.of(new MonitorPlan("slow", true, stubborn, spec, 1)), true).join();
            while (started.getCount() > 0) {
                slowFixture.nanos.addAndGet(100 * MS);
                slowFixture.engine.summary().join();
                started.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < 30; i++) {   // three more intervals pass while the first check hangs
                slowFixture.nanos.addAndGet(100 * MS);
                slowFixture.engine.summary().join();
                slowFixture.engine.summary().join();
            }
            release.countDown();
            slowFixture.settle();

            EngineSummary summary = slowFixture.engine.summary().join();
            assertThat(summary.overruns()).isEqualTo(3);
            assertThat(summary.checks()).as("no burst of the missed checks once it returns").isEqualTo(1);
            slowFixture.advance(Duration.ofSeconds(2));
            assertThat(slowFixture.engine.summary().join().checks()).isEqualTo(3);
        }
    }
}
