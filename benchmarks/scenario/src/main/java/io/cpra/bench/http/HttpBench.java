package io.cpra.bench.http;

import io.cpra.bench.scenario.Arguments;
import io.cpra.plugin.api.Durations;

import java.time.Duration;
import java.util.Map;

/**
 * One run of {@link HttpPulseBench}, parsed from {@code --key=value} arguments; every key has
 * a default.
 *
 * @param checks            checks measured (a bounded count)
 * @param warmup            checks run before measuring
 * @param concurrency       checks in flight at once (one virtual thread each)
 * @param rate              checks started per second, or 0 for as many as the threads manage
 * @param monitors          distinct monitors (URLs {@code /m/0}, {@code /m/1}, ...), checked in turn
 * @param bodyBytes         the size of the page nginx serves
 * @param bodyRule          whether monitors have a {@code body_contains} rule (the body is then read)
 * @param keepaliveRequests nginx's {@code keepalive_requests}
 * @param keepaliveTimeout  nginx's {@code keepalive_timeout}
 * @param timeout           each check's deadline
 * @param nginx             the nginx executable
 * @param client            {@code plugin} (the http pulse) or {@code floor} ({@link FloorCheck}: Helidon's
 *                          connection layer and parsers without its request objects, for comparison)
 */
record HttpBench(long checks, long warmup, int concurrency, int rate, int monitors, int bodyBytes, boolean bodyRule,
                 int keepaliveRequests, Duration keepaliveTimeout, Duration timeout, String nginx, String client) {

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("checks", "1000000"), Map.entry("warmup", "100000"), Map.entry("concurrency", "32"),
            Map.entry("rate", "0"), Map.entry("monitors", "1000"), Map.entry("body-bytes", "615"),
            Map.entry("body-rule", "false"), Map.entry("keepalive-requests", "1000"),
            Map.entry("keepalive-timeout", "75s"), Map.entry("timeout", "3s"), Map.entry("nginx", "/usr/sbin/nginx"),
            Map.entry("client", "plugin"));

    static HttpBench parse(String[] args) {
        Map<String, String> values = Arguments.parse(args, DEFAULTS);
        if (!values.get("client").equals("plugin") && !values.get("client").equals("floor")) {
            throw new IllegalArgumentException("--client is plugin or floor, got " + values.get("client"));
        }
        return new HttpBench(Long.parseLong(values.get("checks")), Long.parseLong(values.get("warmup")),
                Integer.parseInt(values.get("concurrency")), Integer.parseInt(values.get("rate")),
                Integer.parseInt(values.get("monitors")), Integer.parseInt(values.get("body-bytes")),
                Boolean.parseBoolean(values.get("body-rule")), Integer.parseInt(values.get("keepalive-requests")),
                Durations.parse(values.get("keepalive-timeout")), Durations.parse(values.get("timeout")),
                values.get("nginx"), values.get("client"));
    }
}
