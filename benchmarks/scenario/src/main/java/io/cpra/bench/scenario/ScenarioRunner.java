package io.cpra.bench.scenario;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineSettings;
import io.cpra.core.engine.EngineSummary;
import io.cpra.core.engine.EventSink;
import io.cpra.core.engine.MonitorPage;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.MonitorSpec;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.pool.LatenessHistogram;
import io.cpra.core.engine.pool.LocalPressure;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugins.http.HttpCheckPlugin;
import io.cpra.plugins.synthetic.SyntheticPulsePlugin;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the real engine — store, wheel, queues, pools, lifecycle — with synthetic monitors at
 * scale and reports throughput, the share of due checks that ran, start lateness, CPU and
 * memory. Plugins are used as libraries (no plugin host), everything else is what the server
 * runs.
 *
 * <pre>{@code
 * mvn -B -pl benchmarks/scenario -am package -DskipTests
 * java -Xmx8g -XX:+UseParallelGC -cp "$(cat benchmarks/scenario/target/classpath.txt):benchmarks/scenario/target/classes" \
 *      io.cpra.bench.scenario.ScenarioRunner --monitors=1000000 --interval=10s --duration=60s
 * }</pre>
 *
 * <p>{@code --pulse=http} loads HTTP monitors with distinct URLs for the memory figure; they are
 * scheduled a day apart, so nothing is contacted.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /**
     * Runs one scenario and prints its report.
     *
     * @param args {@code --key=value} settings; see {@link Scenario}
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        Scenario scenario;
        try {
            scenario = Scenario.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(run(scenario, System.out).describe());
        System.exit(0);
    }

    static ScenarioReport run(Scenario scenario, PrintStream log) throws InterruptedException {
        long baseline = heapAfterGc();
        EngineSettings defaults = EngineSettings.defaults();
        PoolSettings pulses = new PoolSettings("pulse", Integer.getInteger("minLimit", 4), scenario.pulseMax(), Integer.getInteger("minLimit", 4), scenario.queueCapacity(),
                Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(5));
        EngineSettings settings = new EngineSettings(defaults.tick(), pulses, defaults.interventionPool(),
                defaults.codePool(), Math.max(defaults.resultCapacity(), scenario.queueCapacity() * 2),
                defaults.commandCapacity(), defaults.codeTimeout(), defaults.delivery());
        // the pools weigh the process's own pressure, as in the server
        LocalPressure pressure = LocalPressure.start(pulses.adaptEvery().toNanos());
        Engine engine = Engine.start(settings, EventSink.NONE, System::nanoTime, InstantSource.system(), pressure);
        try {
            log.printf("loading %,d %s monitors%n", scenario.monitors(), scenario.pulse());
            long loadStart = System.nanoTime();
            engine.apply(plans(scenario), true).join();
            long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

            log.printf("loaded in %,d ms; warming up for %s%n", loadMillis, scenario.warmup());
            Thread.sleep(scenario.warmup());
            long heap = heapAfterGc() - baseline;
            Window window = Window.start(engine);
            log.printf("measuring for %s%n", scenario.duration());
            Thread.sleep(scenario.duration());
            Window.End end = window.end(engine);
            long never = "synthetic".equals(scenario.pulse()) ? neverChecked(engine) : 0;
            int limit = engine.pools().get(0).limit();
            double serviceMicros = engine.pools().get(0).lastSample().serviceMeanNanos() / 1000;
            engine.stop(Duration.ofSeconds(10));
            int inFlight = engine.pools().get(0).inFlight();
            return new ScenarioReport(scenario, loadMillis, end.checks / end.seconds,
                    end.due == 0 ? 1 : Math.min(1, (double) end.checks / end.due), end.due, end.overruns, end.skipped,
                    end.deferrals, end.lateness.percentile(0.5) / 1e6, end.lateness.percentile(0.99) / 1e6,
                    end.lateness.percentile(1.0) / 1e6, end.engineCpu / end.seconds, end.processCpu / end.seconds,
                    (double) heap / scenario.monitors(), rssMiB(), never, inFlight, limit, serviceMicros);
        } finally {
            engine.stop(Duration.ofSeconds(1));
            pressure.close();
        }
    }

    /** One monitor each, named m0000000..; synthetic checks are shared, HTTP checks are not. */
    private static List<MonitorPlan> plans(Scenario scenario) {
        long interval = "http".equals(scenario.pulse()) ? Duration.ofHours(24).toNanos() : scenario.interval().toNanos();
        long timeout = Math.min(interval, Duration.ofSeconds(5).toNanos());
        MonitorSpec spec = new MonitorSpec(scenario.pulse(), interval, timeout, Policy.defaults(), null, List.of(),
                List.of("scenario"));
        PluginContext context = PluginContext.of("scenario", Path.of("."));
        PulsePlugin plugin = "http".equals(scenario.pulse()) ? new HttpCheckPlugin() : new SyntheticPulsePlugin();
        PulseCheck shared = "http".equals(scenario.pulse()) ? null : plugin.prepare(PluginConfig.of(Map.of(
                "latency", scenario.latency(), "mean", io.cpra.plugin.api.Durations.format(scenario.mean()),
                "failure_rate", scenario.failureRate())), context);
        List<MonitorPlan> plans = new ArrayList<>(scenario.monitors());
        for (int i = 0; i < scenario.monitors(); i++) {
            PulseCheck check = shared != null ? shared : plugin.prepare(PluginConfig.of(Map.of("url",
                    "http://10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF)
                            + ":8080/health/check-" + i)), context);
            plans.add(new MonitorPlan(String.format("m%07d", i), true, check, spec, i));
        }
        return plans;
    }

    private static long neverChecked(Engine engine) {
        long never = 0;
        int cursor = 0;
        do {
            MonitorPage page = engine.list(MonitorQuery.ALL, cursor, 100_000).join();
            for (MonitorView view : page.monitors()) {
                if (view.lastStatus() == null) {
                    never++;
                }
            }
            cursor = page.next();
        } while (cursor >= 0);
        return never;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Counters at the start of the measured window, and their differences at its end. */
    private record Window(long nanos, EngineSummary summary, LatenessHistogram.Snapshot lateness, long engineCpu,
                          long processCpu) {

        record End(double seconds, long checks, long due, long overruns, long skipped, long deferrals,
                   LatenessHistogram.Snapshot lateness, double engineCpu, double processCpu) {
        }

        static Window start(Engine engine) {
            return new Window(System.nanoTime(), engine.summary().join(),
                    engine.pools().get(0).lateness().snapshot(), engineCpuNow(), processCpuNow());
        }

        End end(Engine engine) {
            long now = System.nanoTime();
            EngineSummary last = engine.summary().join();
            LatenessHistogram.Snapshot latenessNow = engine.pools().get(0).lateness().snapshot();
            return new End((now - nanos) / 1e9, last.checks() - summary.checks(), last.dueChecks() - summary.dueChecks(),
                    last.overruns() - summary.overruns(), last.skipped() - summary.skipped(),
                    last.deferrals() - summary.deferrals(), latenessNow.since(lateness),
                    (engineCpuNow() - engineCpu) / 1e9, (processCpuNow() - processCpu) / 1e9);
        }

        private static long engineCpuNow() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().equals("cpra-engine")) {
                    return threads.getThreadCpuTime(thread.threadId());
                }
            }
            return 0;
        }

        private static long processCpuNow() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
