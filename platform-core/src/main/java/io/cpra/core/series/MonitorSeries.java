package io.cpra.core.series;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorPage;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.engine.lifecycle.Stage;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per-monitor Prometheus series for the monitors of configured groups, in the manner of the
 * blackbox exporter's {@code probe_success} and {@code probe_duration_seconds}:
 *
 * <table>
 *   <caption>series per monitor ({@value #SERIES_PER_MONITOR})</caption>
 *   <tr><td>{@code cpra_monitor_up{monitor,group}}</td><td>1 when the last check passed (OK or WARNING), 0 when
 *       it failed, NaN before the first</td></tr>
 *   <tr><td>{@code cpra_monitor_latency_seconds{monitor,group}}</td><td>the last check's latency</td></tr>
 *   <tr><td>{@code cpra_monitor_stage{monitor,group,stage}}</td><td>a state set: 1 for the stage the monitor is
 *       in, 0 for the other six</td></tr>
 * </table>
 *
 * <p>and two of their own: {@code cpra_monitor_series} (how many are exported) and
 * {@code cpra_monitor_series_dropped} (how many the cap left out).
 *
 * <p>The values come from the engine through its ordinary listing command, a page of a group at
 * a time, every {@code refresh}; the scrape reads the last published snapshot, never the
 * engine's columns. One refresher thread owns the set of registered meters, so no lock is needed.
 *
 * <p>The cap: at start, groups that hold more than {@code max-series} allows refuse the start
 * ({@link #checkAtStart}); later (a reload or an API change), the change stands and the series
 * are capped instead, in name order, with a warning in the log and the count in
 * {@code cpra_monitor_series_dropped} — refusing a monitor because of a metrics setting would
 * let an observability knob veto monitoring.
 */
public final class MonitorSeries implements AutoCloseable {

    /** Up, latency and one per stage. */
    public static final int SERIES_PER_MONITOR = 2 + Stage.values().length;
    /** The config key the cap errors name. */
    public static final String MAX_SERIES_KEY = "cpra.metrics.monitor-series.max-series";

    private static final System.Logger LOG = System.getLogger(MonitorSeries.class.getName());
    private static final int PAGE = 1000;
    private static final long ASK_TIMEOUT_SECONDS = 10;

    private final SeriesSettings settings;
    private final MeterRegistry registry;
    /** Registered meters per monitor; refresher thread only. */
    private final Map<String, List<Meter>> meters = new HashMap<>();
    /** The last published values, replaced whole; read by scrapes. */
    private volatile Map<String, Sample> current = Map.of();
    private volatile long dropped;
    private ScheduledExecutorService refresher;

    MonitorSeries(SeriesSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        registry.getOrCreate(Gauge.builder("cpra_monitor_series", this, s -> s.current.size() * (double) SERIES_PER_MONITOR)
                .description("Per-monitor series exported (cpra.metrics.monitor-series)"));
        registry.getOrCreate(Gauge.builder("cpra_monitor_series_dropped", this, s -> s.dropped)
                .description("Per-monitor series left out because the configured groups hold more than"
                        + " cpra.metrics.monitor-series.max-series allows"));
    }

    /**
     * Refuses a start whose configured groups hold more monitors than the cap allows.
     *
     * @param settings the settings
     * @param monitors every monitor about to be loaded
     * @throws SeriesCapException naming the key and the count
     */
    public static void checkAtStart(SeriesSettings settings, List<MonitorPlan> monitors) {
        if (!settings.enabled()) {
            return;
        }
        Set<String> groups = new HashSet<>(settings.groups());
        long count = monitors.stream().filter(p -> p.spec().groups().stream().anyMatch(groups::contains)).count();
        long series = count * SERIES_PER_MONITOR;
        if (series > settings.maxSeries()) {
            throw new SeriesCapException(MAX_SERIES_KEY + ": the groups " + settings.groups() + " hold " + count
                    + " monitors, " + series + " series at " + SERIES_PER_MONITOR + " per monitor, more than the cap of "
                    + settings.maxSeries() + "; raise max-series or list fewer groups");
        }
    }

    /**
     * Registers the series and refreshes them every {@code refresh} from the engine.
     *
     * @param settings the settings; nothing happens when no group is configured
     * @param engine   the engine to ask
     * @param registry where to register
     * @return the running series, to close at stop
     */
    public static MonitorSeries start(SeriesSettings settings, Engine engine, MeterRegistry registry) {
        MonitorSeries series = new MonitorSeries(settings, registry);
        if (settings.enabled()) {
            series.refresher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("cpra-monitor-series").factory());
            long every = settings.refresh().toMillis();
            series.refresher.scheduleWithFixedDelay(() -> series.refreshFrom(engine), 0, every, TimeUnit.MILLISECONDS);
        }
        return series;
    }

    private void refreshFrom(Engine engine) {
        try {
            publish(read(engine));
        } catch (RuntimeException e) {
            // the engine stopped or is busy: keep the last values and try again next time
            LOG.log(System.Logger.Level.DEBUG, "per-monitor series not refreshed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "per-monitor series not refreshed: " + e);
        }
    }

    /** Lists the configured groups a page at a time through the engine's listing command. */
    private List<Sample> read(Engine engine) throws InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        List<Sample> found = new ArrayList<>();
        for (String group : settings.groups()) {
            MonitorQuery query = new MonitorQuery(null, null, group, null, null);
            int cursor = 0;
            do {
                MonitorPage page = engine.list(query, cursor, PAGE).get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                for (MonitorView view : page.monitors()) {
                    found.add(new Sample(view.name(), group, view.lastStatus(), view.lastLatencyMicros(), view.stage()));
                }
                cursor = page.next();
            } while (cursor >= 0);
        }
        return found;
    }

    /**
     * Publishes what was found: caps it, registers the meters of monitors new to the set,
     * removes those of monitors gone, then swaps in the values. Refresher thread only.
     *
     * @param found what the engine listed, group by group
     * @return the choice made
     */
    Selection publish(List<Sample> found) {
        Selection selection = Selection.of(found, settings.maxSeries());
        Map<String, Sample> next = new HashMap<>();
        for (Sample sample : selection.kept()) {
            next.put(sample.monitor(), sample);
        }
        for (var it = meters.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Sample now = next.get(entry.getKey());
            Sample was = current.get(entry.getKey());
            if (now == null || was == null || !now.group().equals(was.group())) {
                entry.getValue().forEach(registry::remove);
                it.remove();
            }
        }
        current = Map.copyOf(next);
        for (Sample sample : selection.kept()) {
            meters.computeIfAbsent(sample.monitor(), name -> register(name, sample.group()));
        }
        if (selection.dropped() != dropped) {
            if (selection.dropped() > 0) {
                LOG.log(System.Logger.Level.WARNING, MAX_SERIES_KEY + ": the groups " + settings.groups() + " now hold "
                        + (selection.kept().size() + selection.dropped() / SERIES_PER_MONITOR) + " monitors; "
                        + selection.dropped() + " series of " + selection.dropped() / SERIES_PER_MONITOR
                        + " monitors (the last by name) are left out of the cap of " + settings.maxSeries()
                        + " (cpra_monitor_series_dropped)");
            } else {
                LOG.log(System.Logger.Level.INFO, MAX_SERIES_KEY + ": every monitor of the groups has its series again");
            }
        }
        dropped = selection.dropped();
        return selection;
    }

    private List<Meter> register(String monitor, String group) {
        List<Meter> made = new ArrayList<>(SERIES_PER_MONITOR);
        List<Tag> tags = List.of(Tag.create("monitor", monitor), Tag.create("group", group));
        made.add(registry.getOrCreate(Gauge.builder("cpra_monitor_up", this, s -> s.value(monitor, Sample::up))
                .description("1 when the monitor's last check passed (OK or WARNING), 0 when it failed, NaN before its"
                        + " first; like blackbox's probe_success")
                .tags(tags)));
        made.add(registry.getOrCreate(Gauge.builder("cpra_monitor_latency_seconds", this,
                        s -> s.value(monitor, Sample::latencySeconds))
                .description("The monitor's last check's latency; like blackbox's probe_duration_seconds")
                .tags(tags)));
        for (Stage stage : Stage.values()) {
            made.add(registry.getOrCreate(Gauge.builder("cpra_monitor_stage", this,
                            s -> s.value(monitor, sample -> sample.stage() == stage ? 1 : 0))
                    .description("The monitor's lifecycle stage as a state set: 1 for the stage it is in")
                    .tags(List.of(Tag.create("monitor", monitor), Tag.create("group", group),
                            Tag.create("stage", stage.name().toLowerCase(Locale.ROOT))))));
        }
        return made;
    }

    private double value(String monitor, java.util.function.ToDoubleFunction<Sample> of) {
        Sample sample = current.get(monitor);
        return sample == null ? Double.NaN : of.applyAsDouble(sample);
    }

    /** Series left out by the cap at the last refresh. */
    long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
