package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.pool.PoolMetrics;
import io.cpra.core.engine.pool.WorkerPool;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Publishes the engine's counts as Helidon meters, read on scrape; names and types follow
 * Prometheus conventions: counters end {@code _total}, times are in {@code _seconds}, a count
 * that splits by type or result is one counter with labels (never a second, unlabelled total),
 * and a distribution is a histogram, not a gauge per percentile. The list is in
 * {@code docs/operations.md} ("Metrics").
 */
public final class EngineMetrics {

    private EngineMetrics() {
    }

    /**
     * Registers the engine's meters and its pools'.
     *
     * @param registry   where to register
     * @param engine     the engine
     * @param pulseTypes the installed pulse types, for checks by type and outcome
     * @param codeTypes  the installed code (notifier) types, for deliveries by type and result
     */
    public static void register(MeterRegistry registry, Engine engine, java.util.Collection<String> pulseTypes,
                                java.util.Collection<String> codeTypes) {
        TypeCounts checks = engine.checkCounts();
        for (String type : pulseTypes) {
            for (io.cpra.plugin.api.PulseOutcome.Status status : io.cpra.plugin.api.PulseOutcome.Status.values()) {
                registry.getOrCreate(FunctionalCounter.builder("cpra_checks", checks, c -> c.get(type, status.ordinal()))
                        .description("Pulse checks finished, by pulse type and outcome status (a failure is any"
                                + " status but ok)")
                        .tags(List.of(Tag.create("type", type), Tag.create("status", status.name().toLowerCase(Locale.ROOT)))));
            }
        }
        TypeCounts deliveries = engine.deliveryCounts();
        for (String type : codeTypes) {
            for (DeliveryResult result : DeliveryResult.values()) {
                registry.getOrCreate(FunctionalCounter.builder("cpra_delivery_attempts", deliveries,
                                d -> d.get(type, result.ordinal()))
                        .description("Delivery attempts (one job each) finished, by notifier type and result;"
                                + " a code delivered on its third attempt counts two failed and one delivered")
                        .tags(List.of(Tag.create("type", type),
                                Tag.create("result", result.name().toLowerCase(Locale.ROOT)))));
            }
        }
        for (WorkerPool pool : engine.pools()) {
            PoolMetrics.register(registry, pool);
        }
        EngineCounters c = engine.counters();
        counter(registry, "cpra_due_checks", "Pulse checks that came due", c, x -> x.dueChecks.get());
        // checks finished and failed are cpra_checks_total summed over its labels: one counter, not three
        counter(registry, "cpra_interventions_held", "Intervention attempts that waited for room in their budget", c,
                x -> x.interventionsHeld.get());
        counter(registry, "cpra_overruns", "Due checks skipped because the previous one was still running", c,
                x -> x.overruns.get());
        counter(registry, "cpra_skipped_checks", "Due checks skipped because the engine fell a whole interval behind", c,
                x -> x.skipped.get());
        counter(registry, "cpra_codes_raised", "Codes raised", c, x -> x.codesRaised.get());
        counter(registry, "cpra_codes_suppressed", "Codes suppressed by their cooldown", c, x -> x.codesSuppressed.get());
        // attempts are cpra_delivery_attempts_total; this counts codes, each once, when one attempt succeeds
        counter(registry, "cpra_codes_delivered", "Codes delivered (each once, whatever its attempts)", c,
                x -> x.deliveries.get());
        counter(registry, "cpra_dead_letters", "Codes given up on after their last delivery attempt", c,
                x -> x.deadLetters.get());
        counter(registry, "cpra_incidents_opened", "Incidents opened", c, x -> x.incidentsOpened.get());
        counter(registry, "cpra_incidents_closed", "Incidents closed", c, x -> x.incidentsClosed.get());
        counter(registry, "cpra_engine_faults", "Items the engine's fault barrier caught: a plugin or engine error"
                + " the engine survived", c, x -> x.faults.get());
        counter(registry, "cpra_engine_journal_stalls", "Engine ticks that held back results because storage fell"
                + " behind", c, x -> x.journalStalls.get());
        counter(registry, "cpra_history_buckets_dropped", "Closed history buckets dropped because the history"
                + " writer fell behind", c, x -> x.historyDropped.get());
        registry.getOrCreate(Gauge.builder("cpra_pulse_waiting", engine, e -> e.pulseBacklog()[0])
                .description("Due pulse checks that have not started yet"));
        registry.getOrCreate(Gauge.builder("cpra_pulse_oldest_waiting_seconds", engine, e -> e.pulseBacklog()[1] / 1e9)
                .description("How long past its due time the oldest pulse check that has not started has waited"));
        registry.getOrCreate(Gauge.builder("cpra_engine_up", engine, e -> e.alive() ? 1 : 0)
                .description("1 while the engine thread runs"));
        StageCounts stages = engine.stageCounts();
        for (Stage stage : Stage.values()) {
            registry.getOrCreate(Gauge.builder("cpra_monitors", stages, s -> s.get(stage))
                    .description("Monitors loaded, by lifecycle stage and the colour it shows")
                    .tags(List.of(Tag.create("stage", stage.name().toLowerCase(Locale.ROOT)),
                            Tag.create("colour", stage.colourName()))));
        }
    }


    private static void counter(MeterRegistry registry, String name, String description, EngineCounters counters,
                                Function<EngineCounters, Long> value) {
        registry.getOrCreate(FunctionalCounter.builder(name, counters, value).description(description));
    }
}
