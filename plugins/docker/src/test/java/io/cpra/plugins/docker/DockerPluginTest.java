package io.cpra.plugins.docker;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerPluginTest {

    private static final InterventionRequest REQUEST = InterventionRequest.builder("checkout-api").attempt(1, 2)
            .lastError("HTTP 503").incidentId("inc-1").build();

    @TempDir
    Path home;

    private Path socket;
    private FakeEngine engine;
    private final DockerPlugin plugin = new DockerPlugin();

    @BeforeEach
    void start() throws Exception {
        socket = home.resolve("docker.sock");
        engine = new FakeEngine(socket);
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    private Intervention prepare(Map<String, ?> target) {
        Map<String, Object> withSocket = new HashMap<>(target);
        withSocket.putIfAbsent("socket", socket.toString());
        return plugin.prepare(PluginConfig.of("checkout-api", "intervention.target", withSocket),
                PluginContext.of("checkout-api", home));
    }

    private static Deadline later() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void restartsTheContainerWithCprasTargetKeys() throws Exception {
        engine.answer("/containers/checkout-api/restart", FakeEngine.NO_CONTENT);

        InterventionOutcome outcome = prepare(Map.of("type", "container", "container", "checkout-api", "timeout", "20s"))
                .intervene(REQUEST, later());

        assertThat(outcome).isEqualTo(InterventionOutcome.succeeded("container checkout-api restarted"));
        assertThat(engine.requestLines()).containsExactly("POST /containers/checkout-api/restart?t=20 HTTP/1.1");
        assertThat(engine.requests().get(0)).contains("\r\nHost: docker\r\n").contains("\r\nContent-Length: 0\r\n");
    }

    @Test
    void apiVersionPrefixesThePathAndTimeoutRoundsUp() throws Exception {
        engine.answer("/containers/web/restart", FakeEngine.NO_CONTENT);

        InterventionOutcome outcome = prepare(Map.of("container", "/web", "timeout", "1500ms", "api_version", "v1.41"))
                .intervene(REQUEST, later());

        assertThat(outcome.success()).isTrue();
        assertThat(engine.requestLines()).containsExactly("POST /v1.41/containers/web/restart?t=2 HTTP/1.1");
    }

    @Test
    void unknownContainerFailsNamingIt() throws Exception {
        engine.answer("/containers/ghost/restart", FakeEngine.json(404, "Not Found", "No such container: ghost"));

        InterventionOutcome outcome = prepare(Map.of("container", "ghost")).intervene(REQUEST, later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).isEqualTo("no such container ghost");
        assertThat(outcome.output()).isEqualTo("No such container: ghost");
    }

    @Test
    void serverErrorFailsWithTheEnginesMessage() throws Exception {
        engine.answer("/containers/broken/restart",
                FakeEngine.chunkedJson(500, "Internal Server Error", "Cannot restart container broken: driver failed"));

        InterventionOutcome outcome = prepare(Map.of("container", "broken")).intervene(REQUEST, later());

        assertThat(outcome).isEqualTo(InterventionOutcome.failed(
                "Docker Engine answered HTTP 500: Cannot restart container broken: driver failed"));
    }

    @Test
    void absentSocketFailsNamingThePath() throws Exception {
        Path absent = home.resolve("nowhere/docker.sock");

        InterventionOutcome outcome = prepare(Map.of("container", "web", "socket", "unix://" + absent)).intervene(REQUEST, later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).startsWith("Docker socket " + absent + " does not exist");
    }

    @Test
    void socketThatNobodyListensOnFails() throws Exception {
        engine.close();

        InterventionOutcome outcome = prepare(Map.of("container", "web")).intervene(REQUEST, later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).startsWith("cannot reach the Docker Engine at " + socket + ": ");
    }

    @Test
    void silentEngineFailsAtTheDeadline() throws Exception {
        engine.answer("/containers/web/restart", FakeEngine.SILENT);

        InterventionOutcome outcome = prepare(Map.of("container", "web")).intervene(REQUEST, Deadline.after(Duration.ofMillis(300)));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).isEqualTo("cannot reach the Docker Engine at " + socket
                + ": deadline passed while waiting for the response");
    }

    @Test
    void interruptEndsTheCall() {
        engine.answer("/containers/web/restart", FakeEngine.SILENT);
        Intervention intervention = prepare(Map.of("container", "web"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> intervention.intervene(REQUEST, later())).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void startAcceptsAnAlreadyRunningContainer() throws Exception {
        engine.answer("/containers/web/start", FakeEngine.NOT_MODIFIED);

        InterventionOutcome outcome = prepare(Map.of("container", "web", "operation", "start")).intervene(REQUEST, later());

        assertThat(outcome).isEqualTo(InterventionOutcome.succeeded("container web was already running"));
        assertThat(engine.requestLines()).containsExactly("POST /containers/web/start HTTP/1.1");
    }

    @Test
    void killStartKillsThenStartsEvenWhenTheContainerWasStopped() throws Exception {
        engine.answer("/containers/web/kill", FakeEngine.json(409, "Conflict", "Container web is not running"))
                .answer("/containers/web/start", FakeEngine.NO_CONTENT);

        InterventionOutcome outcome = prepare(Map.of("container", "web", "operation", "kill-start", "signal", "sigterm"))
                .intervene(REQUEST, later());

        assertThat(outcome).isEqualTo(InterventionOutcome.succeeded("container web killed and started"));
        assertThat(engine.requestLines()).containsExactly("POST /containers/web/kill?signal=SIGTERM HTTP/1.1",
                "POST /containers/web/start HTTP/1.1");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"checkout-api\": intervention.target.container: required key is missing");
        assertThatThrownBy(() -> prepare(Map.of("container", "web", "type", "service")))
                .hasMessage("monitor \"checkout-api\": intervention.target.type: only container targets are supported, got \"service\"");
        assertThatThrownBy(() -> prepare(Map.of("container", "web/../x")))
                .hasMessage("monitor \"checkout-api\": intervention.target.container: not a container name or id: \"web/../x\"");
        assertThatThrownBy(() -> prepare(Map.of("container", "web", "operation", "stop")))
                .hasMessageContaining("intervention.target.operation: expected restart, start or kill_start");
        assertThatThrownBy(() -> prepare(Map.of("container", "web", "api_version", "latest")))
                .hasMessageContaining("intervention.target.api_version: expected a version such as 1.41");
        assertThatThrownBy(() -> prepare(Map.of("container", "web", "signal", "KILL;rm")))
                .hasMessageContaining("intervention.target.signal: expected a signal name");
    }

    @Test
    void cpraTargetFitsTheDescriptor() {
        assertThat(plugin.descriptor().type()).isEqualTo("docker");
        assertThat(PluginConfig.of(Map.of("type", "container", "container", "checkout-api", "timeout", "20s"))
                .check(plugin.descriptor().keys())).isEmpty();
    }
}
