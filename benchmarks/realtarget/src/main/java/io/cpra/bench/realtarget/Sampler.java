package io.cpra.bench.realtarget;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Looks at the run every few seconds while it is measured — cpra's pulse pool (queue, calls in
 * flight, limit), resident memory of cpra and nginx, connections to the targets and sockets in
 * TIME-WAIT — and keeps the extremes, so that "bounded" can be judged. Its own thread;
 * {@link #stop()} joins it and returns what it saw.
 */
final class Sampler {

    /**
     * The extremes seen.
     *
     * @param samples          how many samples were taken
     * @param summaryFailures  samples where cpra's summary did not answer in time
     * @param queueMax         largest pulse queue depth
     * @param inFlightMax      most pulse calls in flight
     * @param limitMin         lowest pulse concurrency limit
     * @param limitMax         highest pulse concurrency limit
     * @param connectionsMax   most established connections to the targets
     * @param timeWaitMax      most sockets in TIME-WAIT, machine-wide
     * @param timeWaitTargetsMax most sockets in TIME-WAIT on a target port
     * @param cpraRssFirst     cpra's resident memory at the first sample, bytes
     * @param cpraRssLast      at the last sample
     * @param cpraRssMax       the most
     * @param nginxRssMax      nginx's most, bytes
     */
    record Extremes(int samples, int summaryFailures, long queueMax, long inFlightMax, long limitMin, long limitMax,
                    int connectionsMax, int timeWaitMax, int timeWaitTargetsMax, long cpraRssFirst, long cpraRssLast,
                    long cpraRssMax, long nginxRssMax) {
    }

    private final Cpra cpra;
    private final long nginxPid;
    private final Set<Integer> targetPorts;
    private final Duration every;
    private final Thread thread;
    private volatile boolean stopped;

    private int samples;
    private int summaryFailures;
    private long queueMax;
    private long inFlightMax;
    private long limitMin = Long.MAX_VALUE;
    private long limitMax;
    private int connectionsMax;
    private int timeWaitMax;
    private int timeWaitTargetsMax;
    private long cpraRssFirst = -1;
    private long cpraRssLast;
    private long cpraRssMax;
    private long nginxRssMax;

    Sampler(Cpra cpra, long nginxPid, Set<Integer> targetPorts, Duration every) {
        this.cpra = cpra;
        this.nginxPid = nginxPid;
        this.targetPorts = targetPorts;
        this.every = every;
        this.thread = Thread.ofPlatform().daemon().name("realtarget-sampler").unstarted(this::loop);
    }

    Sampler start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            sample();
            long until = System.nanoTime() + every.toNanos();
            while (!stopped && System.nanoTime() < until) {
                Children.sleep(100);
            }
        }
    }

    private void sample() {
        samples++;
        try {
            JsonObject pulse = pulsePool(cpra.json("/api/v1/summary"));
            queueMax = Math.max(queueMax, pulse.getJsonNumber("queue_depth").longValue());
            inFlightMax = Math.max(inFlightMax, pulse.getJsonNumber("in_flight").longValue());
            long limit = pulse.getJsonNumber("limit").longValue();
            limitMin = Math.min(limitMin, limit);
            limitMax = Math.max(limitMax, limit);
        } catch (IOException | RuntimeException e) {
            summaryFailures++;
        }
        long rss = Proc.tree(cpra.pid()).rssBytes();
        cpraRssFirst = cpraRssFirst < 0 ? rss : cpraRssFirst;
        cpraRssLast = rss;
        cpraRssMax = Math.max(cpraRssMax, rss);
        nginxRssMax = Math.max(nginxRssMax, Proc.tree(nginxPid).rssBytes());
        Sockets sockets = Sockets.count(targetPorts);
        connectionsMax = Math.max(connectionsMax, sockets.toTargets());
        timeWaitMax = Math.max(timeWaitMax, sockets.timeWait());
        timeWaitTargetsMax = Math.max(timeWaitTargetsMax, sockets.timeWaitTargets());
    }

    /** @return the summary's pulse pool */
    static JsonObject pulsePool(JsonObject summary) {
        for (JsonValue pool : summary.getJsonArray("pools")) {
            if ("pulse".equals(pool.asJsonObject().getString("name"))) {
                return pool.asJsonObject();
            }
        }
        throw new IllegalStateException("the summary lists no pulse pool");
    }

    Extremes stop() {
        stopped = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Extremes(samples, summaryFailures, queueMax, inFlightMax, limitMin == Long.MAX_VALUE ? -1 : limitMin,
                limitMax, connectionsMax, timeWaitMax, timeWaitTargetsMax, cpraRssFirst, cpraRssLast, cpraRssMax,
                nginxRssMax);
    }
}
