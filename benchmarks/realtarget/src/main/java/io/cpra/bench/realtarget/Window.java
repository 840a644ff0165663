package io.cpra.bench.realtarget;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.time.Duration;

/**
 * The measured window of a run: what /proc and cpra's API say at its start and end, and what
 * the {@link Sampler} saw in between. The ground truth for the same window is read from nginx's
 * log afterwards, by wall-clock time, which nginx's {@code $msec} shares.
 */
final class Window {

    private final Cpra cpra;
    private final long nginxPid;
    private final Rig rig;
    private final long fromMillis;
    private final Proc.Usage cpraStart;
    private final Proc.Usage nginxStart;
    private final Prometheus metricsStart;
    private final Sampler sampler;

    private Window(Cpra cpra, Rig rig) throws IOException {
        this.cpra = cpra;
        this.rig = rig;
        this.nginxPid = rig.nginx().pid();
        this.metricsStart = metrics(cpra);
        this.fromMillis = System.currentTimeMillis();
        this.cpraStart = Proc.tree(cpra.pid());
        this.nginxStart = Proc.tree(nginxPid);
        this.sampler = new Sampler(cpra, nginxPid, rig.targetPorts(), Duration.ofSeconds(2)).start();
    }

    static Window open(Cpra cpra, Rig rig) throws IOException {
        return new Window(cpra, rig);
    }

    long fromMillis() {
        return fromMillis;
    }

    /**
     * Ends the window now.
     *
     * @return what was measured
     * @throws IOException when cpra's API does not answer
     */
    Measured close() throws IOException {
        long toMillis = System.currentTimeMillis();
        Proc.Usage cpraEnd = Proc.tree(cpra.pid());
        Proc.Usage nginxEnd = Proc.tree(nginxPid);
        Prometheus metricsEnd = metrics(cpra);
        Sampler.Extremes extremes = sampler.stop();
        JsonObject summary = cpra.json("/api/v1/summary");
        Sockets sockets = Sockets.count(rig.targetPorts());
        return new Measured(fromMillis, toMillis, cpraEnd.cpuSeconds() - cpraStart.cpuSeconds(), cpraEnd.rssBytes(),
                nginxEnd.cpuSeconds() - nginxStart.cpuSeconds(), nginxEnd.rssBytes(), metricsStart, metricsEnd,
                summary, extremes, sockets);
    }

    static Prometheus metrics(Cpra cpra) throws IOException {
        var response = cpra.get("/observe/metrics");
        if (response.statusCode() != 200) {
            throw new IOException("/observe/metrics answered " + response.statusCode());
        }
        return Prometheus.parse(response.body());
    }

    /**
     * What one window measured.
     *
     * @param fromMillis   its start, wall clock
     * @param toMillis     its end
     * @param cpraCpu      CPU seconds cpra used in it
     * @param cpraRss      cpra's resident bytes at its end
     * @param nginxCpu     CPU seconds nginx (master and workers) used in it
     * @param nginxRss     nginx's resident bytes at its end
     * @param before       cpra's metrics at its start
     * @param after        cpra's metrics at its end
     * @param summary      cpra's summary at its end
     * @param extremes     what the sampler saw
     * @param socketsEnd   sockets at its end
     */
    record Measured(long fromMillis, long toMillis, double cpraCpu, long cpraRss, double nginxCpu, long nginxRss,
                    Prometheus before, Prometheus after, JsonObject summary, Sampler.Extremes extremes,
                    Sockets socketsEnd) {

        double seconds() {
            return (toMillis - fromMillis) / 1000.0;
        }

        /** @return how much a counter grew in the window */
        double delta(String series) {
            return after.since(before, series);
        }

        /** @return how much every series of a counter with these labels grew in the window, summed */
        double deltaSum(String name, String... labels) {
            return after.sumSince(before, name, labels);
        }

        /** @return a quantile of the pulse pool's start lateness over the window, in seconds ({@code NaN} if none) */
        double latenessQuantile(double quantile) {
            return after.quantileSince(before, "cpra_pool_start_lateness_seconds", quantile, "pool=\"pulse\"");
        }
    }
}
