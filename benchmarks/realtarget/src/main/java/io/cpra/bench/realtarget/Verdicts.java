package io.cpra.bench.realtarget;

import java.util.List;
import java.util.Locale;

/**
 * Judges a run against its scenario's targets (the table in BENCHMARKS.md, "Real targets"). The
 * ground-truth checks — monitors never seen, late gaps — come from nginx's log; false failures
 * and reds from cpra's counters and events. No instances.
 */
final class Verdicts {

    /** The share of gaps over 1.5 intervals tolerated where a scenario asks for "every interval". */
    static final double LATE_SHARE = 0.001;

    private Verdicts() {
    }

    /** The ground-truth checks every logged group gets: every monitor seen, gaps near the interval. */
    static void groundTruth(Report report, Preset.Plan plan, List<GroundTruth> truths) {
        for (GroundTruth t : truths) {
            MonitorGroup group = plan.group(t.target());
            double interval = group.interval().toMillis() / 1000.0;
            String who = t.target().prefix() + "… (" + Report.target(t.target()) + ")";
            report.verdict(who + ": every monitor seen in the window", t.neverSeen() == 0,
                    String.format(Locale.ROOT, "%,d of %,d never seen", t.neverSeen(), t.monitors()));
            report.verdict(who + ": gaps over 1.5 intervals ≤ " + LATE_SHARE * 100 + " % (open ones included)",
                    t.gaps() > 0 && t.lateGapShare() <= LATE_SHARE, String.format(Locale.ROOT,
                            "%.3f %% of %,d gaps; %,d monitors overdue at the end", t.lateGapShare() * 100, t.gaps(),
                            t.overdueAtEnd()));
            if (plan.preset() != Preset.SLOW) {
                report.verdict(who + ": gap p99 ≤ 1.1 × interval (" + String.format(Locale.ROOT, "%.2f s", 1.1 * interval)
                        + ")", t.gaps() > 0 && t.gapP99() <= 1.1 * interval,
                        String.format(Locale.ROOT, "p99 %.2f s", t.gapP99()));
            }
        }
    }

    /** The scenario's own targets. */
    static void scenario(Report report, Preset.Plan plan, List<GroundTruth> truths, Window.Measured m, Events events,
                         double runFalseFailures) {
        double logged = truths.stream().mapToDouble(GroundTruth::checksPerSecond).sum();
        long loggedChecks = truths.stream().mapToLong(GroundTruth::checks).sum();
        double windowFalse = 0;
        for (String type : new String[] {"http", "tcp"}) {
            if (healthyOnly(plan, type)) {
                windowFalse += nonOk(m, type);
            }
        }
        switch (plan.preset()) {
            case HEALTHY -> report.verdict("checks/s ≥ 30,000 sustained (log)", logged >= 30_000,
                    String.format(Locale.ROOT, "%,.0f checks/s (asked %,.0f)", logged, plan.askedRate()));
            case MILLION -> report.verdict("checks/s ≥ 99 % of the 16,667 asked (log)", logged >= 0.99 * plan.askedRate(),
                    String.format(Locale.ROOT, "%,.0f checks/s over %.0f s", logged, m.seconds()));
            case KEEPALIVE -> {
                report.verdict(String.format(Locale.ROOT, "%,d checks in the window (log)", plan.checks()),
                        loggedChecks >= plan.checks(), String.format(Locale.ROOT, "%,d", loggedChecks));
                long non200 = truths.stream().mapToLong(GroundTruth::non200).sum();
                report.verdict("nginx answered every check 200", non200 == 0,
                        String.format(Locale.ROOT, "%,d other statuses", non200));
            }
            case SLOW -> {
                double closedChecks = nonOk(m, "tcp") + m.deltaSum("cpra_checks_total", "status=\"ok\"", "type=\"tcp\"");
                double asked = plan.group(Target.TCP_CLOSED).rate() * m.seconds();
                report.verdict("closed-port monitors checked every interval (cpra's count: nothing logs a refused port)",
                        closedChecks >= 0.99 * asked, String.format(Locale.ROOT, "%,.0f of %,.0f due", closedChecks, asked));
                MonitorGroup closed = plan.group(Target.TCP_CLOSED);
                double bound = closed.threshold() * closed.interval().toMillis() / 1000.0 + 1;
                double max = Events.percentile(events.redDelays(), 1);
                report.verdict(String.format(Locale.ROOT, "closed-port monitors red within %.0f s of their first check",
                        bound), events.neverRed() == 0 && max <= bound, String.format(Locale.ROOT,
                        "%,d never red; max %.2f s", events.neverRed(), max));
            }
            case TCP -> {
                double closedChecks = m.deltaSum("cpra_checks_total", "status=\"critical\"", "type=\"tcp\"");
                double asked = plan.group(Target.TCP_CLOSED).rate() * m.seconds();
                report.verdict("closed-port monitors checked every interval (cpra's count of failed tcp checks)",
                        closedChecks >= 0.99 * asked, String.format(Locale.ROOT, "%,.0f of %,.0f due", closedChecks, asked));
            }
            case OVERLOAD -> {
                // judged by the overload run itself
            }
        }
        report.verdict("no false failures: healthy targets' monitors raised no code (events)",
                events.falseAlarmMonitors() == 0, String.format(Locale.ROOT, "%,d monitors; codes %s",
                        events.falseAlarmMonitors(), events.codesByColour()));
        if (healthyOnly(plan, "http") || healthyOnly(plan, "tcp")) {
            report.verdict("no non-OK outcomes of pulse types that only check healthy targets (cpra's counters)",
                    runFalseFailures == 0 && windowFalse == 0, String.format(Locale.ROOT,
                            "%,.0f since cpra started, %,.0f in the window", runFalseFailures, windowFalse));
        }
    }

    /** @return whether the plan has monitors of this pulse type and all of them check something healthy */
    static boolean healthyOnly(Preset.Plan plan, String type) {
        return plan.groups().stream().anyMatch(g -> g.target().pulseType().equals(type))
                && plan.groups().stream().filter(g -> g.target().pulseType().equals(type))
                .allMatch(g -> g.target().healthy());
    }

    /** @return the window's critical and unknown outcomes of a pulse type */
    static double nonOk(Window.Measured m, String type) {
        return m.deltaSum("cpra_checks_total", "status=\"critical\"", "type=\"" + type + "\"")
                + m.deltaSum("cpra_checks_total", "status=\"unknown\"", "type=\"" + type + "\"");
    }

    /** @return the run's critical and unknown outcomes (since cpra started) of pulse types that only check healthy targets */
    static double runFalseFailures(Preset.Plan plan, Prometheus metrics) {
        double total = 0;
        for (String type : new String[] {"http", "tcp"}) {
            if (healthyOnly(plan, type)) {
                total += metrics.sum("cpra_checks_total", "status=\"critical\"", "type=\"" + type + "\"")
                        + metrics.sum("cpra_checks_total", "status=\"unknown\"", "type=\"" + type + "\"");
            }
        }
        return total;
    }
}
