package io.cpra.bench.realtarget;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's findings, as a table for people and as one JSON line appended to the results file for
 * comparing runs. Each {@code add} call writes both. Not thread-safe; the runner's thread fills it.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final JsonObjectBuilder json = Json.createObjectBuilder();
    private final List<Verdict> verdicts = new ArrayList<>();

    Report(Preset.Plan plan, Options options, Instant started, String loadBefore, String nginxWorkers) {
        line("== %s%s: %s", plan.preset().label(), plan.quick() ? " (quick)" : "", plan.preset().description());
        line("started %s; load average before %s; nginx worker_processes %s; CPRA_JAVA_OPTS %s", started,
                loadBefore, nginxWorkers, plan.javaOptions());
        JsonArrayBuilder groups = Json.createArrayBuilder();
        for (MonitorGroup group : plan.groups()) {
            line("monitors: %,d %s (%s) every %s, timeout %s, max_failures %d", group.count(),
                    group.target().pulseType(), target(group.target()), format(group.interval()),
                    format(group.timeout()), group.threshold());
            groups.add(group(group));
        }
        json.add("scenario", plan.preset().label()).add("quick", plan.quick()).add("started", started.toString())
                .add("commit", RealTargetRunner.commit())
                .add("note", options.text("note", "")).add("load_before", loadBefore)
                .add("nginx_workers", nginxWorkers).add("java_opts", plan.javaOptions())
                .add("warmup_s", plan.warmup().toMillis() / 1000.0).add("groups", groups);
    }

    static JsonObjectBuilder group(MonitorGroup group) {
        return Json.createObjectBuilder().add("target", group.target().name().toLowerCase(Locale.ROOT))
                .add("monitors", group.count()).add("interval_s", group.interval().toMillis() / 1000.0)
                .add("timeout_s", group.timeout().toMillis() / 1000.0).add("max_failures", group.threshold());
    }

    static String target(Target target) {
        return switch (target) {
            case HTTP_OK -> "nginx /ok, keep-alive";
            case HTTP_SLOW -> "nginx /slow, answers after 5 s";
            case HTTP_CLOSING -> "nginx /ok, closes connections after N requests";
            case TCP_OPEN -> "nginx, HTTP/1.0 request and reply";
            case TCP_CLOSED -> "closed port";
        };
    }

    /** The ground truth of each logged group. */
    void truths(String title, List<GroundTruth> truths) {
        line("");
        line("%s (from nginx's access log: checks that started in the window)", title);
        line("%-6s %10s %10s %8s %8s %8s %8s %8s %9s %15s %6s %s", "group", "checks/s", "monitors", "never", "overdue",
                "gap p50", "gap p99", "gap max", "gaps>1.5i", "per-monitor", "Jain", "statuses");
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (GroundTruth t : truths) {
            line("%-6s %,10.0f %,10d %,8d %,8d %7.2fs %7.2fs %7.2fs %8.3f%% %15s %6.3f %s", t.target().prefix() + "…",
                    t.checksPerSecond(), t.monitors(), t.neverSeen(), t.overdueAtEnd(), t.gapP50(), t.gapP99(),
                    t.gapMax(), t.lateGapShare() * 100,
                    t.perMonitorMin() + "/" + t.perMonitorMedian() + "/" + t.perMonitorMax(), t.jain(), t.statuses());
            JsonObjectBuilder statuses = Json.createObjectBuilder();
            t.statuses().forEach((status, count) -> statuses.add(Integer.toString(status), count));
            array.add(Json.createObjectBuilder().add("target", t.target().name().toLowerCase(Locale.ROOT))
                    .add("window_s", t.seconds()).add("checks", t.checks()).add("checks_per_s", round(t.checksPerSecond()))
                    .add("monitors", t.monitors()).add("never_seen", t.neverSeen()).add("overdue_at_end", t.overdueAtEnd())
                    .add("gaps", t.gaps()).add("open_gaps", t.openGaps()).add("gap_p50_s", t.gapP50()).add("gap_p99_s", t.gapP99())
                    .add("gap_max_s", t.gapMax()).add("late_gap_share", t.lateGapShare())
                    .add("per_monitor_min", t.perMonitorMin()).add("per_monitor_median", t.perMonitorMedian())
                    .add("per_monitor_max", t.perMonitorMax()).add("jain", t.jain()).add("statuses", statuses));
        }
        json.add(title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), array);
    }

    /** /proc, cpra's counters and view, sockets: everything the window measured but the log. */
    void measured(Window.Measured m, long groundChecks) {
        double seconds = m.seconds();
        double cpraChecks = m.deltaSum("cpra_checks_total");
        double perCheck = cpraChecks > 0 ? m.cpraCpu() / cpraChecks * 1e6 : Double.NaN;
        Sampler.Extremes x = m.extremes();
        JsonObject pulse = Sampler.pulsePool(m.summary());
        line("");
        line("window %.1f s", seconds);
        line("cpra   CPU %.1f s (%.0f %% of one core), %.1f µs per check (cpra's count); RSS %s at the end, %s at most "
                        + "(%s at the first sample)", m.cpraCpu(), m.cpraCpu() / seconds * 100, perCheck, mib(m.cpraRss()),
                mib(x.cpraRssMax()), mib(x.cpraRssFirst()));
        line("nginx  CPU %.1f s (%.0f %% of one core), %.1f µs per logged request; RSS %s", m.nginxCpu(),
                m.nginxCpu() / seconds * 100, groundChecks > 0 ? m.nginxCpu() / groundChecks * 1e6 : Double.NaN,
                mib(m.nginxRss()));
        String[] statuses = {"ok", "warning", "critical", "unknown"};
        StringBuilder byOutcome = new StringBuilder();
        JsonObjectBuilder outcomes = Json.createObjectBuilder();
        for (String type : new String[] {"http", "tcp"}) {
            for (String status : statuses) {
                double count = m.deltaSum("cpra_checks_total", "status=\"" + status + "\"", "type=\"" + type + "\"");
                if (count != 0) {
                    byOutcome.append(String.format(Locale.ROOT, " %s %s %,.0f;", type, status, count));
                }
                outcomes.add(type + "_" + status, (long) count);
            }
        }
        double failed = cpraChecks - m.deltaSum("cpra_checks_total", "status=\"ok\"");
        line("cpra's counters in the window: due %,.0f, finished %,.0f (log: %,d), failed %,.0f, overruns %,.0f, "
                        + "skipped %,.0f, deferrals %,.0f, abandoned %,.0f", m.delta("cpra_due_checks_total"), cpraChecks,
                groundChecks, failed, m.delta("cpra_overruns_total"),
                m.delta("cpra_skipped_checks_total"), m.delta("cpra_pool_deferrals_total{pool=\"pulse\"}"),
                m.delta("cpra_pool_abandoned_calls_total{pool=\"pulse\"}"));
        line("cpra's outcomes in the window:%s", byOutcome.length() == 0 ? " none" : byOutcome);
        line("cpra's pulse pool: limit %d at the end (%d..%d sampled), in flight %d at the end (max %d), queue %d "
                        + "(max %d); start lateness over the window p50 ≤ %.0f ms, p99 ≤ %.0f ms, p99.9 ≤ %.0f ms (histogram bounds)",
                pulse.getInt("limit"), x.limitMin(), x.limitMax(), pulse.getInt("in_flight"), x.inFlightMax(),
                pulse.getInt("queue_depth"), x.queueMax(),
                m.latenessQuantile(0.5) * 1000, m.latenessQuantile(0.99) * 1000, m.latenessQuantile(0.999) * 1000);
        line("sockets: connections to the targets %d at the end (max %d); TIME-WAIT %d at the end (max %d "
                        + "machine-wide, max %d on target ports); %d samples, %d summaries unanswered",
                m.socketsEnd().toTargets(), x.connectionsMax(), m.socketsEnd().timeWait(), x.timeWaitMax(),
                x.timeWaitTargetsMax(), x.samples(), x.summaryFailures());
        json.add("window_s", seconds)
                .add("cpra", Json.createObjectBuilder().add("cpu_s", m.cpraCpu()).add("cpu_us_per_check", round(perCheck))
                        .add("rss_end_bytes", m.cpraRss()).add("rss_max_bytes", x.cpraRssMax())
                        .add("rss_first_bytes", x.cpraRssFirst()))
                .add("nginx", Json.createObjectBuilder().add("cpu_s", m.nginxCpu()).add("rss_end_bytes", m.nginxRss()))
                .add("cpra_view", Json.createObjectBuilder().add("due", (long) m.delta("cpra_due_checks_total"))
                        .add("finished", (long) cpraChecks).add("logged", groundChecks)
                        .add("failed", (long) failed)
                        .add("overruns", (long) m.delta("cpra_overruns_total"))
                        .add("skipped", (long) m.delta("cpra_skipped_checks_total"))
                        .add("deferrals", (long) m.delta("cpra_pool_deferrals_total{pool=\"pulse\"}"))
                        .add("abandoned", (long) m.delta("cpra_pool_abandoned_calls_total{pool=\"pulse\"}"))
                        .add("outcomes", outcomes)
                        .add("limit_end", pulse.getInt("limit")).add("limit_min", x.limitMin())
                        .add("limit_max", x.limitMax()).add("in_flight_max", x.inFlightMax())
                        .add("queue_max", x.queueMax())
                        .add("lateness_p99_le_s", finite(m.latenessQuantile(0.99)))
                        .add("lateness_p999_le_s", finite(m.latenessQuantile(0.999))))
                .add("sockets", Json.createObjectBuilder().add("connections_end", m.socketsEnd().toTargets())
                        .add("connections_max", x.connectionsMax()).add("time_wait_end", m.socketsEnd().timeWait())
                        .add("time_wait_max", x.timeWaitMax()).add("time_wait_targets_max", x.timeWaitTargetsMax()));
    }

    /** False failures and closed-port reds, from cpra's stored events. */
    void events(Events events, double runFalseFailures) {
        line("");
        line("events since the start: codes raised by monitors of healthy targets %s (%,d monitors)%s; "
                        + "non-OK outcomes of healthy-only pulse types over the whole run %,.0f",
                events.codesByColour(), events.falseAlarmMonitors(), events.truncated() ? " (history cut short)" : "",
                runFalseFailures);
        for (String example : events.examples()) {
            line("  e.g. %s", example);
        }
        JsonObjectBuilder codes = Json.createObjectBuilder();
        events.codesByColour().forEach(codes::add);
        JsonArrayBuilder examples = Json.createArrayBuilder();
        events.examples().forEach(examples::add);
        JsonObjectBuilder object = Json.createObjectBuilder().add("false_codes", codes)
                .add("false_alarm_monitors", events.falseAlarmMonitors()).add("truncated", events.truncated())
                .add("run_false_failures", (long) runFalseFailures).add("examples", examples);
        if (events.closedMonitors() > 0) {
            line("closed port: %,d of %,d monitors red; first check to red p50 %.2f s, p99 %.2f s, max %.2f s; "
                            + "readiness to red p50 %.2f s, max %.2f s", events.redAfterReady().length,
                    events.closedMonitors(), Events.percentile(events.redDelays(), 0.5),
                    Events.percentile(events.redDelays(), 0.99), Events.percentile(events.redDelays(), 1),
                    Events.percentile(events.redAfterReady(), 0.5), Events.percentile(events.redAfterReady(), 1));
            object.add("closed_monitors", events.closedMonitors()).add("closed_red", events.redAfterReady().length)
                    .add("red_delay_p50_s", nan(Events.percentile(events.redDelays(), 0.5)))
                    .add("red_delay_p99_s", nan(Events.percentile(events.redDelays(), 0.99)))
                    .add("red_delay_max_s", nan(Events.percentile(events.redDelays(), 1)))
                    .add("red_after_ready_max_s", nan(Events.percentile(events.redAfterReady(), 1)));
        }
        json.add("events", object);
    }

    void ramp(List<Overload.Step> steps, double capacity) {
        line("");
        line("ramp (a fresh cpra; each step reloads a larger manifest, then is measured from nginx's log)");
        line("%10s %10s %12s %8s", "monitors", "asked/s", "achieved/s", "share");
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Overload.Step step : steps) {
            line("%,10d %,10.0f %,12.0f %7.1f%%", step.monitors(), step.asked(), step.achieved(),
                    step.achieved() / step.asked() * 100);
            array.add(Json.createObjectBuilder().add("monitors", step.monitors()).add("asked_per_s", round(step.asked()))
                    .add("achieved_per_s", round(step.achieved())));
        }
        line("capacity: %,.0f checks/s (the most any step achieved)", capacity);
        json.add("ramp", array).add("capacity_per_s", round(capacity));
    }

    void recovery(Recovery r, double reloadSeconds, long[] perSecond, long dropSecond) {
        line("");
        line("after the drop to %,d monitors (reload took %.1f s): first check p99 %.2f s, max %.2f s after it; "
                        + "%,d not checked within one interval; later gaps p99 %.2f s, %.3f %% over 1.5 intervals; "
                        + "%,d checks of removed monitors more than 1 s after it", r.remaining(), reloadSeconds,
                r.firstCheckP99(), r.firstCheckMax(), r.notWithinInterval(), r.gapP99(), r.lateGapShare() * 100,
                r.removedChecked());
        StringBuilder series = new StringBuilder();
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (int i = 0; i < perSecond.length; i++) {
            series.append(i == dropSecond ? " |" : " ").append(perSecond[i]);
            array.add(perSecond[i]);
        }
        line("checks started per second around the drop (| marks it):%s", series);
        json.add("recovery", Json.createObjectBuilder().add("remaining", r.remaining())
                .add("reload_s", reloadSeconds).add("first_check_p99_s", r.firstCheckP99())
                .add("first_check_max_s", r.firstCheckMax()).add("not_within_interval", r.notWithinInterval())
                .add("gap_p99_s", r.gapP99()).add("late_gap_share", r.lateGapShare())
                .add("removed_checked", r.removedChecked()).add("per_second", array));
    }

    void verdict(String check, boolean pass, String measured) {
        verdicts.add(new Verdict(check, pass, measured));
    }

    /** Ends the report: the load after, the verdicts. */
    void finish(String loadAfter, long logLines, long unattributed) {
        line("");
        line("load average after %s; access log: %,d lines of the run's monitors, %,d others", loadAfter, logLines,
                unattributed);
        line("targets (ground truth from nginx's log; others from cpra's events and counters):");
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Verdict verdict : verdicts) {
            line("  %s", verdict.line());
            array.add(Json.createObjectBuilder().add("check", verdict.check()).add("pass", verdict.pass())
                    .add("measured", verdict.measured()));
        }
        json.add("load_after", loadAfter).add("log_lines", logLines).add("verdicts", array);
    }

    void print(PrintStream out) {
        out.print(text);
        out.flush();
    }

    /** Appends the run as one JSON line. */
    void append(Path results) throws IOException {
        Path parent = results.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(results, json.build().toString() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    List<Verdict> verdicts() {
        return verdicts;
    }

    private void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    static String format(java.time.Duration duration) {
        return io.cpra.plugin.api.Durations.format(duration);
    }

    /** A histogram bound as JSON allows it: -1 when nothing was counted or past the last finite bound. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : -1;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : -1;
    }

    private static double nan(double value) {
        return Double.isFinite(value) ? value : -1;
    }
}
