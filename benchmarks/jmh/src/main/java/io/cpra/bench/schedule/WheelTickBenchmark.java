package io.cpra.bench.schedule;

import io.cpra.core.engine.schedule.FixedRate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one 1 ms engine tick of the scheduler with {@code loaded} fixed-rate monitors:
 * advance the clock by 1 ms, deliver what is due and re-arm it at due + interval.
 *
 * <p>Intervals are spread over [1 s, 60 s] at 1,000,000 monitors, scaled by
 * {@code loaded / 1,000,000} below that, so about 70 monitors come due in every tick at every
 * size and the score compares the same work with more or fewer ids loaded. First due times are
 * spread over one interval by name, as the engine does, so the run starts in steady state. The
 * score is the average time per tick; the {@code dueIds} counter is the total of ids that came
 * due, for checking the rate per tick. The baseline is a {@link java.util.PriorityQueue} of
 * (due, id) entries, polled and re-added.
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar WheelTickBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WheelTickBenchmark {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000 * MS;

    @Param({"10000", "1000000"})
    int loaded;

    @Param({"wheel", "heap"})
    String scheduler;

    private Scheduler subject;
    private long now;

    /** Ids delivered, reported next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Due {
        public long dueIds;
    }

    @Setup(Level.Trial)
    public void setUp() {
        long start = -1_000 * SECOND; // any point of the nano time line will do
        double scale = loaded / 1_000_000.0;
        long[] intervals = new long[loaded];
        long seed = 7;
        for (int id = 0; id < loaded; id++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            double unit = (seed >>> 11) * 0x1.0p-53;
            intervals[id] = Math.max(MS, (long) ((1 + 59 * unit) * SECOND * scale));
        }
        subject = Scheduler.create(scheduler, intervals, start);
        for (int id = 0; id < loaded; id++) {
            subject.schedule(id, FixedRate.firstDue(start, intervals[id], "monitor-" + id));
        }
        now = start;
    }

    @Benchmark
    public int tick(Due due) {
        now += MS;
        int count = subject.tick(now);
        due.dueIds += count;
        return count;
    }
}
