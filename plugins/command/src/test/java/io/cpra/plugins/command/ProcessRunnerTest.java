package io.cpra.plugins.command;

import io.cpra.plugin.api.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes: exit codes, environment, bounded output, the kill at the deadline, the bulkhead. */
class ProcessRunnerTest {

    @TempDir
    Path dir;

    private ProcessRunner runner(int permits) {
        return new ProcessRunner(permits, System::nanoTime, dir);
    }

    private Invocation invocation(List<String> argv) {
        return new Invocation(argv, Map.of(), true, dir.toString());
    }

    private static Deadline after(Duration duration) {
        return Deadline.after(duration);
    }

    @Test
    void exitCodeAndBothStreamsComeBack() throws Exception {
        Path script = Scripts.shell(dir, "both.sh", "echo out; echo err >&2; exit 3");

        ProcessRunner.Result result = runner(2).run(invocation(List.of(script.toString())), Map.of(), after(Duration.ofSeconds(10)));

        assertThat(result.ending()).isEqualTo(ProcessRunner.Ending.EXITED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.firstLine()).isEqualTo("out");
    }

    @Test
    void environmentAndDirectoryAreAsConfigured() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path script = Scripts.shell(dir, "env.sh", "echo \"$GREETING $CPRA_MONITOR $(pwd) ${HOME:-no-home}\"");
        Invocation clean = new Invocation(List.of(script.toString()), Map.of("GREETING", "hello"), false, work.toString());

        ProcessRunner.Result result = runner(2).run(clean, Map.of("CPRA_MONITOR", "web"), after(Duration.ofSeconds(10)));

        assertThat(result.stdout().strip()).isEqualTo("hello web " + work.toRealPath() + " no-home");
    }

    @Test
    void outputIsReadOnlyUpToTheLimitAndNeverBlocksTheProgram() throws Exception {
        // 4 MiB on each stream: with pipes and no reader this would block the program forever
        Path script = Scripts.shell(dir, "chatty.sh",
                "head -c 4194304 /dev/zero | tr '\\0' 'o'; head -c 4194304 /dev/zero | tr '\\0' 'e' >&2; echo done >&2");

        ProcessRunner.Result result = runner(2).run(invocation(List.of(script.toString())), Map.of(), after(Duration.ofSeconds(30)));

        assertThat(result.ending()).isEqualTo(ProcessRunner.Ending.EXITED);
        assertThat(result.stdout()).hasSize(ProcessRunner.OUTPUT_LIMIT).matches("o+");
        assertThat(result.stderr()).hasSize(ProcessRunner.OUTPUT_LIMIT).matches("e+");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("cpra-command-"));
        }
    }

    @Test
    void aHangingProgramIsKilledAtTheDeadlineWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path script = Scripts.shell(dir, "hang.sh", "sleep 60 &\necho $! > \"$1\"\necho started\nwait");

        ProcessRunner.Result result = runner(2).run(invocation(List.of(script.toString(), pidFile.toString())), Map.of(),
                after(Duration.ofSeconds(2)));

        assertThat(result.ending()).isEqualTo(ProcessRunner.Ending.TIMED_OUT);
        assertThat(result.killed()).isEqualTo(2);
        assertThat(result.stdout()).isEqualTo("started\n");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Scripts.gone(child)).as("sleep child %d is gone", child).isTrue();
    }

    @Test
    void theBulkheadBoundsConcurrentProcessesAndAnInterruptKillsTheTree() throws Exception {
        ProcessRunner runner = runner(1);
        Path started = dir.resolve("started");
        Path pidFile = dir.resolve("holder.pid");
        Path script = Scripts.shell(dir, "hold.sh", "sleep 60 &\necho $! > \"$2\"\ntouch \"$1\"\nwait");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread holder = Thread.ofVirtual().start(() -> {
            try {
                runner.run(invocation(List.of(script.toString(), started.toString(), pidFile.toString())), Map.of(),
                        after(Duration.ofSeconds(60)));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        while (!Files.exists(started)) {
            Thread.onSpinWait(); // the only permit is held once the script has started
        }

        ProcessRunner.Result refused = runner.run(invocation(List.of("true")), Map.of(), after(Duration.ofMillis(200)));
        holder.interrupt();
        holder.join(Duration.ofSeconds(10));

        assertThat(refused.ending()).isEqualTo(ProcessRunner.Ending.NO_SLOT);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(Scripts.gone(Long.parseLong(Files.readString(pidFile).strip()))).isTrue();
        assertThat(runner.run(invocation(List.of("true")), Map.of(), after(Duration.ofSeconds(10))).ending())
                .as("the permit came back").isEqualTo(ProcessRunner.Ending.EXITED);
    }

    @Test
    void aMissingProgramIsReportedNotThrown() throws Exception {
        ProcessRunner.Result result = runner(1).run(invocation(List.of(dir.resolve("absent").toString())), Map.of(),
                after(Duration.ofSeconds(10)));

        assertThat(result.ending()).isEqualTo(ProcessRunner.Ending.NOT_STARTED);
        assertThat(result.error()).contains("absent");
    }
}
