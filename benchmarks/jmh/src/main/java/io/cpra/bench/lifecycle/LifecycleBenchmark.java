package io.cpra.bench.lifecycle;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Input;
import io.cpra.core.engine.lifecycle.Lifecycle;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.lifecycle.Transition;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lifecycle step on the engine's hot path.
 *
 * <ul>
 *   <li>{@code steadyPass}: a passing pulse for a steady healthy monitor, the common case;</li>
 *   <li>{@code failingIncident}: a failing pulse during an incident, which changes the state
 *       and so allocates the next one;</li>
 *   <li>{@code fleet}: the engine's shape. A batch of rows is read from struct-of-arrays
 *       columns, stepped with pre-drawn inputs ({@code failurePercent} of pulses fail;
 *       intervention outcomes and retry timers answer where the row waits for them) and
 *       written back when changed. A pass that changes nothing is recognised on the columns
 *       without building a state, as the engine is meant to.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar LifecycleBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LifecycleBenchmark {
    private static final long TICK_NANOS = 1_000_000L;
    private static final int BATCH = 1024;

    private final Policy policy = Policy.builder().unhealthyThreshold(3).healthyThreshold(2).build();
    private final Transition out = Transition.create();
    private LifecycleState steady;
    private LifecycleState incident;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        steady = Fleet.steady(policy);
        incident = new LifecycleState(Stage.INCIDENT, 5, 0, 0, 0, 1,
                LifecycleState.INCIDENT_OPEN | LifecycleState.RED_RAISED, 0L, 0L, 0L, 0L);
    }

    @Benchmark
    public LifecycleState steadyPass() {
        return Lifecycle.step(steady, Input.PULSE_PASSED, now, policy, out).state();
    }

    @Benchmark
    public LifecycleState failingIncident() {
        return Lifecycle.step(incident, Input.PULSE_FAILED, now, policy, out).state();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int fleet(Fleet fleet) {
        return fleet.stepBatch(BATCH);
    }

    /** Monitors in struct-of-arrays columns, as the engine's store keeps them. */
    @State(Scope.Thread)
    public static class Fleet {
        private static final int ROWS = 1 << 16;

        @Param({"0", "1", "20"})
        public int failurePercent;

        @Param({"false", "true"})
        public boolean intervention;

        private Policy policy;
        private final Transition out = Transition.create();

        private byte[] stage;
        private int[] failures;
        private int[] streak;
        private byte[] attempts;
        private short[] verify;
        private int[] incidentSeq;
        private byte[] flags;
        private long[] yellowAt;
        private long[] redAt;
        private long[] cyanAt;
        private long[] grayAt;

        private boolean[] passes;
        private boolean[] attemptSucceeds;
        private int cursor;
        private long now;

        static LifecycleState steady(Policy policy) {
            Transition scratch = Transition.create();
            LifecycleState state = LifecycleState.INITIAL;
            for (int i = 0; i < policy.healthyThreshold(); i++) {
                state = Lifecycle.step(state, Input.PULSE_PASSED, 0L, policy, scratch).state();
            }
            return state;
        }

        @Setup(Level.Trial)
        public void setUp() {
            Policy.Builder builder = Policy.builder().unhealthyThreshold(3).healthyThreshold(2)
                    .cooldownNanos(Code.YELLOW, 50 * TICK_NANOS);
            if (intervention) {
                builder.intervention(2).retryBackoff(0, 0);
            }
            policy = builder.build();

            stage = new byte[ROWS];
            failures = new int[ROWS];
            streak = new int[ROWS];
            attempts = new byte[ROWS];
            verify = new short[ROWS];
            incidentSeq = new int[ROWS];
            flags = new byte[ROWS];
            yellowAt = new long[ROWS];
            redAt = new long[ROWS];
            cyanAt = new long[ROWS];
            grayAt = new long[ROWS];
            LifecycleState steady = steady(policy);
            for (int row = 0; row < ROWS; row++) {
                store(row, steady);
            }
            SplittableRandom random = new SplittableRandom(42);
            passes = new boolean[ROWS];
            attemptSucceeds = new boolean[ROWS];
            for (int i = 0; i < ROWS; i++) {
                passes[i] = random.nextInt(100) >= failurePercent;
                attemptSucceeds[i] = random.nextBoolean();
            }
        }

        int stepBatch(int batch) {
            int changed = 0;
            int start = cursor;
            now += TICK_NANOS;
            for (int i = 0; i < batch; i++) {
                int row = (start + i) & (ROWS - 1);
                // a different pass/fail draw each time the cursor comes round
                boolean pass = passes[(row * 31 + start) & (ROWS - 1)];
                if (pass && Lifecycle.passChangesNothing(Stage.ofOrdinal(stage[row]), streak[row], policy)) {
                    continue;
                }
                LifecycleState before = load(row);
                Input input;
                if (before.attemptInFlight()) {
                    input = attemptSucceeds[(row + start) & (ROWS - 1)] ? Input.ATTEMPT_SUCCEEDED : Input.ATTEMPT_FAILED;
                } else if (before.retryPending()) {
                    input = Input.RETRY_DUE;
                } else {
                    input = Input.pulse(pass);
                }
                Transition t = Lifecycle.step(before, input, now, policy, out);
                if (t.stateChanged()) {
                    store(row, t.state());
                    changed++;
                }
            }
            cursor = (start + batch) & (ROWS - 1);
            return changed;
        }

        private LifecycleState load(int row) {
            return new LifecycleState(Stage.ofOrdinal(stage[row]), failures[row], streak[row], attempts[row],
                    verify[row], incidentSeq[row], flags[row] & 0xFF,
                    yellowAt[row], redAt[row], cyanAt[row], grayAt[row]);
        }

        private void store(int row, LifecycleState state) {
            stage[row] = (byte) state.stage().ordinal();
            failures[row] = state.consecutiveFailures();
            streak[row] = state.successStreak();
            attempts[row] = (byte) state.attempts();
            verify[row] = (short) state.verifyRemaining();
            incidentSeq[row] = state.incidentSeq();
            flags[row] = (byte) state.flags();
            yellowAt[row] = state.yellowAt();
            redAt[row] = state.redAt();
            cyanAt[row] = state.cyanAt();
            grayAt[row] = state.grayAt();
        }
    }
}
