package io.cpra.plugins.command;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code command} pulse running real scripts written to a temporary cpra home. */
class CommandPulsePluginTest {

    @TempDir
    Path home;

    private final CommandPulsePlugin plugin = new CommandPulsePlugin(new ProcessRunner(4, System::nanoTime, Path.of(System.getProperty("java.io.tmpdir"))));

    private PulseCheck prepare(Map<String, ?> config) {
        PluginConfig block = PluginConfig.of("job", "pulse_check.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return plugin.prepare(block, PluginContext.of("job", home));
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void descriptorListsEveryKey() {
        assertThat(plugin.descriptor().type()).isEqualTo("command");
        assertThat(plugin.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "command", "args", "shell", "env", "inherit_env", "working_dir", "retries");
        assertThat(plugin.descriptor().keys()).allSatisfy(key -> assertThat(key.description()).isNotBlank());
    }

    @ParameterizedTest(name = "exit {0}")
    @CsvSource(delimiter = ';', value = {
            "0;   OK;       ALL GOOD",
            "1;   WARNING;  ALL GOOD",
            "2;   CRITICAL; ALL GOOD",
            "3;   UNKNOWN;  ALL GOOD",
            "4;   UNKNOWN;  exit 4: ALL GOOD",
            "127; UNKNOWN;  exit 127: ALL GOOD"})
    void exitCodesMapToStatuses(int exit, Status status, String message) throws Exception {
        Scripts.shell(home, "check.sh", "echo 'ALL GOOD | load=0.5;1;2'\nexit " + exit);

        PulseOutcome outcome = prepare(Map.of("command", "./check.sh")).check(soon());

        assertThat(outcome).isEqualTo(PulseOutcome.of(status, message).withDetail("load=0.5;1;2"));
    }

    @Test
    void longOutputAndMultiLinePerformanceDataFollowTheConvention() throws Exception {
        Scripts.shell(home, "disk.sh", "printf 'DISK OK - free space: / 3326 MB | /=2643MB;5948\\n/boot 68 MB\\n"
                + "/home 69357 MB | /boot=68MB;88\\n/home=69357MB;253404\\n'");

        PulseOutcome outcome = prepare(Map.of("command", List.of("./disk.sh"))).check(soon());

        assertThat(outcome.message()).isEqualTo("DISK OK - free space: / 3326 MB");
        assertThat(outcome.detail()).isEqualTo("/=2643MB;5948 /boot=68MB;88 /home=69357MB;253404");
    }

    @Test
    void standardErrorIsTheMessageWhenStandardOutputIsEmpty() throws Exception {
        Scripts.shell(home, "broken.sh", "echo 'cannot read config' >&2\nexit 3");

        assertThat(prepare(Map.of("command", "./broken.sh")).check(soon()).message()).isEqualTo("cannot read config");
    }

    @Test
    void silenceSaysTheExitCode() throws Exception {
        Scripts.shell(home, "quiet.sh", "exit 2");

        assertThat(prepare(Map.of("command", "./quiet.sh")).check(soon()).message()).isEqualTo("exit 2, no output");
    }

    @Test
    void argsEnvAndShellReachTheProgram() throws Exception {
        Scripts.shell(home, "echo-args.sh", "echo \"$1|$2|$GREETING|$CPRA_MONITOR\"");

        PulseOutcome words = prepare(Map.of("command", "./echo-args.sh 'a b'", "args", List.of("c"),
                "env", Map.of("GREETING", "hi"))).check(soon());
        PulseOutcome shell = prepare(Map.of("command", "echo \"$0:$1\" | tr a-z A-Z", "shell", true, "args", List.of("x")))
                .check(soon());

        assertThat(words.message()).isEqualTo("a b");
        assertThat(words.detail()).isEqualTo("c|hi|job");
        assertThat(shell.message()).isEqualTo("SH:X");
    }

    @Test
    void workingDirDefaultsToTheHomeAndCanBeSet() throws Exception {
        Files.createDirectory(home.resolve("sub"));

        PulseOutcome inHome = prepare(Map.of("command", "pwd")).check(soon());
        PulseOutcome inSub = prepare(Map.of("command", "pwd", "working_dir", "sub")).check(soon());

        assertThat(inHome.message()).isEqualTo(home.toRealPath().toString());
        assertThat(inSub.message()).isEqualTo(home.resolve("sub").toRealPath().toString());
    }

    @Test
    void aHangingCheckIsKilledWithItsChildrenAtTheDeadline() throws Exception {
        Scripts.shell(home, "hang.sh", "sleep 60 &\necho $! > child.pid\nwait");

        PulseOutcome outcome = prepare(Map.of("command", "./hang.sh")).check(Deadline.after(Duration.ofSeconds(2)));

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
        assertThat(outcome.message()).matches("timed out after \\d+ ms; killed \\./hang\\.sh and 1 child process");
        long child = Long.parseLong(Files.readString(home.resolve("child.pid")).strip());
        assertThat(Scripts.gone(child)).as("sleep child %d is gone", child).isTrue();
    }

    @Test
    void retriesRunAgain() throws Exception {
        Scripts.shell(home, "flaky.sh", "if [ -e ran ]; then echo OK; exit 0; fi\ntouch ran\necho 'not yet'\nexit 2");

        PulseOutcome outcome = prepare(Map.of("command", "./flaky.sh", "retries", 1)).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.OK);
        assertThat(outcome.message()).isEqualTo("OK (attempt 2)");
    }

    @Test
    void aMissingProgramIsUnknown() throws Exception {
        PulseOutcome outcome = prepare(Map.of("command", "./absent --flag")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
        assertThat(outcome.message()).startsWith("cannot run ./absent:");
    }

    @Test
    void monitorsRunningTheSameCommandShareItsSpec() {
        CommandCheck a = (CommandCheck) prepare(Map.of("command", "check_load -w 5 -c 10"));
        CommandCheck b = (CommandCheck) prepare(Map.of("command", List.of("check_load", "-w", "5", "-c", "10")));

        assertThat(a.spec()).isSameAs(b.spec());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(Map.of(), "command", "required key is missing"),
                Arguments.of(Map.of("command", "  "), "command", "names no program"),
                Arguments.of(Map.of("command", "echo 'open"), "command", "not closed"),
                Arguments.of(Map.of("command", Map.of("a", "b")), "command", "got a map"),
                Arguments.of(Map.of("command", List.of("echo"), "shell", true), "shell", "needs command as one string"),
                Arguments.of(Map.of("command", "echo", "env", Map.of("A=B", "c")), "env.A=B", "not a valid environment variable"),
                Arguments.of(Map.of("command", "echo", "working_dir", "absent"), "working_dir", "is not a directory"),
                Arguments.of(Map.of("command", "echo", "retries", 11), "retries", "between 0 and 10"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValuesNameTheKey(Map<String, ?> config, String key, String reason) {
        assertThatThrownBy(() -> plugin.prepare(PluginConfig.of("job", "pulse_check.config", new HashMap<>(config)),
                PluginContext.of("job", home)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("pulse_check.config." + key);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
