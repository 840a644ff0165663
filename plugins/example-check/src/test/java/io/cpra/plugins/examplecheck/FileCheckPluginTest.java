package io.cpra.plugins.examplecheck;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.testkit.Deadlines;
import io.cpra.plugin.testkit.PluginTester;
import io.cpra.plugin.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCheckPluginTest {

    private static final Deadline LATER = Deadlines.generous();

    @TempDir
    Path home;

    private final FileCheckPlugin plugin = new FileCheckPlugin();

    private PulseCheck prepare(Map<String, ?> config) {
        return PluginTester.prepare(plugin, TestConfigs.map(config).monitor("backups").path("pulse_check.config").build(),
                PluginContext.of("backups", home));
    }

    @Test
    void freshFileIsHealthy() throws Exception {
        Files.writeString(home.resolve("marker"), "done");

        var outcome = prepare(Map.of("path", "marker", "max_age", "1h")).check(LATER);

        assertThat(outcome.status()).isEqualTo(Status.OK);
        assertThat(outcome.message()).contains("marker").contains("4 bytes");
        assertThat(outcome.detail()).contains("size_bytes=4");
    }

    @Test
    void missingFileIsCritical() throws Exception {
        var outcome = prepare(Map.of("path", "absent")).check(LATER);

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).endsWith("absent does not exist");
    }

    @Test
    void staleFileIsCritical() throws Exception {
        Path marker = Files.writeString(home.resolve("marker"), "done");
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minus(Duration.ofHours(3))));

        var outcome = prepare(Map.of("path", marker.toString(), "max_age", "2h")).check(LATER);

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).contains("older than 2h");
    }

    @Test
    void smallFileIsCritical() throws Exception {
        Files.writeString(home.resolve("dump.sql"), "x");

        var outcome = prepare(Map.of("path", "dump.sql", "min_size", 1024)).check(LATER);

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).contains("smaller than 1024 bytes");
    }

    @Test
    void directoryIsNotAFile() throws IOException, InterruptedException {
        Files.createDirectory(home.resolve("dir"));

        assertThat(prepare(Map.of("path", "dir")).check(LATER).status()).isEqualTo(Status.CRITICAL);
    }

    @Test
    void interruptedCallPropagates() {
        PulseCheck check = prepare(Map.of("path", "marker"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> check.check(LATER)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aPassedDeadlineIsUnknownWithoutReadingTheFile() throws InterruptedException {
        var outcome = prepare(Map.of("path", "marker")).check(Deadlines.expired());

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
        assertThat(outcome.message()).startsWith("deadline passed");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"backups\": pulse_check.config.path: required key is missing");
        assertThat(PluginTester.assertRefused(plugin, TestConfigs.yaml("""
                path: x
                max_age: 0s
                """).build(), "max_age").reason()).isEqualTo("must be positive, got 0s");
        assertThat(PluginTester.assertRefused(plugin, TestConfigs.of("path", "x", "min_size", -1).build(), "min_size")
                .reason()).isEqualTo("must not be negative, got -1");
        assertThat(PluginTester.assertRefused(plugin, TestConfigs.of("path", "x", "max_age", "soon").build(), "max_age")
                .reason()).startsWith("expected a duration");
    }

    @Test
    void descriptorListsEveryKeyTheCheckReadsAndThePathRole() {
        assertThat(plugin.descriptor().type()).isEqualTo("file");
        assertThat(plugin.descriptor().keys()).extracting(k -> k.name())
                .containsExactly("path", "max_age", "min_size");
        assertThat(plugin.descriptor().key("path")).hasValueSatisfying(key -> assertThat(key.roles())
                .containsExactly(KeyRole.READ_PATH));
    }
}
