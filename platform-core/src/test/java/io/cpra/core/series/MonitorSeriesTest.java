package io.cpra.core.series;

import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorSpec;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The series registered per monitor, their values, their removal, and the cap at start and later. */
class MonitorSeriesTest {

    /** One for the class: registries made in one JVM share Micrometer's global one underneath. */
    private static final MeterRegistry registry = Metrics.createMeterRegistry(MetricsConfig.create());

    /** Each test starts without the last test's meters. */
    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierSeries() {
        registry.meters().stream().filter(m -> m.id().name().startsWith("cpra_monitor_")).toList().forEach(registry::remove);
    }

    private MonitorSeries series(int maxSeries) {
        return new MonitorSeries(new SeriesSettings(List.of("payments"), maxSeries, Duration.ofSeconds(1)), registry);
    }

    @Test
    void eachMonitorGetsUpLatencyAndAStateSetOfStages() {
        MonitorSeries series = series(100);
        series.publish(List.of(new Sample("pay-api", "payments", PulseOutcome.Status.CRITICAL, 250_000, Stage.INCIDENT)));

        assertThat(values("cpra_monitor_up")).containsExactly(Map.entry("pay-api/payments", 0.0));
        assertThat(values("cpra_monitor_latency_seconds")).containsExactly(Map.entry("pay-api/payments", 0.25));
        Map<String, Double> stages = new TreeMap<>();
        for (Meter meter : meters("cpra_monitor_stage")) {
            stages.put(tag(meter, "stage"), ((Gauge<?>) meter).value().doubleValue());
        }
        assertThat(stages).containsEntry("incident", 1.0).containsEntry("healthy", 0.0).hasSize(Stage.values().length);
        assertThat(gauge("cpra_monitor_series")).isEqualTo(MonitorSeries.SERIES_PER_MONITOR);
        assertThat(gauge("cpra_monitor_series_dropped")).isZero();
    }

    @Test
    void aMonitorThatLeavesTheGroupsLosesItsSeriesAndValuesFollowTheEngine() {
        MonitorSeries series = series(100);
        series.publish(List.of(new Sample("a", "payments", PulseOutcome.Status.OK, 1000, Stage.HEALTHY),
                new Sample("b", "payments", PulseOutcome.Status.OK, 1000, Stage.HEALTHY)));
        series.publish(List.of(new Sample("b", "payments", PulseOutcome.Status.UNKNOWN, 2000, Stage.FAILING)));

        assertThat(values("cpra_monitor_up")).containsExactly(Map.entry("b/payments", 0.0));
        assertThat(meters("cpra_monitor_stage")).hasSize(Stage.values().length);
    }

    @Test
    void overTheCapLaterTheSeriesAreCappedAndTheDroppedCountShows() {
        MonitorSeries series = series(2 * MonitorSeries.SERIES_PER_MONITOR);
        series.publish(List.of(new Sample("c", "payments", null, 0, Stage.HEALTHY),
                new Sample("a", "payments", null, 0, Stage.HEALTHY),
                new Sample("b", "payments", null, 0, Stage.HEALTHY)));

        assertThat(values("cpra_monitor_up")).containsOnlyKeys("a/payments", "b/payments");
        assertThat(values("cpra_monitor_up").get("a/payments")).isNaN();
        assertThat(gauge("cpra_monitor_series_dropped")).isEqualTo(MonitorSeries.SERIES_PER_MONITOR);

        series.publish(List.of(new Sample("c", "payments", null, 0, Stage.HEALTHY)));
        assertThat(values("cpra_monitor_up")).containsOnlyKeys("c/payments");
        assertThat(gauge("cpra_monitor_series_dropped")).isZero();
    }

    @Test
    void atStartGroupsOverTheCapRefuseWithOneLineNamingTheKeyAndTheCount() {
        SeriesSettings settings = new SeriesSettings(List.of("payments"), 10, Duration.ofSeconds(5));
        List<MonitorPlan> plans = List.of(plan("a", "payments"), plan("b", "payments"), plan("c", "other"));

        assertThatThrownBy(() -> MonitorSeries.checkAtStart(settings, plans))
                .isInstanceOf(SeriesCapException.class)
                .hasMessage("cpra.metrics.monitor-series.max-series: the groups [payments] hold 2 monitors, 18 series at 9"
                        + " per monitor, more than the cap of 10; raise max-series or list fewer groups");
        MonitorSeries.checkAtStart(new SeriesSettings(List.of("payments"), 18, Duration.ofSeconds(5)), plans);
        MonitorSeries.checkAtStart(SeriesSettings.none(), plans);
    }

    private static MonitorPlan plan(String name, String group) {
        MonitorSpec spec = new MonitorSpec("http", 10_000_000_000L, 1_000_000_000L, Policy.defaults(), null, List.of(),
                List.of(group));
        return new MonitorPlan(name, true, deadline -> PulseOutcome.ok("up"), spec, 1);
    }

    private List<Meter> meters(String name) {
        return registry.meters().stream().filter(m -> m.id().name().equals(name)).toList();
    }

    private Map<String, Double> values(String name) {
        Map<String, Double> values = new TreeMap<>();
        for (Meter meter : meters(name)) {
            values.put(tag(meter, "monitor") + "/" + tag(meter, "group"),
                    ((Gauge<?>) meter).value().doubleValue());
        }
        return values;
    }

    private static String tag(Meter meter, String key) {
        for (io.helidon.metrics.api.Tag tag : meter.id().tags()) {
            if (tag.key().equals(key)) {
                return tag.value();
            }
        }
        throw new AssertionError(meter.id() + " has no tag " + key);
    }

    private double gauge(String name) {
        return ((Gauge<?>) meters(name).getFirst()).value().doubleValue();
    }
}
