package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.EngineFixture.ScriptedIntervention;
import io.cpra.core.engine.budget.BudgetLimits;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static io.cpra.core.engine.EngineFixture.everyColour;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intervention budgets end to end on a hand-driven clock: four monitors of one group fail at
 * once; their budget lets one restart run at a time and two per minute; the others wait, are
 * shown as held, start when room appears, and go red with the budget named when the wait is over.
 */
class EngineBudgetsTest {

    private static final List<String> NAMES = List.of("pay-1", "pay-2", "pay-3", "pay-4");

    private final EngineFixture fixture = new EngineFixture();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ScriptedIntervention restart = new ScriptedIntervention();
    private volatile boolean up = true;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void load(BudgetLimits budget) {
        List<MonitorPlan> plans = new ArrayList<>();
        Policy policy = Policy.builder().unhealthyThreshold(1).healthyThreshold(1).intervention(1)
                .verificationPulses(1).build();
        for (String name : NAMES) {
            MonitorSpec spec = new MonitorSpec("scripted", SECOND, 500 * MS, policy,
                    new InterventionSpec("docker", restart, SECOND, 1, List.of(budget)), everyColour(notifier),
                    List.of("payments"));
            plans.add(new MonitorPlan(name, true,
                    new ScriptedCheck(n -> up ? PulseOutcome.ok("fine") : PulseOutcome.critical("HTTP 503")), spec, 1));
        }
        fixture.engine.apply(plans, false).join();
    }

    @Test
    void attemptsOverTheBudgetWaitThenGoRedNamingTheBudget() {
        // the restarts "succeed" but the service stays down: verification fails and each incident is red
        restart.script = n -> InterventionOutcome.succeeded("restarted");
        load(new BudgetLimits("payments/docker", 1, 2, 60 * SECOND, 10 * SECOND));
        fixture.advance(Duration.ofSeconds(2));

        up = false;
        fixture.advance(Duration.ofSeconds(3));
        assertThat(restart.requests).hasSize(2);
        List<String> held = NAMES.stream().filter(name -> fixture.view(name).interventionHeldBy() != null).toList();
        assertThat(held).hasSize(2);
        assertThat(held).allSatisfy(name -> assertThat(fixture.view(name).interventionHeldBy())
                .isEqualTo("payments/docker"));
        assertThat(held).allSatisfy(name -> assertThat(fixture.view(name).stage()).isEqualTo(Stage.INTERVENING));

        fixture.advance(Duration.ofSeconds(10));
        assertThat(restart.requests).as("never more than two per minute").hasSize(2);
        for (String name : held) {
            assertThat(fixture.view(name).stage()).isEqualTo(Stage.INCIDENT);
            assertThat(fixture.view(name).interventionHeldBy()).isNull();
        }
        List<Alert> reds = notifier.alerts.stream()
                .filter(alert -> alert.colour() == Colour.RED && held.contains(alert.monitor())).toList();
        assertThat(reds).hasSize(2).allSatisfy(red -> assertThat(red.lastMessage())
                .contains("intervention budget payments/docker (1 at once, 2 per 1m) held attempt 1 back"));
    }

    @Test
    void aHeldAttemptStartsWhenRoomAppears() {
        restart.script = n -> InterventionOutcome.succeeded("restarted");
        load(new BudgetLimits("payments/docker", 1, 0, 0, 60 * SECOND));
        fixture.advance(Duration.ofSeconds(2));

        up = false;
        fixture.advance(Duration.ofSeconds(5));

        // one at a time, but each ends quickly, so all four ran without anyone being held for good
        assertThat(restart.requests).extracting(request -> request.monitor())
                .containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(NAMES).allSatisfy(name -> assertThat(fixture.view(name).interventionHeldBy()).isNull());
        assertThat(fixture.engine.summary().join().openIncidents()).isEqualTo(4);
    }

    @Test
    void aMonitorRemovedWhileItsAttemptRunsGivesItsPlaceBack() {
        // the first restart removes its own monitor before it ends, as a reload could
        restart.script = n -> {
            if (n == 1) {
                fixture.engine.remove(restart.requests.getFirst().monitor()).join();
            }
            return InterventionOutcome.succeeded("restarted");
        };
        load(new BudgetLimits("payments/docker", 1, 0, 0, 60 * SECOND));
        fixture.advance(Duration.ofSeconds(2));

        up = false;
        fixture.advance(Duration.ofSeconds(5));

        assertThat(restart.requests).as("the other three got the place in turn").hasSize(4);
    }
}
