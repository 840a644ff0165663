package io.cpra.core.engine;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine on the real clock under pressure: a pulse queue far smaller than the fleet with a
 * slow plugin, and plugins that hang or throw among well-behaved ones. These assert what
 * happened (every monitor checked, nothing stuck, the others kept their schedule), never how
 * fast.
 */
class EngineUnderLoadTest {

    private static final long MS = 1_000_000L;

    private static EngineSettings settings(int queueCapacity, int maxLimit, Duration grace) {
        PoolSettings pulses = new PoolSettings("pulse", 1, maxLimit, maxLimit, queueCapacity, Duration.ofMillis(20),
                grace, Duration.ofSeconds(1), Duration.ofMillis(5));
        return new EngineSettings(Duration.ofMillis(1), pulses, PoolSettings.defaults("intervention", 8, 64),
                PoolSettings.defaults("code", 8, 64), 1 << 16, 1024, Duration.ofSeconds(5),
                DeliverySettings.DEFAULTS.withSchedule(3, Duration.ofSeconds(10), Duration.ofMinutes(1)));
    }

    @Test
    void tenThousandMonitorsThroughAQueueOf64AreAllCheckedAndNoneStaysInFlight() {
        int monitors = 10_000;
        AtomicIntegerArray checks = new AtomicIntegerArray(monitors);
        Engine engine = Engine.start(settings(64, 32, Duration.ofSeconds(1)), EventSink.NONE, System::nanoTime,
                InstantSource.system());
        try {
            List<MonitorPlan> plans = new ArrayList<>();
            MonitorSpec spec = new MonitorSpec("slow", 1_000 * MS, 500 * MS, Policy.defaults(), null, List.of(), List.of());
            for (int i = 0; i < monitors; i++) {
                int id = i;
                PulseCheck slow = deadline -> {
                    Thread.sleep(2);   // 32 at a time, 2 ms each: far below the 10,000 a second the fleet asks for
                    checks.incrementAndGet(id);
                    return PulseOutcome.ok("slow but fine");
                };
                plans.add(new MonitorPlan("m" + i, true, slow, spec, i));
            }
            engine.apply(plans, true).join();

            long deadline = System.nanoTime() + 60_000 * MS;
            while (unchecked(checks) > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100 * MS);
            }
            assertThat(unchecked(checks)).as("monitors never checked").isZero();
            EngineSummary busy = engine.summary().join();
            assertThat(busy.deferrals()).as("the small queue did push back").isPositive();
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
        // after a stop that let calls finish, no monitor is left in flight
        for (WorkerPool pool : engine.pools()) {
            assertThat(pool.inFlight()).isZero();
        }
    }

    private static int unchecked(AtomicIntegerArray checks) {
        int missing = 0;
        for (int i = 0; i < checks.length(); i++) {
            if (checks.get(i) == 0) {
                missing++;
            }
        }
        return missing;
    }

    @Test
    void aHangingAndAThrowingPluginDoNotDisturbTheOthers() {
        Engine engine = Engine.start(settings(1024, 16, Duration.ofMillis(300)), EventSink.NONE, System::nanoTime,
                InstantSource.system());
        try {
            int good = 40;
            long interval = 200 * MS;
            MonitorSpec spec = new MonitorSpec("mixed", interval, 100 * MS, Policy.defaults(), null, List.of(), List.of());
            List<AtomicInteger> counts = new ArrayList<>();
            List<MonitorPlan> plans = new ArrayList<>();
            for (int i = 0; i < good; i++) {
                AtomicInteger count = new AtomicInteger();
                counts.add(count);
                plans.add(new MonitorPlan("good-" + i, true, deadline -> {
                    count.incrementAndGet();
                    return PulseOutcome.ok("fine");
                }, spec, i));
            }
            AtomicInteger hung = new AtomicInteger();
            plans.add(new MonitorPlan("hangs", true, new Hanging(hung), spec, 100));
            plans.add(new MonitorPlan("throws", true, deadline -> {
                throw new IllegalStateException("plugin bug");
            }, spec, 101));
            engine.apply(plans, true).join();

            LockSupport.parkNanos(3_000 * MS);

            // 3 s at 200 ms is 15 checks; allow for the spread start and the window's edges
            assertThat(counts).allSatisfy(count -> assertThat(count.get()).isBetween(13, 16));
            assertThat(engine.view("throws").join().orElseThrow().lastStatus()).isEqualTo(PulseOutcome.Status.UNKNOWN);
            assertThat(engine.view("hangs").join().orElseThrow().lastStatus()).isEqualTo(PulseOutcome.Status.CRITICAL);
            assertThat(engine.pools().get(0).abandonedCalls()).isPositive();
            assertThat(hung.get()).as("the hanging plugin was entered more than once: abandoned, not waited for")
                    .isGreaterThan(1);
        } finally {
            engine.stop(Duration.ofMillis(500));
        }
    }

    /** Ignores its deadline and interrupts for a second, every time. */
    private record Hanging(AtomicInteger calls) implements PulseCheck {
        @Override
        public PulseOutcome check(Deadline deadline) {
            calls.incrementAndGet();
            long until = System.nanoTime() + 1_000 * MS;
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
                Thread.interrupted();
            }
            return PulseOutcome.ok("late");
        }
    }
}
