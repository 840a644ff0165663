package io.cpra.bench.manifest;

import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.ManifestResult;
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
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

/**
 * Load + validate throughput of {@link ManifestReader} on an in-memory manifest of 10,000
 * generated monitors, pipelined and inline; the score is per monitor. The end-to-end figure for
 * the 1M budget (file, peak heap) comes from {@link ManifestLoadMain}.
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar ManifestReadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ManifestReadBenchmark {

    private static final int MONITORS = 10_000;

    @Param({"true", "false"})
    public boolean pipelined;

    private String manifest;
    private ManifestReader reader;

    /**
     * Generates the manifest once.
     *
     * @throws IOException never, the writer is in memory
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        StringWriter out = new StringWriter(MONITORS * 450);
        ManifestGenerator.write(MONITORS, out);
        manifest = out.toString();
        reader = ManifestReader.builder(FakeCatalog.create()).pipelined(pipelined).build();
    }

    /**
     * Reads and validates every monitor, handing each to a black hole.
     *
     * @param sink consumes the definitions
     * @return the result, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(MONITORS)
    public ManifestResult read(Blackhole sink) {
        ManifestResult result = reader.readString("bench.yaml", manifest, sink::consume);
        if (!result.ok()) {
            throw new IllegalStateException(result.describe());
        }
        return result;
    }
}
