package io.cpra.core.engine;

import io.cpra.core.engine.EngineFixture.RecordingNotifier;
import io.cpra.core.engine.EngineFixture.ScriptedCheck;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static io.cpra.core.engine.EngineFixture.MS;
import static io.cpra.core.engine.EngineFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's meters read what the engine counted, labelled by plugin type and result. */
class EngineMetricsTest {

    private final EngineFixture fixture = new EngineFixture();
    private final MeterRegistry registry = Metrics.createMeterRegistry(MetricsConfig.create());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void checksAndDeliveriesAreCountedByTypeAndResult() {
        RecordingNotifier pager = new RecordingNotifier();
        pager.answer = n -> DeliveryOutcome.retry("503 from the receiver");
        RecordingNotifier chat = new RecordingNotifier();
        MonitorSpec spec = new MonitorSpec("scripted", 60 * SECOND, 500 * MS, Policy.defaults(), null,
                List.of(new CodeRoute(Colour.YELLOW, "chat", chat, true), new CodeRoute(Colour.RED, "pager", pager, true)),
                List.of());
        fixture.engine.apply(List.of(new MonitorPlan("down", true, new ScriptedCheck(n -> PulseOutcome.critical("down")),
                spec, 1)), false).join();
        EngineMetrics.register(registry, fixture.engine, List.of("scripted", "other"), List.of("chat", "pager"));

        // long enough for yellow, then red after the default threshold, and the red code's three
        // delivery jobs (the fixture allows three, 10 s then 20 s apart)
        fixture.advance(Duration.ofSeconds(200), Duration.ofSeconds(1));

        Map<String, Double> byType = counts("cpra_checks");
        assertThat(byType.get("scripted/critical")).isEqualTo(fixture.engine.summary().join().checks());
        assertThat(byType.get("scripted/critical")).isGreaterThanOrEqualTo(3.0);
        assertThat(byType.get("scripted/ok")).isZero();
        assertThat(byType.get("other/critical")).isZero();

        // one result per attempt: the pager's three attempts are two failures and the dead letter
        Map<String, Double> deliveries = counts("cpra_delivery_attempts");
        assertThat(deliveries).containsEntry("chat/delivered", 1.0).containsEntry("chat/failed", 0.0)
                .containsEntry("pager/delivered", 0.0).containsEntry("pager/failed", 2.0)
                .containsEntry("pager/dead_lettered", 1.0);
        assertThat(meters("cpra_checks_by_type")).as("one check counter").isEmpty();
        assertThat(meters("cpra_deliveries_by_type")).isEmpty();
        assertThat(meters("cpra_failed_checks")).isEmpty();
        assertThat(pager.calls).hasValue(3);
        assertThat(chat.calls).hasValue(1);

        Map<String, Double> monitors = new TreeMap<>();
        for (Meter meter : meters("cpra_monitors")) {
            monitors.put(tag(meter, "stage") + "/" + tag(meter, "colour"), ((Gauge<?>) meter).value().doubleValue());
        }
        assertThat(monitors).containsEntry("incident/red", 1.0).containsEntry("healthy/green", 0.0);
    }

    private Map<String, Double> counts(String name) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : meters(name)) {
            String result = tag(meter, "status") != null ? tag(meter, "status") : tag(meter, "result");
            counts.put(tag(meter, "type") + "/" + result, (double) ((FunctionalCounter) meter).count());
        }
        return counts;
    }

    private List<Meter> meters(String name) {
        return StreamSupport.stream(registry.meters().spliterator(), false)
                .filter(m -> m.id().name().equals(name)).toList();
    }

    private static String tag(Meter meter, String key) {
        for (Tag tag : meter.id().tags()) {
            if (tag.key().equals(key)) {
                return tag.value();
            }
        }
        return null;
    }
}
