package io.cpra.core.http;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.engine.CodeRoute;
import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineSettings;
import io.cpra.core.engine.MonitorPlan;
import io.cpra.core.engine.MonitorSpec;
import io.cpra.core.engine.lifecycle.Policy;
import io.cpra.core.engine.pool.PoolSettings;
import io.cpra.core.events.EventBus;
import io.cpra.core.ops.Control;
import io.cpra.core.plugin.PluginRegistry;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageSettings;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real engine on a hand-driven clock behind a real Helidon WebServer on a free loopback
 * port, with the API registered as {@code Server} registers it, and a JDK HTTP client. The
 * clock never moves unless a test moves it, so no check runs but those a test asks for.
 *
 * <p>The API reads its history from {@link #storage}: a SQLite file in a temporary folder of
 * its own unless the test gives other settings. Tests write rows into it directly; the engine
 * never does, since no journal runs here. Closing the fixture closes the store and removes the
 * folder.
 */
final class ApiFixture implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789";
    static final long SECOND = 1_000_000_000L;
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    final AtomicLong nanos = new AtomicLong(1_000 * SECOND);
    final InstantSource wall = () -> EPOCH.plusNanos(nanos.get());
    final EventBus bus = new EventBus(1 << 16);
    private final Stores.Store store;
    final Engine engine;
    final Path home;
    final Path manifest;
    final Storage storage;
    final Control control;
    final ApiRouting api;
    final WebServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture(ApiSettings settings) {
        this(settings, builder -> { });
    }

    ApiFixture(ApiSettings settings, Consumer<ApiRouting.Builder> tuning) {
        this(settings, false, Stores.sqlite(), tuning);
    }

    /** @param store an empty store that the caller made and removes */
    ApiFixture(ApiSettings settings, StorageSettings store, Consumer<ApiRouting.Builder> tuning) {
        this(settings, false, Stores.given(store), tuning);
    }

    /**
     * @param allowCommands whether the API may define monitors of type {@code command}
     * @param store         the store, made empty for this fixture; closed and removed with it
     */
    ApiFixture(ApiSettings settings, boolean allowCommands, Stores.Store store, Consumer<ApiRouting.Builder> tuning) {
        this.store = store;
        engine = Engine.start(engineSettings(), bus, nanos::get, wall);
        try {
            home = Files.createTempDirectory("cpra-api");
            manifest = Files.writeString(home.resolve("monitors.yaml"), "monitors: []\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        storage = Storage.open(store.settings());
        PluginRegistry registry = TestPlugins.registry();
        control = new Control(engine, storage, registry,
                new Control.ControlSettings(home, manifest, Duration.ofMinutes(5), allowCommands), wall);
        ApiRouting.Builder builder = ApiRouting.builder()
                .settings(settings)
                .engine(engine)
                .control(control)
                .storage(storage)
                .progress(new PrintStream(OutputStream.nullOutputStream()))
                .events(bus)
                .plugins(registry, Path.of("/opt/cpra"))
                .wall(wall);
        tuning.accept(builder);
        api = builder.build();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .addFeature(api.openApi())
                .routing(api::register)
                .build()
                .start();
    }

    /** Token configured, reads open. */
    static ApiFixture withToken() {
        return new ApiFixture(ApiSettings.defaults().withToken(TOKEN));
    }

    static EngineSettings engineSettings() {
        PoolSettings pulses = new PoolSettings("pulse", 1, 64, 8, 1024, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(5));
        return new EngineSettings(Duration.ofMillis(1), pulses,
                PoolSettings.defaults("intervention", 8, 64), PoolSettings.defaults("code", 8, 64),
                1 << 14, 1024, Duration.ofSeconds(5),
                new DeliverySettings(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 0, 100, 100, Duration.ofSeconds(1)));
    }

    // ---- monitors -----------------------------------------------------------------------

    static MonitorPlan plan(String name, PulseCheck check, String type, List<String> groups, CodeRoute... codes) {
        MonitorSpec spec = new MonitorSpec(type, 60 * SECOND, 5 * SECOND, Policy.defaults(), null, List.of(codes), groups);
        return new MonitorPlan(name, true, check, spec, name.hashCode());
    }

    static MonitorPlan plan(String name, PulseCheck check) {
        return plan(name, check, "scripted", List.of("tests"));
    }

    void apply(MonitorPlan... plans) {
        engine.apply(List.of(plans), false).join();
    }

    void apply(List<MonitorPlan> plans) {
        engine.apply(plans, false).join();
    }

    /** A check answering from a script indexed by call number, counting its calls. */
    static final class ScriptedCheck implements PulseCheck {
        final AtomicInteger calls = new AtomicInteger();
        private final IntFunction<PulseOutcome> script;

        ScriptedCheck(IntFunction<PulseOutcome> script) {
            this.script = script;
        }

        static ScriptedCheck passing() {
            return new ScriptedCheck(n -> PulseOutcome.ok("fine"));
        }

        static ScriptedCheck failing() {
            return new ScriptedCheck(n -> PulseOutcome.critical("connection refused"));
        }

        @Override
        public PulseOutcome check(Deadline deadline) {
            return script.apply(calls.incrementAndGet());
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    Reply post(String path) {
        return send("POST", path, TOKEN, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, TOKEN, body);
    }

    Reply send(String method, String path, String token, String body) {
        return send(request(method, path, token, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest request(String method, String path, String token, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).method(method, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits, up to 10 s, for something the engine does on its own threads. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    @Override
    public void close() {
        api.close();
        server.stop();
        engine.stop(Duration.ofMillis(200));
        control.close();
        bus.close();
        storage.close();
        store.remove();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** A finished exchange. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonObject json() {
            assertThat(headers.firstValue("Content-Type")).as(body).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            return Json.createReader(new StringReader(body)).readObject();
        }

        /** The error body, checked for the API's error format and for leaks. */
        String error() {
            JsonObject json = json();
            assertThat(json.keySet()).as(body).contains("error").isSubsetOf("error", "errors");
            assertThat(body).doesNotContainPattern("\\bat [a-z]+\\.[a-z]").doesNotContain("Exception")
                    .doesNotContain("\\n");
            return json.getString("error");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
