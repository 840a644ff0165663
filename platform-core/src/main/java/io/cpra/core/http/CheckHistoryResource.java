package io.cpra.core.http;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.core.storage.Storage;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Check history: uptime and latency over a window and as a series, for a monitor or a group,
 * from the buckets storage keeps; and a monitor's last individual outcomes, from the engine.
 * The shapes are in {@code docs/http-api.md} ("Check history").
 *
 * <p>Thread-safe: it keeps nothing between calls.
 */
final class CheckHistoryResource {

    static final String MONITOR = ApiRouting.PREFIX + "/monitors/{name}";
    static final String GROUP = ApiRouting.PREFIX + "/groups/{group}";
    static final Set<String> UPTIME_PARAMETERS = Set.of("window");
    static final Set<String> SERIES_PARAMETERS = Set.of("window", "step");
    static final Set<String> OUTCOME_PARAMETERS = Set.of("limit");

    /** The windows a user may ask for, in the manifest's syntax, with their length. */
    static final Map<String, Long> WINDOWS = ordered("1h", 3_600_000L, "24h", 86_400_000L, "7d", 604_800_000L,
            "30d", 2_592_000_000L, "90d", 7_776_000_000L, "1y", 31_536_000_000L);
    /** The steps a series may take. */
    static final Map<String, Long> STEPS = ordered("1m", 60_000L, "5m", 300_000L, "15m", 900_000L, "1h", 3_600_000L,
            "6h", 21_600_000L, "1d", 86_400_000L);
    private static final Map<String, String> DEFAULT_STEPS = Map.of("1h", "1m", "24h", "15m", "7d", "1h", "30d", "6h",
            "90d", "1d", "1y", "1d");
    static final String DEFAULT_WINDOW = "24h";
    /** Most points in one series. */
    static final int MAX_POINTS = 1500;
    /** Upper bounds of the latency histogram's buckets in milliseconds; the last bucket is open. */
    static final int[] BOUNDS_MS = {10, 25, 50, 100, 250, 500, 1000};

    private final Engine engine;
    private final Storage storage;
    private final InstantSource wall;

    CheckHistoryResource(Engine engine, Storage storage, InstantSource wall) {
        this.engine = engine;
        this.storage = storage;
        this.wall = wall;
    }

    List<Route> routes() {
        return List.of(
                new Route(Method.GET, MONITOR + "/uptime", call -> uptime(call, monitor(call))),
                new Route(Method.GET, MONITOR + "/series", call -> series(call, monitor(call))),
                new Route(Method.GET, MONITOR + "/outcomes", this::outcomes),
                new Route(Method.GET, GROUP + "/uptime", call -> uptime(call, group(call))),
                new Route(Method.GET, GROUP + "/series", call -> series(call, group(call))));
    }

    /** Whose history: a monitor's or a group's, and the key naming it in answers. */
    private record Subject(HistoryBatch.Scope scope, String key, String name) {
    }

    private Subject monitor(Call call) throws ExecutionException {
        String name = call.param("name");
        EngineCalls.await(engine.view(name)).orElseThrow(() -> ApiException.noMonitor(name));
        return new Subject(HistoryBatch.Scope.MONITOR, "monitor", name);
    }

    private Subject group(Call call) {
        String name = call.param("group");
        if (!StorageCalls.read(() -> storage.hasHistory(HistoryBatch.Scope.GROUP, name))) {
            throw new ApiException(Status.NOT_FOUND_404, "no history of a group named \"" + name + "\"");
        }
        return new Subject(HistoryBatch.Scope.GROUP, "group", name);
    }

