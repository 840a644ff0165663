package io.cpra.bench.realtarget;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The overload scenario: find the rate this box can do, run twice that, then drop the load and
 * watch the monitors that remain come back to their schedule.
 *
 * <ol>
 *   <li><b>Ramp</b> (skipped with {@code --rate=N}): one cpra, the manifest reloaded with 1.5
 *       times more monitors each step; each step is measured from nginx's log as it is written.
 *       The capacity is the most any step achieved; the ramp stops when a step achieves less
 *       than 90 % of what it asked.</li>
 *   <li><b>Overload</b>: a fresh cpra with monitors for twice the capacity, warmed up, then
 *       measured: fairness of the shortfall (checks per monitor), and the sampler's extremes for
 *       queue, connections and memory.</li>
 *   <li><b>Drop</b>: the manifest is rewritten with the first monitors only (half the capacity)
 *       and reloaded through the API; the kept monitors are watched for five intervals.</li>
 * </ol>
 */
final class Overload {

    /** The ramp's first step, in checks per second. */
    static final double RAMP_START = 5_000;
    /** The ramp's factor from one step to the next. */
    static final double RAMP_FACTOR = 1.5;
    /** The ramp ends at this rate even if every step kept up. */
    static final double RAMP_END = 200_000;

    /** One ramp step: monitors loaded, checks/s asked and achieved (log). */
    record Step(int monitors, double asked, double achieved) {
    }

    private final Preset.Plan plan;
    private final Options options;
    private final Rig rig;
    private final Path dist;
    private final PrintStream log;
    private final MonitorGroup base;
    private final Path manifest;

    Overload(Preset.Plan plan, Options options, Rig rig, Path dist, PrintStream log) {
        this.plan = plan;
        this.options = options;
        this.rig = rig;
        this.dist = dist;
        this.log = log;
        this.base = plan.groups().get(0);
        this.manifest = rig.folder().resolve("monitors.yaml");
    }

    Report run(Instant started, String loadBefore, String workers) throws IOException {
        List<Step> steps = new ArrayList<>();
        double capacity = plan.rate() > 0 ? plan.rate() : ramp(steps);
        double intervalSeconds = base.interval().toMillis() / 1000.0;
        MonitorGroup overload = base.withCount((int) Math.round(2 * capacity * intervalSeconds));
        int keep = (int) Math.max(1, Math.round(capacity / 2 * intervalSeconds));
        Preset.Plan overloadPlan = new Preset.Plan(plan.preset(), plan.quick(), List.of(overload), plan.warmup(),
                plan.duration(), plan.javaOptions(), plan.readyWithin(), plan.closingRequests(), plan.closingIdle(),
                0, capacity, plan.rampStep());
        Roster roster = new Roster(List.of(overload));

        ManifestWriter.write(List.of(overload), rig.endpoints(), manifest);
        log.printf("overload: a fresh cpra with %,d monitors (%,.0f checks/s asked, twice %,.0f)%n", overload.count(),
                overload.rate(), capacity);
        Instant overloadStart = Instant.now();
        Cpra cpra = rig.startCpra(plan, dist, manifest);
        Instant ready = Instant.now();
        RealTargetRunner.watch(cpra, plan.warmup(), log);
        Window window = Window.open(cpra, rig);
        log.printf("measuring for %s%n", Report.format(plan.duration()));
        RealTargetRunner.watch(cpra, plan.duration(), log);
        Window.Measured measured = window.close();

        ManifestWriter.write(List.of(overload.withCount(keep)), rig.endpoints(), manifest);
        log.printf("dropping to %,d monitors (%,.0f checks/s asked)%n", keep, keep / intervalSeconds);
        long reloadAsked = System.currentTimeMillis();
        var answer = cpra.reload();
        long drop = System.currentTimeMillis();
        log.printf("reloaded in %.1f s: %,d removed%n", (drop - reloadAsked) / 1000.0,
                answer.getJsonArray("removed").size());
        Duration observe = base.interval().multipliedBy(5).plusSeconds(5);
        RealTargetRunner.watch(cpra, observe, log);
        long observed = System.currentTimeMillis();
        Events events = Events.read(cpra, overloadStart, ready, roster);
        double runFalse = Verdicts.runFalseFailures(overloadPlan, Window.metrics(cpra));
        cpra.stop(rig.children());
        AccessLog access = AccessLog.read(rig.stopNginx(), roster);

        GroundTruth truth = GroundTruth.of(access, overload, overload.count(), measured.fromMillis(), measured.toMillis());
        Recovery recovery = Recovery.of(access, overload, keep, drop, observed);
        Report report = new Report(overloadPlan, options, started, loadBefore, workers);
        if (!steps.isEmpty()) {
            report.ramp(steps, capacity);
        }
        report.truths("ground truth at twice the capacity", List.of(truth));
        report.measured(measured, truth.checks());
        long from = drop / 1000 - 5;
        report.recovery(recovery, (drop - reloadAsked) / 1000.0, perSecond(access, from, observed / 1000), 5);
        report.events(events, runFalse);
        double interval = intervalSeconds;
        report.verdict("shortfall spread fairly: Jain's index of checks per monitor ≥ 0.9", truth.jain() >= 0.9,
                String.format(Locale.ROOT, "%.3f (per monitor min %d, median %d, max %d)", truth.jain(),
                        truth.perMonitorMin(), truth.perMonitorMedian(), truth.perMonitorMax()));
        report.verdict("no monitor starved at twice the capacity: every monitor seen", truth.neverSeen() == 0,
                String.format(Locale.ROOT, "%,d of %,d never seen", truth.neverSeen(), truth.monitors()));
        report.verdict("recovery: every kept monitor checked within one interval of the drop",
                recovery.notWithinInterval() == 0, String.format(Locale.ROOT, "%,d not; max %.2f s", recovery.notWithinInterval(),
                        recovery.firstCheckMax()));
        report.verdict(String.format(Locale.ROOT, "after recovery: gap p99 ≤ 1.1 × interval (%.2f s)", 1.1 * interval),
                recovery.gapP99() <= 1.1 * interval, String.format(Locale.ROOT, "p99 %.2f s, %.3f %% over 1.5 intervals",
                        recovery.gapP99(), recovery.lateGapShare() * 100));
        report.finish(Proc.loadAverage(), access.size(), access.unattributed());
        return report;
    }

