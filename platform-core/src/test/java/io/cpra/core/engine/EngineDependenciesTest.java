package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.EngineFixture.ScriptedIntervention;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Colour;
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
 * {@code depends_on} end to end on a hand-driven clock: a switch and the monitors behind it, by
 * name and by group. While the switch is down their failures make them unreachable (no incident,
 * no intervention, no code); when it recovers they are re-checked at once and are healthy again.
 */
class EngineDependenciesTest {

    private static final List<String> CHILDREN = List.of("web-1", "web-2", "web-3", "web-4", "db-1");
    /** Far longer than the switch takes to recover, so a child checked meanwhile was re-checked at once. */
    private static final long CHILD_INTERVAL = 60 * SECOND;

    private final EngineFixture fixture = new EngineFixture();
    private final RecordingNotifier parentCodes = new RecordingNotifier();
    private final RecordingNotifier childCodes = new RecordingNotifier();
    private final ScriptedIntervention restart = new ScriptedIntervention();
    private volatile boolean switchUp = true;
    private volatile boolean childrenUp = true;
    private final List<ScriptedCheck> childChecks = new ArrayList<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void load() {
        List<MonitorPlan> plans = new ArrayList<>();
        MonitorSpec parent = new MonitorSpec("scripted", SECOND, 500 * MS, Policy.defaults(), null,
                everyColour(parentCodes), List.of("core"));
        plans.add(new MonitorPlan("switch", true, new ScriptedCheck(n -> outcome(switchUp)), parent, 1));
        Policy childPolicy = Policy.builder().unhealthyThreshold(2).healthyThreshold(1).intervention(1).build();
        for (String name : CHILDREN) {
            // the web monitors name the switch; the database depends on its whole group
            List<String> parents = name.startsWith("web") ? List.of("switch") : List.of("group:core");
            MonitorSpec child = new MonitorSpec("scripted", CHILD_INTERVAL, 500 * MS, childPolicy,
                    new InterventionSpec("docker", restart, SECOND, 1), everyColour(childCodes), List.of("shop"),
                    parents, List.of());
            ScriptedCheck check = new ScriptedCheck(n -> outcome(childrenUp));
            childChecks.add(check);
            plans.add(new MonitorPlan(name, true, check, child, 2));
        }
        fixture.engine.apply(plans, false).join();
    }

    private static PulseOutcome outcome(boolean up) {
        return up ? PulseOutcome.ok("HTTP 200") : PulseOutcome.critical("connection timed out");
    }

