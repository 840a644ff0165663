package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.cpra.core.manifest.Manifests.valid;
import static org.assertj.core.api.Assertions.assertThat;

/** Anchors, aliases and merge keys, as CPRA users write them. */
class AnchorsTest {

    private static final String SHARED = """
            monitors:
              - name: a
                pulse_check: &tcp
                  type: tcp
                  interval: 5s
                  max_failures: 3
                  config: &endpoint
                    host: db
                    port: 5432
                codes: &codes
                  red: {notify: log, config: {file: red.log}}
              - name: b
                pulse_check:
                  <<: *tcp
                  interval: 10s
                codes: *codes
              - name: c
                pulse_check: *tcp
                codes:
                  <<: *codes
                  green: {notify: log, config: {file: green.log}}
            """;

    @Test
    void mergeKeysTakeDefaultsAndKeysWrittenWin() {
        List<MonitorDefinition> monitors = valid(SHARED);
        MonitorDefinition b = monitors.get(1);
        assertThat(b.pulse().type()).isEqualTo("tcp");
        assertThat(b.pulse().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(b.pulse().unhealthyThreshold()).isEqualTo(3);
        assertThat(b.pulse().config()).containsExactly(Map.entry("host", "db"), Map.entry("port", 5432));
        MonitorDefinition c = monitors.get(2);
        assertThat(c.pulse().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.codes().keySet()).containsExactly(Colour.RED, Colour.GREEN);
    }

    @Test
    void blocksSharedThroughAnAliasAreSharedValues() {
        List<MonitorDefinition> monitors = valid(SHARED);
        // one immutable map for every monitor that uses the anchored block: memory stays flat
        assertThat(monitors.get(1).pulse().config()).isSameAs(monitors.get(0).pulse().config());
        assertThat(monitors.get(1).codes().get(Colour.RED).config())
                .isSameAs(monitors.get(0).codes().get(Colour.RED).config());
    }

    @Test
    void mergeOfSeveralMapsFirstListedWins() {
        MonitorDefinition m = valid("""
                monitors:
                  - name: a
                    pulse: {type: tcp, interval: 1s, config: &x {host: x, port: 1}}
                  - name: b
                    pulse:
                      type: tcp
                      interval: 1s
                      config:
                        <<: [*x, {host: y, retries: 2}]
                        port: 2
                """).get(1);
        assertThat(m.pulse().config()).containsExactly(Map.entry("port", 2), Map.entry("host", "x"),
                Map.entry("retries", 2));
    }

    @Test
    void errorsInAnAliasedBlockPointAtTheAnchor() {
        ManifestResult result = Manifests.read("""
                monitors:
                  - name: a
                    pulse_check: &p
                      type: tcp
                      interval: 1s
                      config: {host: h, port: x}
                  - name: b
                    pulse_check: *p
                """);
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:6:25: monitor \"a\": pulse_check.config.port: expected a whole number, got \"x\"",
                "m.yaml:6:25: monitor \"b\": pulse_check.config.port: expected a whole number, got \"x\"");
    }

    @Test
    void anchorsMayBeRedefined() {
        List<MonitorDefinition> monitors = valid("""
                monitors:
                  - name: a
                    pulse: &p {type: tcp, interval: 1s, config: {host: a, port: 1}}
                  - name: b
                    pulse: &p {type: tcp, interval: 2s, config: {host: b, port: 1}}
                  - name: c
                    pulse: *p
                """);
        assertThat(monitors.get(2).pulse().interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anchoredScalarsAndKeys() {
        MonitorDefinition m = valid("""
                monitors:
                  - name: &n a
                    groups: [*n]
                    pulse: {type: tcp, interval: &i 1s, timeout: *i, config: {host: *n, port: 1}}
                """).get(0);
        assertThat(m.groups()).containsExactly("a");
        assertThat(m.pulse().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(m.pulse().config()).containsEntry("host", "a");
    }
}