    private void uptime(Call call, Subject subject) {
        QueryParameters query = new QueryParameters(call.query(UPTIME_PARAMETERS));
        String window = query.oneOf("window", WINDOWS.keySet());
        query.check();
        window = window == null ? DEFAULT_WINDOW : window;
        long length = WINDOWS.get(window);
        long to = ceil(wall.millis(), 60_000L);
        long from = to - length;
        HistoryBatch.Resolution coarsest = HistoryBatch.Resolution.coarsestFor(length);
        List<HistoryBucket> buckets = StorageCalls.read(() -> storage.history(subject.scope(), subject.name(),
                Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), coarsest));
        Totals totals = new Totals();
        buckets.forEach(totals::add);
        JsonObjectBuilder body = Wire.JSON.createObjectBuilder().add(subject.key(), subject.name()).add("window", window);
        Wire.instant(body, "from", Instant.ofEpochMilli(from));
        Wire.instant(body, "to", Instant.ofEpochMilli(to));
        body.add("checks", totals.checks).add("failures", totals.failures);
        if (totals.checks == 0) {
            body.addNull("uptime_percent");
        } else {
            body.add("uptime_percent", Wire.plain(BigDecimal.valueOf(Math.round(100_000.0 * (totals.checks - totals.failures)
                    / totals.checks), 3)));
        }
        totals.latencies(body);
        body.add("stage_changes", totals.stageChanges);
        call.reply(Status.OK_200, body.build());
    }

    private void series(Call call, Subject subject) {
        QueryParameters query = new QueryParameters(call.query(SERIES_PARAMETERS));
        String window = query.oneOf("window", WINDOWS.keySet());
        String step = query.oneOf("step", STEPS.keySet());
        query.check();
        window = window == null ? DEFAULT_WINDOW : window;
        step = step == null ? DEFAULT_STEPS.get(window) : step;
        long length = WINDOWS.get(window);
        long stepMillis = STEPS.get(step);
        long points = length / stepMillis;
        if (points > MAX_POINTS || length % stepMillis != 0) {
            throw ApiException.badField("step", "step " + step + " over window " + window + " makes " + points
                    + " points; at most " + MAX_POINTS + " (try " + DEFAULT_STEPS.get(window) + ")");
        }
        long to = ceil(wall.millis() + 1, stepMillis);
        long from = to - length;
        HistoryBatch.Resolution coarsest = stepMillis < 3_600_000L ? HistoryBatch.Resolution.MINUTE
                : stepMillis < 86_400_000L ? HistoryBatch.Resolution.HOUR : HistoryBatch.Resolution.DAY;
        List<HistoryBucket> buckets = StorageCalls.read(() -> storage.history(subject.scope(), subject.name(),
                Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), coarsest));
        Totals[] slots = new Totals[(int) points];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Totals();
        }
        for (HistoryBucket bucket : buckets) {
            slots[(int) ((bucket.startMillis() - from) / stepMillis)].add(bucket);
        }
        JsonArrayBuilder array = Wire.JSON.createArrayBuilder();
        for (int i = 0; i < slots.length; i++) {
            JsonObjectBuilder point = Wire.JSON.createObjectBuilder();
            Wire.instant(point, "at", Instant.ofEpochMilli(from + i * stepMillis));
            point.add("checks", slots[i].checks).add("failures", slots[i].failures);
            slots[i].latencies(point);
            array.add(point);
        }
        JsonObjectBuilder body = Wire.JSON.createObjectBuilder().add(subject.key(), subject.name())
                .add("window", window).add("step", step).add("step_ms", stepMillis);
        Wire.instant(body, "from", Instant.ofEpochMilli(from));
        Wire.instant(body, "to", Instant.ofEpochMilli(to));
        call.reply(Status.OK_200, body.add("points", array).build());
    }

    private void outcomes(Call call) throws ExecutionException {
        QueryParameters query = new QueryParameters(call.query(OUTCOME_PARAMETERS));
        Integer limit = query.wholeNumber("limit", 1, Engine.OUTCOMES_KEPT);
        query.check();
        String name = call.param("name");
        List<MonitorView.Outcome> outcomes = EngineCalls.await(engine.outcomes(name,
                limit == null ? Engine.OUTCOMES_KEPT : limit)).orElseThrow(() -> ApiException.noMonitor(name));
        JsonArrayBuilder array = Wire.JSON.createArrayBuilder();
        for (MonitorView.Outcome outcome : outcomes) {
            JsonObjectBuilder item = Wire.JSON.createObjectBuilder();
            Wire.instant(item, "at", outcome.at());
            item.add("status", Wire.name(outcome.status()));
            item.add("latency_ms", Wire.millis(outcome.latencyMicros()));
            Wire.text(item, "message", outcome.message());
            array.add(item);
        }
        call.reply(Status.OK_200, Wire.JSON.createObjectBuilder().add("monitor", name).add("outcomes", array).build());
    }

    /** Buckets summed: what one answer or one point shows. */
    private static final class Totals {
        long checks;
        long failures;
        long latencySum;
        long latencyMax;
        long stageChanges;
        final long[] histogram = new long[HistoryBucket.BUCKETS];

        void add(HistoryBucket bucket) {
            checks += bucket.checks();
            failures += bucket.failures();
            latencySum += bucket.latencySumMicros();
            latencyMax = Math.max(latencyMax, bucket.latencyMaxMicros());
            stageChanges += bucket.stageChanges();
            for (int i = 0; i < histogram.length; i++) {
                histogram[i] += bucket.histogram(i);
            }
        }

        void latencies(JsonObjectBuilder object) {
            if (checks == 0) {
                object.addNull("latency_avg_ms").addNull("latency_p95_ms").addNull("latency_max_ms");
                return;
            }
            object.add("latency_avg_ms", Wire.millis(Math.round((double) latencySum / checks)));
            object.add("latency_p95_ms", p95());
            object.add("latency_max_ms", Wire.millis(latencyMax));
        }

        /** The upper bound of the bucket holding the 95th percentile, or the max when lower or in the open bucket. */
        BigDecimal p95() {
            long total = 0;
            for (long count : histogram) {
                total += count;
            }
            long rank = (long) Math.ceil(total * 0.95);
            long seen = 0;
            for (int i = 0; i < BOUNDS_MS.length; i++) {
                seen += histogram[i];
                if (seen >= rank && total > 0) {
                    long boundMicros = BOUNDS_MS[i] * 1000L;
                    return boundMicros < latencyMax ? BigDecimal.valueOf(BOUNDS_MS[i]) : Wire.millis(latencyMax);
                }
            }
            return Wire.millis(latencyMax);
        }
    }

    private static long ceil(long value, long unit) {
        return Math.floorDiv(value + unit - 1, unit) * unit;
    }

    private static Map<String, Long> ordered(Object... pairs) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Long) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
