package io.cpra.core;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineMetrics;
import io.cpra.core.engine.EngineSettings;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.events.EventBus;
import io.cpra.core.events.EventLog;
import io.cpra.core.http.ApiRouting;
import io.cpra.core.http.Readiness;
import io.cpra.core.plugin.PluginRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The running server: the engine with its monitors, and the Helidon WebServer with the API,
 * its OpenAPI document, health and metrics. Started and stopped by {@link Main}; readiness turns up once the
 * manifest's monitors are in the engine and the server listens.
 */
final class Server {

    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    /** How long calls in flight may take to finish when the server stops. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final WebServer webServer;
    private final Readiness readiness;
    private final PluginRegistry registry;
    private final Engine engine;
    private final EventBus events;
    private final ApiRouting api;

    private Server(WebServer webServer, Readiness readiness, PluginRegistry registry, Engine engine, EventBus events,
                   ApiRouting api) {
        this.webServer = webServer;
        this.readiness = readiness;
        this.registry = registry;
        this.engine = engine;
        this.events = events;
        this.api = api;
    }

    static Server start(Settings settings, PluginRegistry registry, List<MonitorPlan> monitors) {
        EventBus events = new EventBus(1 << 16);
        events.subscribe(new EventLog());
        Engine engine = Engine.start(EngineSettings.defaults(), events, System::nanoTime, InstantSource.system());
        EngineMetrics.register(Metrics.globalRegistry(), engine);
        engine.apply(monitors, true).join();
        ApiRouting api = ApiRouting.builder()
                .settings(settings.api())
                .engine(engine)
                .events(events)
                .plugins(registry, settings.home())
                .build();
        if (!settings.api().writesEnabled()) {
            LOG.log(System.Logger.Level.INFO, "the API is read-only: set cpra.api.token (CPRA_API_TOKEN) to allow"
                    + " pausing, maintenance and checks run on demand over HTTP");
        }
        Readiness readiness = new Readiness();
        WebServer webServer = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Main stops the server on SIGTERM itself, in order, within its time budget
                .shutdownHook(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder().addCheck(readiness).details(true).build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .addFeature(api.openApi())
                .routing(api::register)
                .build()
                .start();
        Server server = new Server(webServer, readiness, registry, engine, events, api);
        readiness.ready();
        return server;
    }

    int port() {
        return webServer.port();
    }

    void stop() {
        readiness.notReady("stopping");
        // open event streams would otherwise hold the web server's stop
        api.close();
        if (webServer.isRunning()) {
            webServer.stop();
        }
        engine.stop(STOP_GRACE);
        events.close();
        registry.close();
    }
}
