package io.cpra.bench.history;

import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The check-history budgets of issue 12 §1 that storage decides: the time to write one minute's
 * buckets for every monitor, in chunks of 4,096 monitors each with its groups' sums as the
 * history writer writes them, then to roll them up; and the time a monitor's 90-day series takes
 * to read with every monitor's buckets stored. One process, one store, no engine: the write
 * path below the writer thread. Not run by {@code mvn verify}.
 *
 * <pre>
 * CP="$(cat benchmarks/scenario/target/classpath.txt):benchmarks/scenario/target/classes"
 * java -Xmx2g -cp "$CP" io.cpra.bench.history.HistoryBudgets sqlite 1000000
 * java -Xmx2g -cp "$CP" io.cpra.bench.history.HistoryBudgets jdbc:postgresql://127.0.0.1:5432/test 1000000
 * </pre>
 */
public final class HistoryBudgets {

    /** Monitors per transaction, as {@code HistoryChunk.CAPACITY}. */
    private static final int CHUNK = 4096;
    /** Monitors per group: 100 groups at a million monitors. */
    private static final int GROUP_SIZE = 10_000;
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    private HistoryBudgets() {
    }

    /**
     * @param args {@code sqlite} or a PostgreSQL JDBC URL (user {@code CPRA_DB_USER}, default
     *             {@code postgres}), and the number of monitors
     */
    public static void main(String[] args) throws Exception {
        String where = args.length > 0 ? args[0] : "sqlite";
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path folder = null;
        String schema = null;
        String user = System.getenv().getOrDefault("CPRA_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("CPRA_DB_PASSWORD", "");
        StorageSettings settings;
        if (where.equals("sqlite")) {
            folder = Files.createTempDirectory("cpra-history-budgets");
            settings = StorageSettings.sqlite(folder.resolve("cpra.db"));
        } else {
            // a schema of its own, dropped at the end: the database is left as it was found
            schema = "cpra_budgets_" + Long.toHexString(System.nanoTime());
            try (Connection admin = DriverManager.getConnection(where, user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            settings = new StorageSettings(where + (where.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
                    password, 4, Duration.ofSeconds(30));
        }
        System.out.printf(Locale.ROOT, "store %s, %,d monitors, load average %s%n", where, monitors, loadAverage());
        try (Storage storage = Storage.open(settings)) {
            // two days ago, so that the roll-up finds a closed hour and a closed day to fill
            long now = System.currentTimeMillis();
            long minute = Math.floorDiv(now - 2 * DAY, MINUTE) * MINUTE;
            long[] histogram = {5, 1, 0, 0, 0, 0, 0, 0};
            long start = System.nanoTime();
            for (int from = 0; from < monitors; from += CHUNK) {
                HistoryBatch batch = new HistoryBatch();
                int to = Math.min(monitors, from + CHUNK);
                long[] groupChecks = new long[(to - 1) / GROUP_SIZE - from / GROUP_SIZE + 1];
                for (int m = from; m < to; m++) {
                    batch.add(HistoryBatch.Scope.MONITOR, "monitor-" + m,
                            new HistoryBucket(minute, 6, m % 97 == 0 ? 1 : 0, 72_000, 20_000, histogram, 0));
                    groupChecks[m / GROUP_SIZE - from / GROUP_SIZE] += 6;
                }
                for (int g = 0; g < groupChecks.length; g++) {
                    long checks = groupChecks[g];
                    batch.add(HistoryBatch.Scope.GROUP, "group-" + (from / GROUP_SIZE + g),
                            new HistoryBucket(minute, checks, 0, checks * 12_000, 20_000,
                                    new long[] {checks, 0, 0, 0, 0, 0, 0, 0}, 0));
                }
                if (to == monitors) {
                    // nothing else will be written before now: the roll-up may take the whole hour and day
                    batch.completeBefore(Math.floorDiv(now, MINUTE) * MINUTE);
                }
                storage.writeHistory(batch);
            }
            double written = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "flush: one minute's buckets of %,d monitors (and %,d groups) in %.2f s,"
                    + " load average %s%n", monitors, (monitors + GROUP_SIZE - 1) / GROUP_SIZE, written, loadAverage());

            start = System.nanoTime();
            long rolled = storage.rollUpHistory();
            System.out.printf(Locale.ROOT, "roll-up: %,d buckets into hours and days in %.2f s, load average %s%n",
                    rolled, (System.nanoTime() - start) / 1e9, loadAverage());

            // one monitor with 90 days of day buckets beside the million monitors' minute, hour and day
            HistoryBatch days = new HistoryBatch();
            long today = Math.floorDiv(now, DAY) * DAY;
            for (int d = 1; d <= 90; d++) {
                days.add(HistoryBatch.Scope.MONITOR, "monitor-7", new HistoryBucket(today - d * DAY, 6, 0, 72_000, 20_000,
                        histogram, 0));
            }
            storage.writeHistory(days);
            storage.rollUpHistory();
            long[] nanos = new long[50];
            Instant from = Instant.ofEpochMilli(today - 90 * DAY);
            Instant to = Instant.ofEpochMilli(today + DAY);
            int buckets = 0;
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                buckets = storage.history(HistoryBatch.Scope.MONITOR, "monitor-" + (i == 0 ? 7 : (i * 19_997) % monitors),
                        from, to, HistoryBatch.Resolution.DAY).size();
                nanos[i] = System.nanoTime() - t;
                if (i == 0) {
                    System.out.printf(Locale.ROOT, "monitor-7's 90 days: %d buckets%n", buckets);
                }
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "90-day series read (storage call, %d monitors' queries): median %.2f ms,"
                    + " max %.2f ms, load average %s%n", nanos.length, nanos[nanos.length / 2] / 1e6,
                    nanos[nanos.length - 1] / 1e6, loadAverage());
        } finally {
            if (schema != null) {
                try (Connection admin = DriverManager.getConnection(where, user, password);
                     Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            if (folder != null) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
