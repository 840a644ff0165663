package io.cpra.core.http;

import io.cpra.core.access.TokenFile;
import io.cpra.core.access.Tokens;
import io.cpra.core.engine.Engine;
import io.cpra.core.events.EventBus;
import io.cpra.core.ops.Control;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.core.storage.Storage;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.spi.ServerFeature;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP API under {@code /api/v1}: its routes, their guard and their error format, and the
 * OpenAPI document that describes them at {@code /openapi}.
 *
 * <p>Every route is a {@link Route} in one list, built here from the resources (monitors,
 * manifest, summary, events, plugins, the stored history); the same list drives the dispatch,
 * the 404/405 answers and the test that holds the OpenAPI document to the routes. A new
 * resource is a class with a {@code routes()} method whose list is added below; it gets the
 * token check, the body limits and the error format with no further wiring. Routes reach the
 * engine only through {@link Engine}'s public methods and the control plane, and the store
 * only through {@link Storage}'s reads.
 *
 * <p>Thread-safe once built. {@link #close()} ends the open event streams; call it before
 * stopping the web server, so that stopping does not wait for them.
 */
public final class ApiRouting implements AutoCloseable {

    /** The prefix of every API route. */
    public static final String PREFIX = "/api/v1";

    private final List<Route> routes;
    private final Dispatcher dispatcher;
    private final Guard guard;
    private final EventHub hub;

    private ApiRouting(Builder builder) {
        this.hub = new EventHub(builder.buffer);
        builder.events.subscribe(hub);
        JsonBodies bodies = new JsonBodies(builder.settings);
        List<Route> all = new ArrayList<>();
        all.addAll(new MonitorsResource(builder.engine, builder.control, builder.storage, bodies, builder.wall).routes());
        all.addAll(new ManifestResource(builder.control, builder.progress, bodies).routes());
        all.addAll(new SummaryResource(builder.engine, builder.registry).routes());
        all.addAll(new EventsResource(hub, builder.heartbeat).routes());
        all.addAll(new PluginsResource(builder.registry, builder.home).routes());
        all.addAll(new HistoryResource(builder.storage).routes());
        all.addAll(new CheckHistoryResource(builder.engine, builder.storage, builder.wall).routes());
        all.addAll(new PolicyResource(builder.control).routes());
        all.addAll(builder.extra);
        this.routes = List.copyOf(all);
        this.guard = new Guard(builder.tokens != null ? builder.tokens : configuredOnly(builder.settings),
                builder.settings.protectReads());
        this.dispatcher = new Dispatcher(new Router(routes), guard);
    }

    private static Tokens configuredOnly(ApiSettings settings) {
        try {
            return Tokens.create(settings.token(), null);
        } catch (TokenFile.Invalid e) {
            throw new IllegalStateException("no tokens file was given", e);
        }
    }

    /**
     * A builder; the engine, the control plane, storage, the event bus, the plugin registry and
     * the home are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the API to a server's routing: one handler for everything under {@link #PREFIX}, so
     * unknown paths and methods there get the API's JSON answers too.
     *
     * @param routing the server's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter(this::guardPages);
        routing.error(ApiException.class, (request, response, e) -> Dispatcher.refuse(response, e));
        routing.any(PREFIX + "/*", dispatcher);
    }

    /**
     * Holds the pages outside the API that tell about the fleet — {@code /observe/metrics} (its
     * meters name monitors and plugins) and {@code /openapi} — to the same rule as the API's
     * reads: open unless {@code protect-reads}, then a token with the read scope. Health stays
     * open for load balancers and supervisors.
     */
    private void guardPages(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (under(path, "/observe/metrics") || under(path, "/openapi")) {
            // a refusal is thrown, and answered by the error handler registered with this filter
            guard.checkRead(request);
        }
        chain.proceed();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /**
     * The feature serving the hand-written OpenAPI document ({@code META-INF/openapi.yaml} in
     * this module) at {@code /openapi}, as YAML or, with {@code Accept: application/json} or
     * {@code ?format=JSON}, as JSON.
     *
     * @return the feature to add to the web server
     */
    public ServerFeature openApi() {
        return OpenApiFeature.create();
    }

    /** Ends every open event stream and refuses new ones. */
    @Override
    public void close() {
        hub.close();
    }

    /** Every route, in dispatch order. */
    List<Route> routes() {
        return routes;
    }

    EventHub hub() {
        return hub;
    }

    /** Collects what the API needs. Not thread-safe. */
    public static final class Builder {
        private ApiSettings settings = ApiSettings.defaults();
        private Engine engine;
        private Control control;
        private Storage storage;
        private PrintStream progress = System.out;
        private EventBus events;
        private PluginRegistry registry;
        private Path home;
        private InstantSource wall = InstantSource.system();
        private Duration heartbeat = EventsResource.DEFAULT_HEARTBEAT;
        private int buffer = EventHub.DEFAULT_BUFFER;
        private final List<Route> extra = new ArrayList<>();
        private Tokens tokens;

        private Builder() {
        }

        /**
         * The token and the body limits; {@link ApiSettings#defaults()} unless set.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(ApiSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The tokens that may call the API; by default only the settings' {@code token}, as an
         * admin token.
         *
         * @param tokens the configured token and those of the tokens file
         * @return this builder
         */
        public Builder tokens(Tokens tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * The engine whose monitors the API shows and holds.
         *
         * @param engine the running engine
         * @return this builder
         */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * The control plane, through which every durable change goes: definitions, holds, reloads.
         *
         * @param control the control plane over the same engine
         * @return this builder
         */
        public Builder control(Control control) {
            this.control = Objects.requireNonNull(control, "control");
            return this;
        }

        /**
         * The store whose history (incidents, past events, the outbox) and a monitor's open
         * incident the API reads; its writes go through the control plane.
         *
         * @param storage the open store; the API never closes it
         * @return this builder
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Where a reload's progress lines go; the console unless set.
         *
         * @param progress the stream
         * @return this builder
         */
        public Builder progress(PrintStream progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * The bus the live stream subscribes to.
         *
         * @param events the engine's event bus
         * @return this builder
         */
        public Builder events(EventBus events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * The loaded plugins, listed at {@code /api/v1/plugins} and counted in the summary.
         *
         * @param registry the registry
         * @param home     the cpra home, for showing plugin paths relative to it
         * @return this builder
         */
        public Builder plugins(PluginRegistry registry, Path home) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * The wall clock that maintenance windows given as a length start from; the engine's.
         *
         * @param wall the clock
         * @return this builder
         */
        public Builder wall(InstantSource wall) {
            this.wall = Objects.requireNonNull(wall, "wall");
            return this;
        }

        Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        Builder buffer(int buffer) {
            this.buffer = buffer;
            return this;
        }

        Builder route(Route route) {
            extra.add(route);
            return this;
        }

        /**
         * Builds the API and subscribes its live stream to the bus.
         *
         * @return the API, ready to {@link #register}
         * @throws NullPointerException when the engine, the control plane, storage, the bus or the plugins are missing
         */
        public ApiRouting build() {
            Objects.requireNonNull(engine, "engine is required");
            Objects.requireNonNull(control, "control is required");
            Objects.requireNonNull(storage, "storage is required");
            Objects.requireNonNull(events, "events is required");
            Objects.requireNonNull(registry, "plugins are required");
            return new ApiRouting(this);
        }
    }
}
