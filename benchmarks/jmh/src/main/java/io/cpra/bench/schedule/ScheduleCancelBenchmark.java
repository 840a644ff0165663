package io.cpra.bench.schedule;

import java.util.concurrent.TimeUnit;
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
 * Cancel and schedule again, as the engine does when a monitor is paused, edited or removed:
 * with {@code loaded} ids scheduled 1 s to 60 s out, cancel a random one and schedule it at a
 * new random due time. One operation is the pair. The wheel is compared with a sorted set
 * ({@link java.util.TreeSet}, O(log n) both ways); a {@link java.util.PriorityQueue} is left
 * out because its cancel is a linear scan.
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar ScheduleCancelBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScheduleCancelBenchmark {

    static final long SECOND = 1_000_000_000L;

    @Param({"10000", "1000000"})
    int loaded;

    @Param({"wheel", "treeSet"})
    String scheduler;

    private Scheduler subject;
    private long seed = 11;
    private final long start = 5 * SECOND;

    @Setup(Level.Trial)
    public void setUp() {
        subject = Scheduler.create(scheduler, new long[loaded], start);
        for (int id = 0; id < loaded; id++) {
            subject.schedule(id, start + SECOND + random(59 * SECOND));
        }
    }

    @Benchmark
    public int cancelAndSchedule() {
        int id = (int) random(loaded);
        subject.cancel(id);
        subject.schedule(id, start + SECOND + random(59 * SECOND));
        return id;
    }

    private long random(long bound) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        return Math.floorMod(seed >>> 17, bound);
    }
}
