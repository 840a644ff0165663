package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What was seen against real targets, replayed on the engine with a hand-driven clock: a mass of
 * checks of a target that never answers (each holds its call until its deadline) beside checks
 * of a closed port (they fail at once). The pulse pool starts at its floor of 4 calls. Before,
 * the limit stayed near the floor, the slow checks took every call, and the closed-port
 * monitors were checked so rarely that most never went red; now the pool grows to what the
 * schedule needs and every monitor is checked.
 */
class EngineSlowTargetsTest {

    private static final int SLOW = 300;
    private static final int REFUSED = 100;

    private final EngineFixture fixture = new EngineFixture(settings());

    private static EngineSettings settings() {
        EngineSettings base = EngineFixture.settings(1 << 14);
        PoolSettings pulses = new PoolSettings("pulse", 4, 2000, 4, 1 << 14, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(5));
        return new EngineSettings(base.tick(), pulses, base.interventionPool(), base.codePool(),
                base.resultCapacity(), base.commandCapacity(), base.codeTimeout(), base.delivery());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A target that never answers: the check waits until the platform interrupts it at its deadline. */
    private static final class Unanswered extends ScriptedCheck {
        final AtomicInteger started = new AtomicInteger();

        Unanswered() {
            super(n -> PulseOutcome.ok("never"));
        }

        @Override
        public PulseOutcome check(Deadline deadline) {
            started.incrementAndGet();
            LockSupport.park(this);  // returns on the deadline's interrupt
            return PulseOutcome.critical("timed out");
        }

        @Override
        public String destination() {
            return "slow.example:80";
        }
    }

    private static final class Refused extends ScriptedCheck {
        Refused() {
            super(n -> PulseOutcome.critical("connection refused"));
        }

        @Override
        public String destination() {
            return "127.0.0.1:9";
        }
    }

    @Test
    void slowTargetsDoNotStarveTheOtherMonitors() {
        List<MonitorPlan> plans = new ArrayList<>();
        List<Unanswered> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            Unanswered check = new Unanswered();
            slow.add(check);
            plans.add(plan("slow-" + i, check, 300 * MS));
        }
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < REFUSED; i++) {
            Refused check = new Refused();
            refused.add(check);
            plans.add(plan("closed-" + i, check, 300 * MS));
        }
        fixture.engine.apply(plans, true).join();

        // ten seconds of engine time, without waiting for the slow calls to settle
        for (int step = 0; step < 100; step++) {
            fixture.nanos.addAndGet(100 * MS);
            fixture.engine.summary().join();
            fixture.engine.summary().join();
            // the pool's supervisor looks at deadlines every 5 ms of real time
            LockSupport.parkNanos(6 * MS);
        }

        long red = 0;
        for (int i = 0; i < REFUSED; i++) {
            if (fixture.view("closed-" + i).stage() == Stage.INCIDENT) {
                red++;
            }
        }
        assertThat(red).as("closed-port monitors in an incident").isEqualTo(REFUSED);
        // ten intervals went by: the closed-port monitors were checked in (nearly) every one; the
        // slow ones — whose calls end when the deadline's interrupt lands, a little after it on
        // this hand-driven clock — all had their turns, the shortfall spread evenly over them
        assertThat(refused.stream().mapToInt(check -> check.calls.get()).min().orElseThrow())
                .as("checks of the least-checked closed-port monitor").isGreaterThanOrEqualTo(9);
        int fewest = slow.stream().mapToInt(check -> check.started.get()).min().orElseThrow();
        int most = slow.stream().mapToInt(check -> check.started.get()).max().orElseThrow();
        assertThat(fewest).as("checks of the least-checked slow monitor").isGreaterThanOrEqualTo(4);
        assertThat(most - fewest).as("spread of checks among the slow monitors").isLessThanOrEqualTo(3);
        assertThat(fixture.engine.pools().get(0).limit()).as("the pool grew past its floor").isGreaterThan(100);
    }

    private static MonitorPlan plan(String name, ScriptedCheck check, long timeout) {
        MonitorSpec spec = new MonitorSpec("scripted", SECOND, timeout, Policy.defaults(), null, List.of(), List.of());
        return new MonitorPlan(name, true, check, spec, name.hashCode());
    }
}
