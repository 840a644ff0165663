package io.cpra.core.http;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineSummary;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.plugin.PluginEntry;
import io.cpra.core.plugin.PluginFamily;
import io.cpra.core.plugin.PluginRegistry;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code GET /api/v1/summary}: the counts across all monitors, the checks since start, whether
 * the pulse pipeline keeps up (due checks waiting, the oldest wait, overdue monitors), faults
 * the engine survived, each pipeline's load with its start lateness and what holds its limit,
 * and how many plugins are loaded. Thread-safe.
 */
final class SummaryResource {

    static final String PATH = ApiRouting.PREFIX + "/summary";

    private final Engine engine;
    private final JsonObject plugins;

    SummaryResource(Engine engine, PluginRegistry registry) {
        this.engine = engine;
        this.plugins = plugins(registry);
    }

    List<Route> routes() {
        return List.of(new Route(Method.GET, PATH, this::summary));
    }

    private void summary(Call call) throws ExecutionException {
        call.query(Set.of());
        call.reply(Status.OK_200, document(EngineCalls.await(engine.summary()), plugins));
    }

    static JsonObject document(EngineSummary summary, JsonObject plugins) {
        JsonObjectBuilder stages = Wire.JSON.createObjectBuilder();
        for (Stage stage : Stage.values()) {
            stages.add(Wire.name(stage), summary.byStage().getOrDefault(stage, 0L));
        }
        long[] byColour = new long[Code.values().length];
        long unreachable = 0;
        for (Map.Entry<Stage, Long> entry : summary.byStage().entrySet()) {
            Code colour = entry.getKey().colour();
            if (colour == null) {
                unreachable += entry.getValue();
            } else {
                byColour[colour.ordinal()] += entry.getValue();
            }
        }
        JsonObjectBuilder colours = Wire.JSON.createObjectBuilder();
        for (Code colour : Code.values()) {
            colours.add(Wire.name(colour), byColour[colour.ordinal()]);
        }
        colours.add(Stage.UNREACHABLE_COLOUR, unreachable);
        JsonArrayBuilder pools = Wire.JSON.createArrayBuilder();
        for (EngineSummary.PoolLoad pool : summary.pools()) {
            pools.add(Wire.JSON.createObjectBuilder()
                    .add("name", pool.name())
                    .add("queue_depth", pool.queueDepth())
                    .add("in_flight", pool.inFlight())
                    .add("limit", pool.limit())
                    .add("completed", pool.completed())
                    .add("abandoned", pool.abandoned())
                    .add("need", pool.need())
                    .add("room", pool.room())
                    .add("limited_by", pool.limitedBy())
                    .add("lateness", Wire.JSON.createObjectBuilder()
                            .add("p50_ms", Wire.millisOfNanos(pool.latenessP50Nanos()))
                            .add("p99_ms", Wire.millisOfNanos(pool.latenessP99Nanos()))
                            .add("max_ms", Wire.millisOfNanos(pool.latenessMaxNanos()))));
        }
        return Wire.JSON.createObjectBuilder()
                .add("monitors", summary.monitors())
                .add("stages", stages)
                .add("colours", colours)
                .add("held", Wire.JSON.createObjectBuilder()
                        .add("disabled", summary.disabled())
                        .add("paused", summary.paused()))
                .add("open_incidents", summary.openIncidents())
                .add("checks", Wire.JSON.createObjectBuilder()
                        .add("due", summary.dueChecks())
                        .add("finished", summary.checks())
                        .add("overruns", summary.overruns())
                        .add("skipped", summary.skipped())
                        .add("deferrals", summary.deferrals()))
                .add("pulse_pipeline", Wire.JSON.createObjectBuilder()
                        .add("state", summary.pulses().state())
                        .add("waiting", summary.pulses().waiting())
                        .add("oldest_waiting_ms", Wire.millisOfNanos(summary.pulses().oldestWaitingNanos()))
                        .add("overdue_monitors", summary.pulses().overdue())
                        .add("destinations_sharing", summary.pulses().sharing()))
                .add("engine", Wire.JSON.createObjectBuilder()
                        .add("faults", summary.faults())
                        .add("journal_stalls", summary.journalStalls()))
                .add("pools", pools)
                .add("plugins", plugins)
                .build();
    }

    /** The registry never changes while the server runs, so its counts are taken once. */
    static JsonObject plugins(PluginRegistry registry) {
        Map<PluginFamily, Integer> counts = new EnumMap<>(PluginFamily.class);
        for (PluginFamily family : PluginFamily.values()) {
            counts.put(family, 0);
        }
        for (PluginEntry entry : registry.entries()) {
            counts.merge(entry.family(), 1, Integer::sum);
        }
        JsonObjectBuilder object = Wire.JSON.createObjectBuilder();
        counts.forEach((family, count) -> object.add(family.label(), count));
        return object.add("failures", registry.failures().size()).build();
    }
}
