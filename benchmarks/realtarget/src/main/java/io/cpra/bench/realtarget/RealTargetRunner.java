package io.cpra.bench.realtarget;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one real-target scenario: nginx on loopback as the target, the assembled distribution as
 * a separate process, nginx's access log as the ground truth. Prints a table and appends one JSON
 * line to the results file. Everything it starts is stopped when it ends, however it ends.
 *
 * <pre>{@code
 * ./mvnw -B -pl benchmarks/realtarget -am -DskipTests package
 * java -cp "$(cat benchmarks/realtarget/target/classpath.txt):benchmarks/realtarget/target/classes" \
 *      io.cpra.bench.realtarget.RealTargetRunner --scenario=healthy --quick
 * }</pre>
 *
 * <p>Scenarios: {@link Preset}; settings: {@link Options}; run from the repository's root (the
 * default distribution and results paths are relative to it).
 */
public final class RealTargetRunner {

    private RealTargetRunner() {
    }

    /**
     * @param args {@code --scenario=NAME [--quick] [--key=value ...]}
     */
    public static void main(String[] args) {
        Options options;
        Preset.Plan plan;
        try {
            options = Options.parse(args);
            plan = Preset.of(options.scenario()).plan(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            Report report = run(plan, options, System.out);
            report.print(System.out);
            report.append(options.path("results"));
            System.out.println("appended to " + options.path("results"));
            status = 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("run failed: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static Report run(Preset.Plan plan, Options options, PrintStream log) throws IOException {
        String workers = options.text("nginx-workers", "1");
        Nginx.Settings nginx = new Nginx.Settings(options.path("nginx"), workers, plan.closingRequests(),
                plan.closingIdle());
        Path dist = options.path("dist").toAbsolutePath();
        Instant started = Instant.now();
        String loadBefore = Proc.loadAverage();
        try (Rig rig = Rig.start(options.path("work"), options.keep(), nginx)) {
            log.printf("%s: nginx on 127.0.0.1:%d and :%d (closes after %d requests), closed port %d, folder %s%n",
                    plan.preset().label(), rig.endpoints().main(), rig.endpoints().closing(), plan.closingRequests(),
                    rig.endpoints().closed(), rig.folder());
            if (plan.preset() == Preset.OVERLOAD) {
                return new Overload(plan, options, rig, dist, log).run(started, loadBefore, workers);
            }
            return steady(plan, options, rig, dist, log, started, loadBefore, workers);
        }
    }

    private static Report steady(Preset.Plan plan, Options options, Rig rig, Path dist, PrintStream log,
                                 Instant started, String loadBefore, String workers) throws IOException {
        Roster roster = new Roster(plan.groups());
        Path manifest = rig.folder().resolve("monitors.yaml");
        ManifestWriter.write(plan.groups(), rig.endpoints(), manifest);
        log.printf("starting cpra with %,d monitors (%,.0f checks/s asked)%n", roster.size(), plan.askedRate());
        Cpra cpra = rig.startCpra(plan, dist, manifest);
        Instant ready = Instant.now();
        log.printf("ready after %.1f s; warming up for %s%n", (ready.toEpochMilli() - started.toEpochMilli()) / 1000.0,
                Report.format(plan.warmup()));
        watch(cpra, plan.warmup(), log);
        Window window = Window.open(cpra, rig);
        log.printf("measuring for %s%n", Report.format(plan.duration()));
        watch(cpra, plan.duration(), log);
        Window.Measured measured = window.close();
        Events events = Events.read(cpra, started, ready, roster);
        double runFalse = Verdicts.runFalseFailures(plan, measured.after());
        cpra.stop(rig.children());
        log.println("stopped cpra; reading nginx's log");
        AccessLog access = AccessLog.read(rig.stopNginx(), roster);
        List<GroundTruth> truths = new ArrayList<>();
        for (MonitorGroup group : plan.groups()) {
            if (group.target().logged()) {
                truths.add(GroundTruth.of(access, group, group.count(), measured.fromMillis(), measured.toMillis()));
            }
        }
        Report report = new Report(plan, options, started, loadBefore, workers);
        report.truths("ground truth", truths);
        report.measured(measured, truths.stream().mapToLong(GroundTruth::checks).sum());
        report.events(events, runFalse);
        Verdicts.groundTruth(report, plan, truths);
        Verdicts.scenario(report, plan, truths, measured, events, runFalse);
        report.finish(Proc.loadAverage(), access.size(), access.unattributed());
        return report;
    }

    /**
     * @return {@code git describe --always --dirty} of the folder the runner was started in (the
     *         build under test when run from the repository's root), or "unknown"
     */
    static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 && !output.isEmpty() ? output : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Waits, printing cpra's progress every ten seconds. */
    static void watch(Cpra cpra, Duration span, PrintStream log) {
        long end = System.nanoTime() + span.toNanos();
        long lastChecks = -1;
        long lastTime = System.nanoTime();
        while (System.nanoTime() < end) {
            Children.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            try {
                JsonObject summary = cpra.json("/api/v1/summary");
                long checks = summary.getJsonObject("checks").getJsonNumber("finished").longValue();
                JsonObject pulse = Sampler.pulsePool(summary);
                long now = System.nanoTime();
                if (lastChecks >= 0) {
                    log.printf(Locale.ROOT, "  %,.0f checks/s (cpra's count); limit %d, in flight %d, queue %d; load %s%n",
                            (checks - lastChecks) / ((now - lastTime) / 1e9), pulse.getInt("limit"),
                            pulse.getInt("in_flight"), pulse.getInt("queue_depth"), Proc.loadAverage());
                }
                lastChecks = checks;
                lastTime = now;
            } catch (IOException | RuntimeException e) {
                log.println("  (summary unanswered: " + e.getMessage() + ")");
            }
        }
    }
}
