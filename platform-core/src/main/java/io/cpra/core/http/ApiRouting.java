package io.cpra.core.http;

import io.cpra.core.plugin.PluginRegistry;
import io.helidon.webserver.http.HttpRouting;

import java.nio.file.Path;

/**
 * The HTTP API under {@code /api/v1}. Routes reach the engine only through its command queue.
 */
public final class ApiRouting {

    /** The prefix of every API route. */
    public static final String PREFIX = "/api/v1";

    private ApiRouting() {
    }

    /**
     * Registers the API's routes.
     *
     * @param routing  the server's routing
     * @param registry the loaded plugins
     * @param home     the cpra home, for showing paths relative to it
     */
    public static void register(HttpRouting.Builder routing, PluginRegistry registry, Path home) {
        routing.register(PREFIX + "/plugins", new PluginsService(registry, home));
    }
}
