package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.PluginConfig;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-off to the next stage: errors it reports, positions it asks for, progress, threads. */
class HandOffTest {

    private static final String TWO = Manifests.BASE + """
              - name: m2
                pulse: {type: tcp, interval: 1s, config: {host: h, port: 2}}
            """;

    @Test
    void aConfigExceptionFromTheConsumerIsPositionedAtItsKey() {
        List<String> seen = new ArrayList<>();
        ManifestResult result = Manifests.read(TWO, List.of(), m -> {
            seen.add(m.name());
            PluginConfig config = PluginConfig.of(m.name(), m.pulse().configPath(), m.pulse().config());
            if (config.integer("port") == 1) {
                throw config.error("port", "port 1 is reserved");
            }
        });
        assertThat(seen).containsExactly("m1", "m2");
        assertThat(result.errors()).extracting(ManifestError::toString)
                .containsExactly("m.yaml:8:9: monitor \"m1\": pulse_check.config.port: port 1 is reserved");
        assertThat(result.ok()).isFalse();
        assertThat(result.monitors()).isEqualTo(1);
    }

    @Test
    void theConsumerMayRejectSeveralProblems() {
        ManifestResult result = Manifests.read(TWO, List.of(), m -> {
            m.reject(new ConfigException(m.name(), "pulse_check.config.host", "cannot resolve"));
            m.reject(new ConfigException(m.name(), "pulse.interval", "too fast for this plugin"));
        });
        // in reading order, whatever order they were found in
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:2:5: monitor \"m1\": pulse.interval: too fast for this plugin",
                "m.yaml:7:9: monitor \"m1\": pulse_check.config.host: cannot resolve",
                "m.yaml:9:5: monitor \"m2\": pulse_check.config.host: cannot resolve",
                "m.yaml:10:24: monitor \"m2\": pulse.interval: too fast for this plugin");
        assertThat(result.monitors()).isZero();
    }

    @Test
    void positionsLiveOnlyWhileTheMonitorIsConsumed() {
        List<MonitorDefinition> kept = new ArrayList<>();
        List<ManifestPosition> during = new ArrayList<>();
        Manifests.read(Manifests.BASE, List.of(), m -> {
            during.add(m.positionOf("pulse_check.config.port"));
            during.add(m.positionOf("pulse_check.config.nothing.deeper"));
            during.add(m.positionOf("codes.red"));
            kept.add(m);
        });
        assertThat(during).containsExactly(new ManifestPosition("m.yaml", 8, 9), new ManifestPosition("m.yaml", 6, 7),
                new ManifestPosition("m.yaml", 2, 5));
        MonitorDefinition m = kept.get(0);
        assertThat(m.positionOf("pulse_check.config.port")).isEqualTo(new ManifestPosition("m.yaml", 2, 5));
        assertThat(m.error("pulse_check.config.port", "late").toString())
                .isEqualTo("m.yaml:2:5: monitor \"m1\": pulse_check.config.port: late");
        assertThatThrownBy(() -> m.reject(new ConfigException("m1", "x", "late")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherExceptionFromTheConsumerEndsTheReadAndLeavesNoThread() {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 5_000; i++) {
            yaml.append("  - {name: m").append(i).append(", pulse: {type: tcp, interval: 1s, config: {host: h, port: 1}}}\n");
        }
        ManifestReader reader = ManifestReader.create(TestCatalog.CATALOG);
        assertThatThrownBy(() -> reader.readString("m.yaml", yaml.toString(), m -> {
            if (m.index() == 10) {
                throw new IllegalStateException("staging is full");
            }
        })).hasMessage("staging is full");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("cpra-manifest-parser");
    }

    @Test
    void progressIsReportedEveryNMonitorsAndAtTheEnd() {
        long[] now = {1_000};
        List<String> reports = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 5; i++) {
            yaml.append("  - {name: m").append(i).append(", pulse: {type: tcp, interval: 1s, config: {host: h, port: p}}}\n");
        }
        ManifestResult result = ManifestReader.builder(TestCatalog.CATALOG)
                .clock(() -> now[0] += 1_000_000)
                .progress((monitors, elapsed) -> reports.add(monitors + "@" + elapsed.toMillis()))
                .progressEvery(2)
                .build()
                .readString("m.yaml", yaml.toString(), m -> { });
        // the clock moves 1 ms per reading: start, after 2 and 4 monitors, at the end
        assertThat(reports).containsExactly("2@1", "4@2", "5@3");
        assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(3));
        assertThat(result.errorCount()).isEqualTo(5);
    }

    @Test
    void pipelinedAndInlineReadsAgree() {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 2_000; i++) {
            String port = i % 7 == 0 ? "x" : String.valueOf(i);
            yaml.append("  - {name: m").append(i % 1_500).append(", pulse: {type: tcp, interval: 1s, config: {host: h, port: ")
                    .append(port).append("}}}\n");
        }
        List<String> pipelinedNames = new ArrayList<>();
        List<String> inlineNames = new ArrayList<>();
        ManifestResult pipelined = ManifestReader.builder(TestCatalog.CATALOG).pipelined(true).build()
                .readString("m.yaml", yaml.toString(), m -> pipelinedNames.add(m.name()));
        ManifestResult inline = ManifestReader.builder(TestCatalog.CATALOG).pipelined(false).build()
                .readString("m.yaml", yaml.toString(), m -> inlineNames.add(m.name()));
        assertThat(pipelined.errors()).isEqualTo(inline.errors()).isNotEmpty();
        assertThat(pipelinedNames).isEqualTo(inlineNames).hasSize(1_500 - 1_500 / 7 - 1);
        assertThat(pipelined.monitors()).isEqualTo(inline.monitors());
    }

    @Test
    void aMissingFileIsAnError() {
        ManifestResult result = ManifestReader.create(TestCatalog.CATALOG)
                .read(java.nio.file.Path.of("no-such-dir", "monitors.yaml"), m -> { });
        assertThat(result.errors()).extracting(ManifestError::toString)
                .containsExactly(java.nio.file.Path.of("no-such-dir", "monitors.yaml") + ": no such file");
    }

    @Test
    void singleMonitorFromYamlOrJson() {
        ManifestReader reader = ManifestReader.create(TestCatalog.CATALOG);
        List<MonitorDefinition> seen = new ArrayList<>();
        ManifestResult json = reader.readMonitor("request body", new StringReader("""
                {"name": "api-1", "pulse": {"type": "tcp", "interval": "5s", "config": {"host": "h", "port": 80}}}
                """), seen::add);
        assertThat(json.ok()).isTrue();
        assertThat(seen).extracting(MonitorDefinition::name).containsExactly("api-1");
        assertThat(seen.get(0).pulse().config()).containsEntry("port", 80);

        ManifestResult yaml = reader.readMonitor("request body", new StringReader("""
                pulse:
                  type: tcp
                  interval: 50ms
                  config: {host: h, port: 80}
                """), m -> { });
        assertThat(yaml.errors()).extracting(ManifestError::toString).containsExactly(
                "request body:1:1: name: required key \"name\" is missing",
                "request body:3:3: pulse.interval: the interval must be between 100ms and 24h, got 50ms");
    }

    @Test
    void singleMonitorAlreadyParsed() {
        ManifestResult result = ManifestReader.create(TestCatalog.CATALOG).validateMonitor("request body",
                Map.of("name", "api-1", "pulse", Map.of("type", "tcp", "interval", "5s",
                        "config", Map.of("host", "h", "port", "eighty"))), m -> { });
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "request body: monitor \"api-1\": pulse.config.port: expected a whole number, got \"eighty\"");
        assertThat(result.errors().get(0).position().known()).isFalse();
    }
}
