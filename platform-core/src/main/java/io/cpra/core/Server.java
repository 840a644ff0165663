package io.cpra.core;

import io.cpra.core.access.Tokens;
import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineMetrics;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.events.EventBus;
import io.cpra.core.events.EventLog;
import io.cpra.core.engine.pool.LocalPressure;
import io.cpra.core.engine.pool.PoolMetrics;
import io.cpra.core.http.ApiRouting;
import io.cpra.core.http.Liveness;
import io.cpra.core.http.Readiness;
import io.cpra.core.history.HistoryWriter;
import io.cpra.core.series.MonitorSeries;
import io.cpra.core.journal.Journal;
import io.cpra.core.journal.Restart;
import io.cpra.core.listen.Listener;
import io.cpra.core.listen.ListenerWatch;
import io.cpra.core.ops.Control;
import io.cpra.core.plugin.PluginFamily;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.core.storage.Storage;
import io.cpra.core.web.WebPages;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running server: storage, the engine with its monitors, the journal that writes what the
 * engine does, the control plane, and the Helidon WebServer with the API, health and metrics.
 * Started and stopped by {@link Main}.
 *
 * <p>Start order: open storage; start the engine holding codes until the outbox has them;
 * apply the manifest's monitors and those the API created; put back each monitor's lifecycle
 * state, open incident and hold; deliver again the codes still pending; listen. Readiness turns
 * up then, and goes down whenever storage stops answering. Liveness is down while the engine
 * thread does not tick; should it die, or should the listening socket be gone (Helidon ends its
 * listener when {@code accept} fails), readiness and liveness go down at once and the process
 * exits with status {@value #PART_DIED_STATUS} so that a supervisor restarts it.
 */
final class Server {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    /** How long calls in flight may take to finish when the server stops. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** An engine that has not ticked for this long is stuck: liveness goes down. */
    private static final Duration ENGINE_STUCK = Duration.ofSeconds(10);
    /** The exit status when a part cpra cannot do without dies: the engine thread, the listener (EX_SOFTWARE). */
    static final int PART_DIED_STATUS = 70;
    /** How often the listening socket is checked for being still there. */
    private static final Duration WATCH_LISTENER_EVERY = Duration.ofSeconds(2);
    /** How often history older than the retention is pruned. */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final WebServer webServer;
    private final Readiness readiness;
    private final PluginRegistry registry;
    private final Storage storage;
    private final Engine engine;
    private final Journal journal;
    private final Control control;
    private final EventBus events;
    private final ScheduledExecutorService housekeeping;
    private final ApiRouting api;
    private final LocalPressure pressure;
    private final Listener listener;
    private final HistoryWriter history;
    private final MonitorSeries series;

    private Server(Listener listener, WebServer webServer, Readiness readiness, PluginRegistry registry, Storage storage,
                   Engine engine, Journal journal, Control control, EventBus events, ScheduledExecutorService housekeeping,
                   ApiRouting api, LocalPressure pressure, HistoryWriter history, MonitorSeries series) {
        this.pressure = pressure;
        this.listener = listener;
        this.history = history;
        this.series = series;
        this.webServer = webServer;
        this.readiness = readiness;
        this.registry = registry;
        this.storage = storage;
        this.engine = engine;
        this.journal = journal;
        this.control = control;
        this.events = events;
        this.housekeeping = housekeeping;
        this.api = api;
    }

    /**
     * Starts everything.
     *
     * @param settings the settings
     * @param registry the loaded plugins
     * @param manifest the manifest's compiled monitors
     * @param tokens   the API's tokens
     * @param out      where start-up progress goes
     * @return the running server
     * @throws io.cpra.core.storage.StorageException when storage cannot be opened
     */
    static Server start(Settings settings, PluginRegistry registry, List<MonitorPlan> manifest, Tokens tokens,
                        PrintStream out) {
        InstantSource wall = InstantSource.system();
        MeterRegistry metrics = Metrics.globalRegistry();
        Storage storage = Storage.open(settings.storage());
        EventBus events = new EventBus(1 << 16);
        events.subscribe(new EventLog());
        Journal journal = Journal.start(storage, metrics);
        LocalPressure pressure = LocalPressure.start(settings.engine().pulsePool().adaptEvery().toNanos());
        HistoryWriter history = HistoryWriter.start(storage, settings.history(), wall, metrics);
        Engine engine = Engine.start(settings.engine(), journal.andThen(events), history, System::nanoTime, wall,
                pressure);
        Readiness readiness = new Readiness();
        Liveness liveness = new Liveness();
        liveness.require("engine", () -> !engine.alive() ? "the engine thread is not running"
                : engine.sinceLastTickNanos() > ENGINE_STUCK.toNanos()
                ? "the engine has not ticked for " + engine.sinceLastTickNanos() / 1_000_000 + " ms" : null);
        java.util.function.Consumer<String> partDied = whenPartDies(readiness, liveness,
                status -> Thread.ofPlatform().name("cpra-exit").start(() -> System.exit(status)));
        engine.onDeath(partDied);
        journal.attach(engine);
        engine.holdCodesUntilReleased().join();
        engine.continueIncidentsAfter(storage.maxIncidentId()).join();

        Control control = new Control(engine, storage, registry, settings.control(), wall);
        EngineMetrics.register(metrics, engine, registry.types(PluginFamily.PULSE), registry.types(PluginFamily.CODE));
        PoolMetrics.register(metrics, pressure);
        Restart.registerMetrics(metrics, storage);
        ApiRouting api = ApiRouting.builder()
                .settings(settings.api())
                .tokens(tokens)
                .engine(engine)
                .control(control)
                .storage(storage)
                .progress(out)
                .events(events)
                .plugins(registry, settings.home())
                .storage(storage)
                .build();
        WebPages pages = WebPages.builder()
                .engine(engine)
                .storage(storage)
                .settings(settings.web())
                .protectedReads(settings.api().protectReads())
                .clocks(wall, System::nanoTime)
                .build();
        List<MonitorPlan> monitors = new ArrayList<>(manifest);
        monitors.addAll(control.storedApiMonitors(manifest.stream().map(MonitorPlan::name).toList()));
        // refuse before listening: a start over the cap says so in one line and serves nothing
        MonitorSeries.checkAtStart(settings.series(), monitors);
        if (!tokens.any()) {
            LOG.log(System.Logger.Level.INFO, "the API is read-only: set cpra.api.token (CPRA_API_TOKEN) or add a token"
                    + " with bin/cpra token add to allow changing monitors, pausing, maintenance and checks run on"
                    + " demand over HTTP");
        }
        readiness.require("storage", storageCondition(() -> journal.healthy() && storage.healthy()));
        // listen before the monitors start, so monitors of this server's own endpoints find it up
        io.helidon.webserver.WebServerConfig.Builder web = WebServer.builder();
        Listener listener = Listener.harden(web, settings.listener());
        WebServer webServer = web
                .host(settings.host())
                .port(settings.port())
                // Main stops the server on SIGTERM itself, in order, within its time budget
                .shutdownHook(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().addCheck(readiness).addCheck(liveness).details(true).build())
                        .addObserver(MetricsObserver.builder()
                                // the registry holding cpra's meters, or the observer may make its own
                                .meterRegistry(metrics)
                                .build())
                        .build())
                .addFeature(api.openApi())
                .routing(routing -> {
                    api.register(routing);
                    pages.register(routing);
                })
                .build()
                .start();
        if (!webServer.isRunning() || webServer.port() < 0) {
            // Helidon logs a failed bind and returns a stopped server rather than throwing
            listener.close();
            throw new ListenFailed(settings.host(), settings.port());
        }
        InetSocketAddress listening = new InetSocketAddress(settings.host(), webServer.port());

        engine.apply(monitors, (MonitorPlan.Origin) null).join();
        MonitorSeries series = MonitorSeries.start(settings.series(), engine, metrics);
        Restart.Summary restart = Restart.resume(storage, engine, wall);
        if (!restart.isEmpty()) {
            out.println("resumed " + restart);
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cpra-housekeeping").factory());
        housekeeping.scheduleAtFixedRate(() -> prune(storage, settings.retention(), wall),
                1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        // nobody can ask the health endpoint once the listener is gone, so cpra asks itself
        housekeeping.scheduleWithFixedDelay(() -> {
            String gone = webServer.isRunning() ? ListenerWatch.gone(listening) : null;
            if (gone != null) {
                partDied.accept("the listener died: " + gone);
            }
        }, WATCH_LISTENER_EVERY.toMillis(), WATCH_LISTENER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Server server = new Server(listener, webServer, readiness, registry, storage, engine, journal, control, events,
                housekeeping, api, pressure, history, series);
        readiness.ready();
        return server;
    }

    /**
     * What happens when a part cpra cannot do without dies (the engine thread, the listener):
     * never a zombie. Readiness and liveness go down at once with the reason, the reason is
     * logged, and the process exits with {@value #PART_DIED_STATUS} so that a supervisor
     * restarts cpra.
     */
    static java.util.function.Consumer<String> whenPartDies(Readiness readiness, Liveness liveness,
                                                             java.util.function.IntConsumer exit) {
        java.util.concurrent.atomic.AtomicBoolean dying = new java.util.concurrent.atomic.AtomicBoolean();
        return reason -> {
            if (!dying.compareAndSet(false, true)) {
                return;
            }
            readiness.notReady(reason);
            liveness.down(reason);
            LOG.log(System.Logger.Level.ERROR, reason + "; cpra exits with status " + PART_DIED_STATUS);
            exit.accept(PART_DIED_STATUS);
        };
    }

    /**
     * Readiness's storage condition. Health is open to anyone, so its reason says only that the
     * store is unavailable: never the store's path or URL, nor the error, which the journal logs.
     *
     * @param healthy whether the store and the journal's writes work
     * @return the condition: {@code null} while healthy, else the reason
     */
    static java.util.function.Supplier<String> storageCondition(java.util.function.BooleanSupplier healthy) {
        return () -> healthy.getAsBoolean() ? null : STORAGE_UNAVAILABLE;
    }

    /** The reason readiness gives while the store is unavailable. */
    static final String STORAGE_UNAVAILABLE = "the store is unavailable; the server log has the cause";

    private static void prune(Storage storage, Duration retention, InstantSource wall) {
        try {
            storage.prune(wall.instant().minus(retention));
        } catch (RuntimeException e) {
            System.getLogger(Server.class.getName()).log(System.Logger.Level.WARNING, "pruning history failed", e);
        }
    }

    int port() {
        return webServer.port();
    }

    Control control() {
        return control;
    }

    void stop() {
        readiness.notReady("stopping");
        // open event streams would otherwise hold the web server's stop
        api.close();
        housekeeping.shutdownNow();
        if (webServer.isRunning()) {
            webServer.stop();
        }
        listener.close();
        series.close();
        engine.stop(STOP_GRACE);
        pressure.close();
        journal.close(STOP_GRACE);
        history.close(STOP_GRACE);
        control.close();
        events.close();
        storage.close();
        registry.close();
    }

    /** The web server did not start listening: the port is taken, or the address is not this host's. */
    static final class ListenFailed extends RuntimeException {
        ListenFailed(String host, int port) {
            super(ListenerWatch.probe(new InetSocketAddress(host, port)) == ListenerWatch.Answer.LISTENING
                    ? "port " + port + " is already in use (on " + host + ")"
                    : "cannot listen on " + host + ":" + port + " (see the log above)");
        }
    }
}
