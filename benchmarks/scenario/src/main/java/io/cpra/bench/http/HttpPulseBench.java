package io.cpra.bench.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.cpra.plugins.http.HttpCheckPlugin;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs prepared {@code http} checks against an nginx on loopback (keep-alive on) for a bounded
 * count and reports what they cost: process CPU time per check, checks per second, the
 * connections nginx accepted, sockets left in TIME_WAIT, and every outcome that was not OK.
 * The plugin is used as a library through the plugin API only, so the same driver runs
 * against an older build of the plugin put first on the class path.
 *
 * <pre>{@code
 * mvn -B -pl benchmarks/scenario -am package -DskipTests
 * java -cp "$(cat benchmarks/scenario/target/classpath.txt):benchmarks/scenario/target/classes" \
 *      io.cpra.bench.http.HttpPulseBench --checks=1000000 --concurrency=32
 * }</pre>
 *
 * <p>The CPU figure is the whole JVM's (checks, GC, JIT), measured over the checks after the
 * warm-up; nginx's own CPU is not in it.
 */
public final class HttpPulseBench {

    private static final int KEPT_MESSAGES = 20;

    private HttpPulseBench() {
    }

    /**
     * Runs once and prints the report.
     *
     * @param args {@code --key=value} settings; see {@link HttpBench}
     * @throws Exception when nginx cannot be started
     */
    public static void main(String[] args) throws Exception {
        HttpBench bench;
        try {
            bench = HttpBench.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(run(bench));
        System.exit(0);
    }

    /**
     * Starts nginx, runs the warm-up and the measured checks, stops nginx.
     *
     * @return the report
     * @throws IOException when nginx cannot be started or asked for its counts
     */
    static String run(HttpBench bench) throws IOException, InterruptedException {
        try (Nginx nginx = Nginx.start(bench.nginx(), bench.bodyBytes(), bench.keepaliveRequests(),
                bench.keepaliveTimeout())) {
            System.out.printf("nginx on 127.0.0.1:%d (%s); load %s%n", nginx.port(), nginx.folder(), loadAverage());
            HttpCheckPlugin plugin = new HttpCheckPlugin();
            List<PulseCheck> checks = prepare(plugin, bench, nginx.port());
            run(checks, bench, bench.warmup(), null);
            Nginx.Counts before = nginx.counts();
            Tally tally = new Tally();
            long cpu = processCpu();
            long[] userSystem = userSystemTicks();
            long gc = gcMillis();
            long start = System.nanoTime();
            run(checks, bench, bench.checks(), tally);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpu() - cpu) / 1e9;
            long[] userSystemAfter = userSystemTicks();
            long user = userSystemAfter[0] - userSystem[0];
            long system = userSystemAfter[1] - userSystem[1];
            double kernelShare = user + system == 0 ? 0 : (double) system / (user + system);
            long gcMs = gcMillis() - gc;
            Nginx.Counts after = nginx.counts();
            long timeWait = nginx.timeWait();
            plugin.close();
            return report(bench, tally, seconds, cpuSeconds, kernelShare, gcMs, before, after, timeWait);
        }
    }

    private static List<PulseCheck> prepare(HttpCheckPlugin plugin, HttpBench bench, int port) {
        PluginContext context = PluginContext.of("bench", Path.of("."));
        List<PulseCheck> checks = new ArrayList<>(bench.monitors());
        FloorCheck.Connections floor = bench.client().equals("floor") ? new FloorCheck.Connections(port) : null;
        for (int i = 0; i < bench.monitors(); i++) {
            if (floor != null) {
                checks.add(floor.check("/m/" + i));
                continue;
            }
            Map<String, Object> config = new HashMap<>();
            config.put("url", "http://127.0.0.1:" + port + "/m/" + i);
            if (bench.bodyRule()) {
                config.put("body_contains", Nginx.MARKER);
            }
            checks.add(plugin.prepare(PluginConfig.of("m" + i, "pulse_check.config", config), context));
        }
        return checks;
    }

    /** Runs {@code count} checks over the monitors in turn, {@code concurrency} at a time. */
    private static void run(List<PulseCheck> checks, HttpBench bench, long count, Tally tally)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        double spacing = bench.rate() > 0 ? 1e9 / bench.rate() : 0;
        List<Thread> workers = new ArrayList<>(bench.concurrency());
        for (int w = 0; w < bench.concurrency(); w++) {
            workers.add(Thread.ofVirtual().name("bench-" + w).start(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    if (spacing > 0) {
                        long wait = start + (long) (i * spacing) - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    PulseCheck check = checks.get((int) (i % checks.size()));
                    PulseOutcome outcome;
                    try {
                        outcome = check.check(Deadline.after(bench.timeout()));
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        outcome = PulseOutcome.unknown("threw " + e);
                    }
                    if (tally != null) {
                        tally.add(outcome);
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Outcomes by status, and the first distinct messages of those that were not OK. */
    private static final class Tally {
        private final Map<PulseOutcome.Status, LongAdder> byStatus = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();

        void add(PulseOutcome outcome) {
            byStatus.computeIfAbsent(outcome.status(), s -> new LongAdder()).increment();
            if (outcome.status() != PulseOutcome.Status.OK) {
                // times vary; the rest of the message tells failures apart
                String key = outcome.status() + " " + outcome.message().replaceAll("\\d+ ms", "N ms");
                LongAdder counter = messages.get(key);
                if (counter == null && messages.size() < KEPT_MESSAGES) {
                    counter = messages.computeIfAbsent(key, k -> new LongAdder());
                }
                if (counter != null) {
                    counter.increment();
                }
            }
        }

        long count(PulseOutcome.Status status) {
            LongAdder adder = byStatus.get(status);
            return adder == null ? 0 : adder.sum();
        }
    }

    private static String report(HttpBench bench, Tally tally, double seconds, double cpuSeconds, double kernelShare, long gcMs,
                                 Nginx.Counts before, Nginx.Counts after, long timeWait) {
        long total = 0;
        for (PulseOutcome.Status status : PulseOutcome.Status.values()) {
            total += tally.count(status);
        }
        long notOk = total - tally.count(PulseOutcome.Status.OK);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                settings          %s
                checks            %,d in %.1f s: %,.0f checks/s
                CPU per check     %.1f us (process CPU %.1f s, %.0f %% of one core, %.0f %% of it in the kernel; GC %,d ms)
                outcomes          OK %,d, WARNING %,d, CRITICAL %,d, UNKNOWN %,d: %,d not OK
                nginx             %,d connections accepted, %,d requests (%.0f requests per connection)
                TIME_WAIT         %,d sockets at the end
                load              %s""",
                bench, total, seconds, total / seconds,
                cpuSeconds * 1e6 / total, cpuSeconds, cpuSeconds / seconds * 100, kernelShare * 100, gcMs,
                tally.count(PulseOutcome.Status.OK), tally.count(PulseOutcome.Status.WARNING),
                tally.count(PulseOutcome.Status.CRITICAL), tally.count(PulseOutcome.Status.UNKNOWN), notOk,
                after.accepted() - before.accepted(), after.requests() - before.requests(),
                (double) (after.requests() - before.requests()) / Math.max(1, after.accepted() - before.accepted()),
                timeWait, loadAverage()));
        tally.messages.forEach((message, count) -> text.append(String.format(Locale.ROOT, "%n  %,8d x %s",
                count.sum(), message.length() > 300 ? message.substring(0, 300) + "..." : message)));
        return text.toString();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system CPU of this process in clock ticks, from {@code /proc/self/stat}; zeros elsewhere. */
    private static long[] userSystemTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return new long[2];
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
