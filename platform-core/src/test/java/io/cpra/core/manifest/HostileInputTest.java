package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs built to exhaust memory or time end in one clear, positioned error. The timeouts only
 * guard against a hang (a failure mode of these inputs); they assert nothing about speed.
 */
@Timeout(60)
class HostileInputTest {

    private static ManifestResult read(ManifestLimits limits, String yaml) {
        return ManifestReader.builder(TestCatalog.CATALOG).limits(limits).build().readString("m.yaml", yaml, m -> { });
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("""
                monitors:
                  - name: lol
                    pulse:
                      type: tcp
                      interval: 1s
                      config:
                        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
                """);
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            StringJoiner refs = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < 10; i++) {
                refs.add("*" + previous);
            }
            yaml.append("        ").append(c).append(": &").append(c).append(' ').append(refs).append('\n');
            previous = c;
        }
        return yaml.toString();
    }

    @Test
    void billionLaughsStopsAtTheMonitorBound() {
        ManifestResult result = read(ManifestLimits.DEFAULTS, billionLaughs());
        assertThat(result.errors()).hasSize(1);
        ManifestError error = result.errors().get(0);
        // e: &e [*d x 10]: each *d stands for 1,111 nodes, so the bound of 100,000 falls inside e's list
        assertThat(error.position().line()).isEqualTo(11);
        assertThat(error.monitor()).isEqualTo("lol");
        assertThat(error.path()).startsWith("pulse.config.e[");
        assertThat(error.message()).isEqualTo("the monitor holds more than 100000 nodes with its aliases expanded "
                + "(limit maxMonitorNodes)");
    }

    @Test
    void totalAliasExpansionIsBounded() {
        ManifestResult result = read(ManifestLimits.DEFAULTS.withMaxAliasExpansion(30), """
                monitors:
                  - name: a
                    pulse: &p {type: tcp, interval: 1s, config: {host: h, port: 1}}
                  - name: b
                    pulse: *p
                  - name: c
                    pulse: *p
                  - name: d
                    pulse: *p
                """);
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:9:12: monitor \"d\": pulse: aliases expand to more than 30 nodes in total (limit "
                        + "maxAliasExpansion); *p alone stands for 11");
    }

    @Test
    void deepNestingStopsAtTheDepthBound() {
        String yaml = "monitors:\n  - name: deep\n    pulse: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        ManifestResult result = read(ManifestLimits.DEFAULTS, yaml);
        assertThat(result.errors()).hasSize(1);
        ManifestError error = result.errors().get(0);
        // top map 1, monitors 2, the monitor 3, then the lists: the 62nd bracket is level 65
        assertThat(error.position()).isEqualTo(new ManifestPosition("m.yaml", 3, 12 + 61));
        assertThat(error.message()).isEqualTo("maps and lists are nested deeper than 64 levels (limit maxDepth)");
        assertThat(error.monitor()).isEqualTo("deep");
    }

    @Test
    void deepBlockNesting() {
        StringBuilder yaml = new StringBuilder("monitors:\n  - name: deep\n    pulse:\n");
        for (int i = 0; i < 100; i++) {
            yaml.append("  ".repeat(i + 3)).append("k").append(i).append(":\n");
        }
        yaml.append("  ".repeat(103)).append("end\n");
        ManifestResult result = read(ManifestLimits.DEFAULTS.withMaxDepth(10), yaml.toString());
        assertThat(result.errors()).extracting(ManifestError::message)
                .containsExactly("maps and lists are nested deeper than 10 levels (limit maxDepth)");
        assertThat(result.errors().get(0).path()).isEqualTo("pulse.k0.k1.k2.k3.k4.k5.k6");
    }

    @Test
    void characterBound() {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 1_000; i++) {
            yaml.append("  - {name: m").append(i).append(", pulse: {type: tcp, interval: 1s, config: {host: h, port: 1}}}\n");
        }
        List<MonitorDefinition> seen = new ArrayList<>();
        ManifestResult result = ManifestReader.builder(TestCatalog.CATALOG)
                .limits(ManifestLimits.DEFAULTS.withMaxCodePoints(20_000)).build()
                .readString("m.yaml", yaml.toString(), seen::add);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).message())
                .startsWith("the manifest is longer than the limit of characters (maxCodePoints)");
        assertThat(result.errors().get(0).position().line()).isBetween(200, 300);
        assertThat(seen).isNotEmpty();
    }

    @Test
    void endlessStreamStopsAtTheByteBound() {
        InputStream endless = new InputStream() {
            private final byte[] head = "monitors:\n".getBytes(StandardCharsets.UTF_8);
            private byte[] current = head;
            private int at;
            private int count;

            @Override
            public int read() {
                if (at == current.length) {
                    current = ("  - {name: m" + count++ + ", pulse: {type: tcp, interval: 1s, config: {host: h, port: 1}}}\n")
                            .getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                return current[at++] & 0xFF;
            }
        };
        ManifestResult result = ManifestReader.builder(TestCatalog.CATALOG)
                .limits(ManifestLimits.DEFAULTS.withMaxBytes(1_000_000)).build()
                .read("stdin", endless, m -> { });
        assertThat(result.errors()).extracting(ManifestError::message)
                .containsExactly("the manifest is larger than 1000000 bytes (limit maxBytes)");
        assertThat(result.errors().get(0).position().line()).isGreaterThan(10_000);
    }

    @Test
    void recursiveAliasIsAnErrorNotAHang() {
        ManifestResult result = read(ManifestLimits.DEFAULTS, """
                monitors:
                  - name: r
                    pulse:
                      type: tcp
                      interval: 1s
                      config: &c
                        host: h
                        port: 1
                        self: *c
                """);
        assertThat(result.errors()).extracting(ManifestError::toString).contains(
                "m.yaml:9:15: monitor \"r\": pulse.config.self: the alias *c refers to a node that contains it "
                        + "(recursive aliases are not allowed)");
    }

    @Test
    void everyErrorIsCollectedAndTheListIsBounded() {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 50; i++) {
            yaml.append("  - {name: m").append(i).append(", pulse: {type: tcp, interval: 1x, config: {host: h, port: p}}}\n");
        }
        ManifestResult all = read(ManifestLimits.DEFAULTS, yaml.toString());
        assertThat(all.errorCount()).isEqualTo(100);
        assertThat(all.errors()).hasSize(100);
        assertThat(all.errors().get(0).toString()).startsWith("m.yaml:2:35: monitor \"m0\": pulse.interval: ");
        assertThat(all.errors().get(1).toString()).startsWith("m.yaml:2:67: monitor \"m0\": pulse.config.port: ");
        assertThat(all.errors().get(99).monitor()).isEqualTo("m49");

        ManifestResult bounded = read(ManifestLimits.DEFAULTS.withMaxErrors(10), yaml.toString());
        assertThat(bounded.errorCount()).isEqualTo(100);
        assertThat(bounded.errors()).hasSize(10);
        assertThat(bounded.describe()).contains("... and 90 more errors\n100 errors; nothing was applied");
    }

    @Test
    void duplicateNamesReportBothPlaces() {
        ManifestResult result = Manifests.read(Manifests.BASE + """
                  - name: other
                    pulse: {type: tcp, interval: 1s, config: {host: h, port: 1}}
                  - name: m1
                    pulse: {type: tcp, interval: 1s, config: {host: h, port: 1}}
                """);
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:11:5: monitor \"m1\": name: duplicate monitor name \"m1\"; first defined at line 2, column 5");
        assertThat(result.monitors()).isEqualTo(2);
    }
}
