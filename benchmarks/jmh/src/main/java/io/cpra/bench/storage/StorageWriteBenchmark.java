package io.cpra.bench.storage;

import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.MonitorSnapshot;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.cpra.core.storage.StorageSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link Storage#write} of the size the engine sends under load: {@code rows} events plus
 * {@code rows} snapshot upserts in one transaction. The score is milliseconds per write; the
 * events table grows through the run as it would in production. Snapshots cycle through
 * {@value #BATCHES} prepared batches of distinct monitors, so after the first round every
 * snapshot write updates an existing row.
 *
 * <p>SQLite writes to a file in a temporary folder ({@code -Dcpra.bench.dir} to choose where:
 * the disk's fsync speed is most of the score, since every commit is synced). PostgreSQL uses
 * {@code -Dcpra.bench.postgres} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) as
 * {@code -Dcpra.bench.postgres.user} (default {@code postgres}), in a schema of its own dropped
 * afterwards.
 *
 * <p>Run: {@code java -jar benchmarks/jmh/target/benchmarks.jar StorageWriteBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StorageWriteBenchmark {

    static final int BATCHES = 16;

    @Param({"sqlite", "postgresql"})
    String store;

    @Param({"1000"})
    int rows;

    private Storage storage;
    private Path folder;
    private String schema;
    private final StorageBatch[] batches = new StorageBatch[BATCHES];
    private int next;

    @Setup
    public void open() throws IOException, SQLException {
        StorageSettings settings;
        if (store.equals("sqlite")) {
            Path parent = Path.of(System.getProperty("cpra.bench.dir", System.getProperty("java.io.tmpdir")));
            folder = Files.createTempDirectory(parent, "cpra-storage-bench");
            settings = StorageSettings.sqlite(folder.resolve("cpra.db"));
        } else {
            schema = "cpra_bench_" + ProcessHandle.current().pid();
            try (Connection admin = postgres(); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            }
            settings = new StorageSettings(postgresUrl() + "?currentSchema=" + schema, postgresUser(), "", 4,
                    Duration.ofSeconds(10));
        }
        storage = Storage.open(settings);
        Instant origin = Instant.parse("2026-03-01T00:00:00Z");
        for (int b = 0; b < BATCHES; b++) {
            StorageBatch batch = new StorageBatch();
            for (int i = 0; i < rows; i++) {
                int monitor = b * rows + i;
                Instant at = origin.plusMillis(monitor);
                batch.addEvent(new EventRecord(0, at, "monitor-" + monitor, "stage_changed", null, 0,
                        "{\"from\":\"HEALTHY\",\"to\":\"FAILING\",\"message\":\"HTTP 503 in 12 ms\"}"));
                batch.putSnapshot(new MonitorSnapshot("monitor-" + monitor, "FAILING", 1, 0, 0, 0, 0, 0, 0, at));
            }
            batches[b] = batch;
        }
    }

    @Benchmark
    public void write() {
        storage.write(batches[next]);
        next = (next + 1) % BATCHES;
    }

    @TearDown
    public void close() throws IOException, SQLException {
        storage.close();
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        if (schema != null) {
            try (Connection admin = postgres(); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Connection postgres() throws SQLException {
        return DriverManager.getConnection(postgresUrl(), postgresUser(), "");
    }

    private static String postgresUrl() {
        return System.getProperty("cpra.bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String postgresUser() {
        return System.getProperty("cpra.bench.postgres.user", "postgres");
    }
}
