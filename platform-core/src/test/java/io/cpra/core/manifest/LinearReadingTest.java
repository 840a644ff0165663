package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile files are refused by bounds on bytes, not by running out of memory: a scalar that never
 * ends, text multiplied by aliases. The files are written to a temporary folder and the limits
 * scaled down, so that the same refusals happen in a test's time and heap.
 */
class LinearReadingTest {

    @TempDir
    Path folder;

    private ManifestResult read(Path file, ManifestLimits limits) {
        return ManifestReader.builder(TestCatalog.CATALOG).limits(limits).build().read(file, m -> { });
    }

    private Path write(String head, String repeated, long times, String tail) throws IOException {
        Path file = folder.resolve("hostile.yaml");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(head);
            for (long i = 0; i < times; i++) {
                out.write(repeated);
            }
            out.write(tail);
        }
        return file;
    }

    @Test
    void anUnterminatedQuotedScalarIsRefusedAtTheScalarBoundWithItsPosition() throws IOException {
        // 8 MB of a quote that never closes, against a bound of 64 Ki characters
        Path file = write("monitors:\n  - name: \"", "x".repeat(1023) + "\n", 8 * 1024, "");

        ManifestResult result = read(file, ManifestLimits.DEFAULTS.withMaxScalarLength(1 << 16));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(file + ":2:5: name: a scalar"
                + " is longer than 65536 characters (limit maxScalarLength, cpra.manifest-limits.max-scalar-length);"
                + " is a quote left open?");
    }

    @Test
    void aLongPlainLineIsRefusedAtTheScalarBoundToo() throws IOException {
        Path file = write("monitors:\n  - name: ", "y".repeat(1024), 4 * 1024, "\n");

        ManifestResult result = read(file, ManifestLimits.DEFAULTS.withMaxScalarLength(1 << 16));

        assertThat(result.errors()).singleElement().asString().startsWith(file + ":2:5: name: a scalar is longer than 65536");
    }

    @Test
    void textMultipliedByAliasesIsBoundedByItsLengthNotItsNodes() throws IOException {
        // one 200 Ki-character string aliased into 100 monitors: 20 Mi characters from 100 nodes
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            tail.append("  - name: m").append(i).append("\n    groups: [*big]\n")
                    .append("    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}\n");
        }
        Path file = write("monitors:\n  - name: first\n    groups: [&big \"", "z".repeat(1024), 200,
                "\"]\n    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}\n" + tail);

        ManifestResult result = read(file, ManifestLimits.DEFAULTS.withMaxScalarLength(1 << 20).withMaxAliasText(1 << 20));

        assertThat(result.errors()).singleElement().asString()
                .contains("aliases expand to more than 1048576 characters of text in total (limit maxAliasText,"
                        + " cpra.manifest-limits.max-alias-text); *big alone stands for 204800");
    }

    @Test
    void theSameFilesLoadUnderLimitsThatAllowThem() throws IOException {
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            tail.append("  - name: m").append(i).append("\n    groups: [*big]\n")
                    .append("    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}\n");
        }
        Path file = write("monitors:\n  - name: first\n    groups: [&big \"", "z".repeat(1024), 200,
                "\"]\n    pulse_check: {type: tcp, interval: 5s, config: {host: h, port: 1}}\n" + tail);
        List<MonitorDefinition> seen = new ArrayList<>();

        ManifestResult result = ManifestReader.builder(TestCatalog.CATALOG).build().read(file, seen::add);

        assertThat(result.errors()).isEmpty();
        assertThat(seen).hasSize(4).allSatisfy(m -> assertThat(m.groups().get(0)).hasSize(204_800));
    }
}
