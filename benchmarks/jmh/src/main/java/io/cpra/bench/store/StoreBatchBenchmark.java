package io.cpra.bench.store;

import io.cpra.core.engine.store.EntityStore;
import io.cpra.core.engine.store.RowWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Batch operations on an {@link EntityStore} holding {@code rows} monitors, the way the engine
 * applies a tick's worth of results or commands: batches of {@value #BATCH} handles in random
 * row order (results come back in completion order, not row order). Scores are rows per second.
 *
 * <ul>
 *   <li>{@code applyResults}: the result path: check the handle, bump or reset counters, write
 *       status and latency, read the stage;</li>
 *   <li>{@code removeAndAdd}: churn: remove a batch and add a batch that reuses the rows.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar StoreBatchBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoreBatchBenchmark {

    static final int BATCH = 1024;

    @Param({"1000000"})
    int rows;

    private EntityStore<Object, Object> store;
    private long[] handles;
    private final long[] batch = new long[BATCH];
    private int position;
    private int passing;

    private final RowWriter applyResult = (index, row) -> {
        if (((index + passing) & 3) != 0) {
            store.successStreak().increment(row);
            store.consecutiveFailures().set(row, 0);
        } else {
            store.consecutiveFailures().increment(row);
            store.successStreak().set(row, 0);
        }
        store.lastStatus().set(row, (byte) (index & 3));
        store.lastLatencyMicros().set(row, index);
        store.flags().lower(row, EntityStore.PULSE_IN_FLIGHT);
        passing += store.stage().get(row);
    };

    @Setup
    public void setUp() {
        store = EntityStore.create();
        handles = new long[rows];
        Object spec = new Object();
        store.addAll(rows, (i, row) -> {
            store.name().set(row, "monitor");
            store.spec().set(row, spec);
        }, handles, 0);
        // a fixed shuffle, so every fork sees the same order
        long seed = 42;
        for (int i = rows - 1; i > 0; i--) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            int j = (int) ((seed >>> 33) % (i + 1));
            long swap = handles[i];
            handles[i] = handles[j];
            handles[j] = swap;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int applyResults() {
        System.arraycopy(handles, nextBatch(), batch, 0, BATCH);
        return store.updateAll(batch, 0, BATCH, applyResult);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int removeAndAdd() {
        int from = nextBatch();
        int removed = store.removeAll(handles, from, BATCH, row -> { });
        store.addAll(BATCH, (i, row) -> store.name().set(row, "monitor"), handles, from);
        return removed;
    }

    private int nextBatch() {
        int from = position;
        position += BATCH;
        if (position + BATCH > rows) {
            position = 0;
        }
        return from;
    }
}
