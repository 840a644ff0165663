package io.cpra.core;

import io.cpra.core.http.ApiRouting;
import io.cpra.core.http.Readiness;
import io.cpra.core.plugin.PluginRegistry;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * The running server: the Helidon WebServer with the API, health and metrics, and what it
 * serves. Started and stopped by {@link Main}; stopping is idempotent.
 */
final class Server {

    private final WebServer webServer;
    private final Readiness readiness;
    private final PluginRegistry registry;

    private Server(WebServer webServer, Readiness readiness, PluginRegistry registry) {
        this.webServer = webServer;
        this.readiness = readiness;
        this.registry = registry;
    }

    static Server start(Settings settings, PluginRegistry registry) {
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
                .routing(routing -> ApiRouting.register(routing, registry, settings.home()))
                .build()
                .start();
        Server server = new Server(webServer, readiness, registry);
        readiness.ready();
        return server;
    }

    int port() {
        return webServer.port();
    }

    void stop() {
        readiness.notReady("stopping");
        if (webServer.isRunning()) {
            webServer.stop();
        }
        registry.close();
    }
}
