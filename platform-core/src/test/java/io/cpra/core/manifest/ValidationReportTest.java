package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation reports every independent error once, in reading order, with a position that
 * names the place: plugin blocks are checked even when other keys are wrong, a typo is one
 * error, an empty manifest warns, and unreadable files say why and where.
 */
class ValidationReportTest {

    /** A pulse whose prepare checks more than its declared types, as plugins do. */
    private static final PluginDescriptor GREP = PluginDescriptor.of("grep", "a word in a file",
            ConfigKey.optional("ignore_case", ValueType.BOOLEAN, "false", "ignore case"),
            ConfigKey.required("word", ValueType.STRING, "the word"));
    private static final PluginCatalog CATALOG = PluginCatalog.of(List.of(GREP, TestCatalog.TCP), List.of(),
            List.of(TestCatalog.LOG));

    /** What the plugins' prepare would refuse, read through PluginConfig as a plugin reads it. */
    private static final BlockTrial PREPARE = (family, type, monitor, path, config) -> {
        PluginConfig block = PluginConfig.of(monitor, path, config);
        try {
            if (type.equals("grep")) {
                block.bool("ignore_case", false);
                if (block.string("word").isBlank()) {
                    throw block.error("word", "the word must not be blank");
                }
            } else if (type.equals("tcp")) {
                long port = block.integer("port");
                if (port < 1 || port > 65535) {
                    throw block.error("port", "a port is between 1 and 65535, got " + port);
                }
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e);
        }
    };

    @TempDir
    Path folder;

    private static ManifestReader reader() {
        return ManifestReader.builder(CATALOG).trial(PREPARE).build();
    }

    private static List<String> errors(String yaml) {
        return reader().readString("m.yaml", yaml, m -> { }).errors().stream().map(ManifestError::toString).toList();
    }

    private List<String> fileErrors(byte[] bytes) throws Exception {
        Path file = folder.resolve("m.yaml");
        Files.write(file, bytes);
        return reader().read(file, m -> { }).errors().stream()
                .map(e -> e.toString().replace(folder.toString(), "")).toList();
    }

    @Test
    void aTypeErrorInAPluginBlockDoesNotHideThePluginsOtherErrors() {
        assertThat(errors("""
                monitors:
                  - name: g
                    pulse: {type: grep, interval: 5s, config: {ignore_case: maybe, word: "  "}}
                """)).containsExactly(
                "m.yaml:3:48: monitor \"g\": pulse.config.ignore_case: expected true or false, got \"maybe\"",
                "m.yaml:3:68: monitor \"g\": pulse.config.word: the word must not be blank");
    }

    @Test
    void aCoreErrorDoesNotSkipThePluginBlock() {
        assertThat(errors("""
                monitors:
                  - name: t
                    pulse_check:
                      type: tcp
                      interval: 0s
                      config: {host: h, port: 70000}
                """)).containsExactly(
                "m.yaml:5:7: monitor \"t\": pulse_check.interval: the interval must be between 100ms and 24h, got 0s",
                "m.yaml:6:25: monitor \"t\": pulse_check.config.port: a port is between 1 and 65535, got 70000");
    }

    @Test
    void errorsComeInLineThenColumnOrder() {
        List<String> found = errors("""
                monitors:
                  - name: a
                    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}
                  - name: a
                    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}
                    codes: {purple: {notify: log}}
                """);

        assertThat(found).containsExactly(
                "m.yaml:4:5: monitor \"a\": name: duplicate monitor name \"a\"; first defined at line 2, column 5",
                "m.yaml:6:13: monitor \"a\": codes.purple: unknown colour \"purple\"; colours: yellow, red, cyan, green,"
                        + " gray (and groups)");
    }

    @Test
    void aKeyTypoIsOneErrorWithDidYouMean() {
        assertThat(errors("""
                monitors:
                  - name: t
                    pulse_check:
                      type: tcp
                      intervall: 5s
                      config: {hots: h, port: 1}
                """)).containsExactly(
                "m.yaml:5:7: monitor \"t\": pulse_check.intervall: unknown key \"intervall\" (did you mean \"interval\"?);"
                        + " accepted keys: type, interval, timeout, max_failures, unhealthy_threshold, healthy_threshold,"
                        + " groups, config",
                "m.yaml:6:16: monitor \"t\": pulse_check.config.hots: unknown key (did you mean \"host\"?); accepted keys:"
                        + " host, port, retries");
        assertThat(errors("""
                monitors:
                  - nmae: t
                    pulse_chek: {type: tcp, interval: 5s}
                """)).hasSize(2).allSatisfy(e -> assertThat(e).contains("did you mean"));
    }

    @Test
    void aManifestWithoutMonitorsWarnsAndPasses() {
        ManifestResult result = reader().readString("m.yaml", "monitors: []\n", m -> { });

        assertThat(result.ok()).isTrue();
        assertThat(result.warnings()).extracting(ManifestError::toString)
                .containsExactly("m.yaml: monitors: the manifest defines no monitors; nothing will be checked");
        assertThat(result.describe()).startsWith("0 monitors in ")
                .endsWith("\nwarning: m.yaml: monitors: the manifest defines no monitors; nothing will be checked");
    }

    @Test
    void aBinaryFileNamesTheEncodingProblemWithItsByteOffset() throws Exception {
        byte[] bytes = "monitors:\n  - name: caf\u00e9\u0000".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(fileErrors(bytes)).containsExactly("/m.yaml:2:14: name: the manifest is not valid UTF-8 text: byte 0xE9"
                + " at byte offset 23 cannot be decoded (is it a binary file?)");
    }

    @Test
    void aNulByteIsReportedWhereItIs() throws Exception {
        byte[] bytes = "monitors:\n  - name: a\u0000b\n".getBytes(StandardCharsets.UTF_8);

        assertThat(fileErrors(bytes)).singleElement().asString()
                .startsWith("/m.yaml:2:12: the manifest holds the character U+0000 (NUL: is it a binary file?)");
        assertThat(errors("monitors:\n  - name: a\u0000b\n")).singleElement().asString().startsWith("m.yaml:2:12: ");
    }

    @Test
    void aDirectoryIsRefusedAsADirectory() {
        ManifestResult result = reader().read(folder, m -> { });

        assertThat(result.errors()).extracting(ManifestError::toString)
                .containsExactly(folder + ": is a directory, not a manifest file");
    }

    @Test
    void anUnsupportedYamlVersionIsNamedAsAVersion() {
        assertThat(errors("%YAML 99.9\n---\nmonitors: []\n")).singleElement().asString()
                .contains("99.9").doesNotContain("Version{");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedByItsSizeWithoutBeingRead() throws Exception {
        Path huge = folder.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(1_100_000_000L);  // sparse: no byte of it is written or read
        }
        List<MonitorDefinition> seen = new ArrayList<>();

        ManifestResult result = ManifestReader.builder(CATALOG).limits(ManifestLimits.DEFAULTS.withMaxBytes(1 << 28))
                .build().read(huge, seen::add);

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(huge
                + ": the manifest is 1100000000 bytes, larger than the limit of 268435456 bytes (limit maxBytes,"
                + " cpra.manifest-limits.max-bytes)");
        assertThat(seen).isEmpty();
    }
}