    @Test
    void childrenOfADownParentBecomeUnreachableQuietlyAndComeBackWhenItRecovers() {
        load();
        fixture.advance(Duration.ofSeconds(61), Duration.ofSeconds(1));

        switchUp = false;
        fixture.advance(Duration.ofSeconds(2));
        assertThat(fixture.view("switch").stage()).isEqualTo(Stage.INCIDENT);
        childrenUp = false;
        fixture.advance(Duration.ofSeconds(121), Duration.ofSeconds(1));

        for (String child : CHILDREN) {
            MonitorView view = fixture.view(child);
            assertThat(view.stage()).as(child).isEqualTo(Stage.UNREACHABLE);
            assertThat(view.incidentId()).as(child).isZero();
            assertThat(view.dependsOn()).isNotEmpty();
        }
        assertThat(fixture.events(EngineEvent.IncidentOpened.class)).extracting(EngineEvent.IncidentOpened::monitor)
                .containsExactly("switch");
        assertThat(restart.requests).isEmpty();
        assertThat(childCodes.alerts).isEmpty();
        assertThat(parentCodes.colours()).containsExactly(Colour.YELLOW, Colour.RED);
        // one event per child: the stage change, whose cause names the parent
        List<EngineEvent.StageChanged> unreachable = fixture.events(EngineEvent.StageChanged.class).stream()
                .filter(change -> change.to() == Stage.UNREACHABLE).toList();
        assertThat(unreachable).extracting(EngineEvent.StageChanged::monitor)
                .containsExactlyInAnyOrderElementsOf(CHILDREN);
        assertThat(unreachable).allSatisfy(change -> assertThat(change.cause()).contains("parent switch is down"));

        int[] callsBefore = childChecks.stream().mapToInt(check -> check.calls.get()).toArray();
        switchUp = true;
        childrenUp = true;
        fixture.advance(Duration.ofSeconds(2), Duration.ofMillis(100));
        assertThat(fixture.view("switch").stage()).isEqualTo(Stage.HEALTHY);
        fixture.advance(Duration.ofMillis(300), Duration.ofMillis(100));

        for (int i = 0; i < CHILDREN.size(); i++) {
            assertThat(fixture.view(CHILDREN.get(i)).stage()).as(CHILDREN.get(i)).isEqualTo(Stage.HEALTHY);
        }
        // re-checked at once: every child ran a check in the 2.3 s since, a fraction of its minute
        List<EngineEvent.StageChanged> back = fixture.events(EngineEvent.StageChanged.class).stream()
                .filter(change -> change.from() == Stage.UNREACHABLE).toList();
        assertThat(back).extracting(EngineEvent.StageChanged::cause).containsOnly("parent switch recovered");
        for (int i = 0; i < CHILDREN.size(); i++) {
            assertThat(childChecks.get(i).calls.get()).as("checks of %s", CHILDREN.get(i))
                    .isGreaterThan(callsBefore[i]);
        }
        assertThat(childCodes.alerts).isEmpty();
        assertThat(restart.requests).isEmpty();
    }

    @Test
    void aChildWhoseParentIsUpFailsAsUsual() {
        load();
        fixture.advance(Duration.ofSeconds(61), Duration.ofSeconds(1));

        childrenUp = false;
        fixture.advance(Duration.ofSeconds(121), Duration.ofSeconds(1));

        for (String child : CHILDREN) {
            assertThat(fixture.view(child).stage()).as(child).isIn(Stage.INTERVENING, Stage.VERIFYING, Stage.INCIDENT);
        }
        assertThat(restart.requests).extracting(request -> request.monitor())
                .containsExactlyInAnyOrderElementsOf(CHILDREN);
        assertThat(childCodes.colours()).contains(Colour.YELLOW);
    }

    @Test
    void aChildFailingWhenItsParentWentDownGetsItsGreenWhenTheParentRecovers() {
        load();
        fixture.advance(Duration.ofSeconds(61), Duration.ofSeconds(1));

        childrenUp = false;
        fixture.advance(Duration.ofSeconds(60), Duration.ofSeconds(1));
        for (String child : CHILDREN) {
            assertThat(fixture.view(child).stage()).as(child).isEqualTo(Stage.FAILING);
        }
        switchUp = false;
        fixture.advance(Duration.ofSeconds(2));
        assertThat(fixture.view("switch").stage()).isEqualTo(Stage.INCIDENT);
        fixture.advance(Duration.ofSeconds(60), Duration.ofSeconds(1));
        for (String child : CHILDREN) {
            assertThat(fixture.view(child).stage()).as(child).isEqualTo(Stage.UNREACHABLE);
        }

        switchUp = true;
        childrenUp = true;
        fixture.advance(Duration.ofSeconds(2), Duration.ofMillis(100));
        fixture.advance(Duration.ofMillis(300), Duration.ofMillis(100));

        // the yellow each child raised before its parent went down is answered by one green: the
        // owed green is a lifecycle flag above the first byte, which the engine's store must keep
        for (String child : CHILDREN) {
            assertThat(fixture.view(child).stage()).as(child).isEqualTo(Stage.HEALTHY);
        }
        assertThat(childCodes.colours()).filteredOn(colour -> colour == Colour.YELLOW).hasSize(CHILDREN.size());
        assertThat(childCodes.colours()).filteredOn(colour -> colour == Colour.GREEN).hasSize(CHILDREN.size());
        assertThat(restart.requests).isEmpty();
    }
}
