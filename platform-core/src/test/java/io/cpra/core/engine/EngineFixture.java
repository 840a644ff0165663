package io.cpra.core.engine;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An engine on a hand-driven clock, with plugins scripted by the test. {@link #advance} moves
 * the clock and then waits until everything the move set off has settled: jobs finished, their
 * results applied, the events published.
 */
final class EngineFixture implements AutoCloseable {

    static final long SECOND = 1_000_000_000L;
    static final long MS = 1_000_000L;

    final AtomicLong nanos = new AtomicLong(5_000 * SECOND);
    final InstantSource wall = () -> Instant.ofEpochSecond(1_700_000_000L).plusNanos(nanos.get());
    final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    final Engine engine;

    EngineFixture() {
        this(settings(1024));
    }

    EngineFixture(EngineSettings settings) {
        this(settings, HistorySink.NONE);
    }

    EngineFixture(EngineSettings settings, HistorySink history) {
        engine = Engine.start(settings, events::add, history, nanos::get, wall, null);
    }

    static EngineSettings settings(int pulseQueue) {
        PoolSettings pulses = new PoolSettings("pulse", 1, 64, 8, pulseQueue, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(5));
        return new EngineSettings(Duration.ofMillis(1), pulses,
                PoolSettings.defaults("intervention", 8, 64), PoolSettings.defaults("code", 8, 64),
                1 << 14, 1024, Duration.ofSeconds(5),
                new DeliverySettings(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0, 100, 100, Duration.ofSeconds(1)));
    }

    /** Moves the clock in steps no longer than {@code step}, settling after each. */
    void advance(Duration total, Duration step) {
        long left = total.toNanos();
        while (left > 0) {
            long move = Math.min(left, step.toNanos());
            nanos.addAndGet(move);
            left -= move;
            settle();
        }
    }

    void advance(Duration total) {
        advance(total, Duration.ofMillis(100));
    }

    /**
     * Waits until no job is queued or running and the engine has applied every result. A
     * command is answered at the start of a tick, so a second one proves the first tick at this
     * time (and what it dispatched) is complete.
     */
    void settle() {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (System.nanoTime() < deadline) {
            engine.summary().join();
            if (!engine.busy()) {
                engine.summary().join();
                if (!engine.busy()) {
                    return;
                }
            }
            LockSupport.parkNanos(MS / 4);
        }
        throw new AssertionError("the engine did not settle within 10 s");
    }

    MonitorView view(String name) {
        return engine.view(name).join().orElseThrow();
    }

    <T extends EngineEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        engine.stop(Duration.ofMillis(200));
    }

    // ---- scripted plugins -------------------------------------------------------------------

    /** A check answering from a script indexed by call number; counts its calls. */
    static class ScriptedCheck implements PulseCheck {
        final AtomicInteger calls = new AtomicInteger();
        volatile IntFunction<PulseOutcome> script;

        ScriptedCheck(IntFunction<PulseOutcome> script) {
            this.script = script;
        }

        static ScriptedCheck passing() {
            return new ScriptedCheck(n -> PulseOutcome.ok("fine"));
        }

        @Override
        public PulseOutcome check(Deadline deadline) {
            return script.apply(calls.incrementAndGet());
        }
    }

    /** A notifier keeping every alert it was handed. */
    static final class RecordingNotifier implements Notifier {
        final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        volatile IntFunction<DeliveryOutcome> answer = n -> DeliveryOutcome.delivered("ok");
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public DeliveryOutcome deliver(Alert alert, Deadline deadline) {
            alerts.add(alert);
            return answer.apply(calls.incrementAndGet());
        }

        List<Colour> colours() {
            synchronized (alerts) {
                return alerts.stream().map(Alert::colour).toList();
            }
        }
    }

    /** An intervention answering from a script indexed by attempt call. */
    static final class ScriptedIntervention implements Intervention {
        final List<InterventionRequest> requests = new CopyOnWriteArrayList<>();
        volatile IntFunction<InterventionOutcome> script = n -> InterventionOutcome.succeeded("restarted");

        @Override
        public InterventionOutcome intervene(InterventionRequest request, Deadline deadline) {
            requests.add(request);
            return script.apply(requests.size());
        }
    }

    // ---- plans --------------------------------------------------------------------------

    static MonitorSpec spec(long intervalNanos, Policy policy, InterventionSpec intervention, CodeRoute... routes) {
        return new MonitorSpec("scripted", intervalNanos, Math.min(intervalNanos, 500 * MS), policy, intervention,
                List.of(routes), List.of("tests"));
    }

    static List<CodeRoute> everyColour(Notifier notifier) {
        List<CodeRoute> routes = new ArrayList<>();
        for (Colour colour : Colour.values()) {
            routes.add(new CodeRoute(colour, "recording", notifier, true));
        }
        return routes;
    }
}