    /** Raises the load step by step on one cpra until it no longer keeps up; returns the best rate achieved. */
    private double ramp(List<Step> steps) throws IOException {
        double intervalSeconds = base.interval().toMillis() / 1000.0;
        double asked = RAMP_START;
        MonitorGroup group = base.withCount((int) Math.round(asked * intervalSeconds));
        ManifestWriter.write(List.of(group), rig.endpoints(), manifest);
        log.printf("ramp: a cpra from %,.0f checks/s%n", asked);
        Cpra cpra = rig.startCpra(plan, dist, manifest);
        double best = 0;
        Roster names = new Roster(List.of(base.withCount(9_999_999)));
        try (AccessLog.Tail tail = new AccessLog.Tail(rig.nginx().accessLog(), names)) {
            while (true) {
                // one interval for the new monitors' first checks to spread in, and a little more
                Children.sleep(base.interval().toMillis() + 2_000);
                long from = System.currentTimeMillis();
                Children.sleep(plan.rampStep().toMillis());
                long to = System.currentTimeMillis();
                Children.sleep(1_500);  // nginx flushes its log every second
                tail.poll();
                long seconds = to / 1000 - from / 1000;
                double achieved = tail.started(from, to) / (double) seconds;
                steps.add(new Step(group.count(), group.rate(), achieved));
                best = Math.max(best, achieved);
                log.printf(Locale.ROOT, "  %,d monitors: asked %,.0f checks/s, achieved %,.0f (load %s)%n",
                        group.count(), group.rate(), achieved, Proc.loadAverage());
                if (achieved < 0.9 * group.rate() || group.rate() * RAMP_FACTOR > RAMP_END) {
                    break;
                }
                group = group.withCount((int) Math.round(group.count() * RAMP_FACTOR));
                ManifestWriter.write(List.of(group), rig.endpoints(), manifest);
                cpra.reload();
            }
        } finally {
            cpra.stop(rig.children());
        }
        return best;
    }

    /** Checks started per second of the log's roster, for each second in {@code [fromSecond, toSecond)}. */
    static long[] perSecond(AccessLog access, long fromSecond, long toSecond) {
        long[] counts = new long[(int) Math.max(0, toSecond - fromSecond)];
        for (int i = 0; i < access.size(); i++) {
            long second = access.startMillis(i) / 1000 - fromSecond;
            if (second >= 0 && second < counts.length) {
                counts[(int) second]++;
            }
        }
        return counts;
    }
}
