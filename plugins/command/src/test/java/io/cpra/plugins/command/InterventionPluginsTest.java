package io.cpra.plugins.command;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code command} and {@code script} interventions running real programs. */
class InterventionPluginsTest {

    private static final InterventionRequest REQUEST = InterventionRequest.builder("checkout-api").attempt(2, 3)
            .lastError("HTTP 503 in 12 ms").incidentId("inc-7").build();

    @TempDir
    Path home;

    private final ProcessRunner runner = new ProcessRunner(4, System::nanoTime, Path.of(System.getProperty("java.io.tmpdir")));
    private final CommandInterventionPlugin command = new CommandInterventionPlugin(runner);
    private final ScriptInterventionPlugin script = new ScriptInterventionPlugin(runner);

    private Intervention prepare(InterventionPlugin plugin, Map<String, ?> config) {
        PluginConfig block = PluginConfig.of("checkout-api", "intervention.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return plugin.prepare(block, PluginContext.of("checkout-api", home));
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void descriptorsListEveryKey() {
        assertThat(command.descriptor().type()).isEqualTo("command");
        assertThat(command.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "command", "args", "shell", "env", "inherit_env", "working_dir", "timeout");
        assertThat(script.descriptor().type()).isEqualTo("script");
        assertThat(script.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "path", "args", "interpreter", "env", "inherit_env", "working_dir", "timeout");
    }

    @Test
    void commandSucceedsOnExitZeroAndSeesTheAttempt() throws Exception {
        InterventionOutcome outcome = prepare(command, Map.of("command",
                "printf '%s %s/%s %s %s\\n' \"$CPRA_MONITOR\" \"$CPRA_ATTEMPT\" \"$CPRA_MAX_ATTEMPTS\" \"$CPRA_INCIDENT_ID\" \"$CPRA_LAST_ERROR\"",
                "shell", true)).intervene(REQUEST, soon());

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.message()).matches("/bin/sh exited 0 in \\d+ ms: checkout-api 2/3 inc-7 HTTP 503 in 12 ms");
        assertThat(outcome.output()).isEqualTo("checkout-api 2/3 inc-7 HTTP 503 in 12 ms\n");
    }

    @Test
    void commandFailsOnOtherExitsAndKeepsBothStreams() throws Exception {
        InterventionOutcome outcome = prepare(command, Map.of("command", "sh -c 'echo restarting; echo \"unit not found\" >&2; exit 5'"))
                .intervene(REQUEST, soon());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).matches("sh exited 5 in \\d+ ms: restarting");
        assertThat(outcome.output()).isEqualTo("restarting\n[stderr]\nunit not found\n");
    }

    @Test
    void timeoutKillsTheTree() throws Exception {
        Scripts.shell(home, "slow.sh", "sleep 60 &\necho $! > child.pid\nwait");

        InterventionOutcome outcome = prepare(command, Map.of("command", "./slow.sh", "timeout", "1s"))
                .intervene(REQUEST, Deadline.after(Duration.ofSeconds(30)));

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).matches("\\./slow\\.sh timed out after \\d+ ms; killed it and 1 child process");
        assertThat(Scripts.gone(Long.parseLong(Files.readString(home.resolve("child.pid")).strip()))).isTrue();
    }

    @Test
    void scriptRunsThroughItsShebangInItsOwnDirectory() throws Exception {
        Path scripts = Files.createDirectory(home.resolve("scripts"));
        Files.writeString(scripts.resolve("marker"), "beside the script");
        Scripts.shell(scripts, "restart.sh", "cat marker; echo \" $1\"");

        InterventionOutcome outcome = prepare(script, Map.of("path", "scripts/restart.sh", "args", List.of("--graceful")))
                .intervene(REQUEST, soon());

        assertThat(outcome.success()).as(outcome.message()).isTrue();
        assertThat(outcome.output()).isEqualTo("beside the script --graceful\n");
    }

    @Test
    void scriptRunsThroughAnInterpreterWithoutExecutableBitOrShebang() throws Exception {
        Path plain = Files.writeString(home.resolve("plain.sh"), "echo \"via $0 with $1\"; exit 0\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));

        InterventionOutcome outcome = prepare(script, Map.of("path", "plain.sh", "interpreter", "sh -e", "args", "x"))
                .intervene(REQUEST, soon());

        assertThat(outcome.success()).as(outcome.message()).isTrue();
        assertThat(outcome.output()).isEqualTo("via " + plain + " with x\n");
    }

    @Test
    void scriptFailureIsReported() throws Exception {
        Scripts.shell(home, "fail.sh", "echo 'no permission' >&2; exit 1");

        InterventionOutcome outcome = prepare(script, Map.of("path", "fail.sh")).intervene(REQUEST, soon());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).matches(".*fail\\.sh exited 1 in \\d+ ms: no permission");
    }

    @Test
    void scriptIsCheckedWhenTheManifestLoads() throws Exception {
        Path noExec = Files.writeString(home.resolve("noexec.sh"), "#!/bin/sh\necho\n");
        Files.setPosixFilePermissions(noExec, PosixFilePermissions.fromString("rw-------"));
        Path noShebang = Files.writeString(home.resolve("noshebang.sh"), "echo\n");
        Files.setPosixFilePermissions(noShebang, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectory(home.resolve("dir"));

        assertThatThrownBy(() -> prepare(script, Map.of("path", "absent.sh")))
                .hasMessageContaining("intervention.config.path").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> prepare(script, Map.of("path", "dir")))
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> prepare(script, Map.of("path", "noexec.sh")))
                .hasMessageContaining("is not executable; chmod +x it or set interpreter");
        assertThatThrownBy(() -> prepare(script, Map.of("path", "noshebang.sh")))
                .hasMessageContaining("has no #! line; add one or set interpreter");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("command", Map.of("command", "x", "timeout", "0s"), "timeout", "must be positive"),
                Arguments.of("command", Map.of("command", ""), "command", "names no program"),
                Arguments.of("script", Map.of(), "path", "required key is missing"),
                Arguments.of("script", Map.of("path", "ok.sh", "interpreter", " "), "interpreter", "names no program"),
                Arguments.of("script", Map.of("path", "ok.sh", "working_dir", "nowhere"), "working_dir", "is not a directory"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValuesNameTheKey(String type, Map<String, ?> config, String key, String reason) throws Exception {
        Scripts.shell(home, "ok.sh", "exit 0");
        InterventionPlugin plugin = type.equals("command") ? command : script;

        assertThatThrownBy(() -> plugin.prepare(PluginConfig.of("m", "intervention.config", config), PluginContext.of("m", home)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("intervention.config." + key);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
