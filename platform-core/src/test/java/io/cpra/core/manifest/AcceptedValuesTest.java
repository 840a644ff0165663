package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cpra.core.manifest.Manifests.base;
import static io.cpra.core.manifest.Manifests.insertAfter;
import static io.cpra.core.manifest.Manifests.valid;
import static org.assertj.core.api.Assertions.assertThat;

/** What the schema accepts, and the defaults it fills in. */
class AcceptedValuesTest {

    @ParameterizedTest(name = "enabled: {0}")
    @CsvSource({"true,true", "false,false", "yes,true", "no,false", "on,true", "off,false", "Yes,true", "OFF,false",
            "True,true", "FALSE,false"})
    void booleansIncludeYaml11Words(String written, boolean expected) {
        MonitorDefinition m = valid(insertAfter(2, "    enabled: " + written)).get(0);
        assertThat(m.enabled()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "interval {0} gives timeout {1}")
    @CsvSource({"100ms,100ms", "5s,5s", "10s,10s", "1m,10s", "1h30m,10s", "24h,10s"})
    void timeoutDefaultsToTheShorterOfIntervalAndTenSeconds(String interval, String timeout) {
        MonitorDefinition m = valid(base(5, "      interval: " + interval)).get(0);
        assertThat(m.pulse().interval()).isEqualTo(io.cpra.plugin.api.Durations.parse(interval));
        assertThat(m.pulse().timeout()).isEqualTo(io.cpra.plugin.api.Durations.parse(timeout));
    }

    @Test
    void pulseDefaults() {
        MonitorDefinition m = valid(Manifests.BASE).get(0);
        assertThat(m.enabled()).isTrue();
        assertThat(m.groups()).isEmpty();
        assertThat(m.pulse().unhealthyThreshold()).isEqualTo(1);
        assertThat(m.pulse().healthyThreshold()).isEqualTo(2);
        assertThat(m.intervention()).isEmpty();
        assertThat(m.codes()).isEmpty();
        assertThat(m.pulse().config()).containsExactly(Map.entry("host", "h"), Map.entry("port", 1));
    }

    @Test
    void thresholdAliasesMeanTheSame() {
        assertThat(valid(insertAfter(5, "      max_failures: 4")).get(0).pulse().unhealthyThreshold()).isEqualTo(4);
        assertThat(valid(insertAfter(5, "      unhealthy_threshold: 4")).get(0).pulse().unhealthyThreshold()).isEqualTo(4);
    }

    @Test
    void groupsFromMonitorAndPulseAreMergedWithoutRepeats() {
        String yaml = insertAfter(5, "      groups: [b, c]").replace("  - name: m1", "  - name: m1\n    groups: [a, b]");
        assertThat(valid(yaml).get(0).groups()).containsExactly("a", "b", "c");
    }

    @Test
    void interventionDefaultsAndConfigSpelling() {
        MonitorDefinition m = valid(insertAfter(5, "      healthy_threshold: 4") + """
                    intervention:
                      action: webhook
                      config: {url: http://x}
                """).get(0);
        MonitorDefinition.Intervention i = m.intervention().orElseThrow();
        assertThat(i.attempts()).isEqualTo(1);
        assertThat(i.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(i.backoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(i.verify()).isEqualTo(4);
        assertThat(i.configKey()).isEqualTo("config");
        assertThat(i.configPath()).isEqualTo("intervention.config");
        assertThat(i.config()).containsExactly(Map.entry("url", "http://x"));
    }

    @Test
    void interventionValuesAsWritten() {
        MonitorDefinition.Intervention i = valid(Manifests.BASE + """
                    intervention:
                      action: webhook
                      max_failures: 3
                      timeout: 90s
                      backoff: 0s
                      verify: 5
                      target: {url: u}
                """).get(0).intervention().orElseThrow();
        assertThat(i).isEqualTo(new MonitorDefinition.Intervention("webhook", 3, Duration.ofSeconds(90), Duration.ZERO,
                5, "target", Map.of("url", "u")));
    }

    @Test
    void codesWithCooldownAndDispatch() {
        Map<Colour, MonitorDefinition.Code> codes = valid(Manifests.BASE + """
                    codes:
                      gray: {notify: log, config: {file: g}}
                      red:
                        dispatch: off
                        notify: webhook
                        cooldown: 15m
                        config: {url: u}
                """).get(0).codes();
        assertThat(codes.keySet()).containsExactly(Colour.RED, Colour.GRAY);
        assertThat(codes.get(Colour.RED)).isEqualTo(new MonitorDefinition.Code(Colour.RED, false, "webhook",
                Optional.of(Duration.ofMinutes(15)), Map.of("url", "u")));
        assertThat(codes.get(Colour.GRAY).dispatch()).isTrue();
        assertThat(codes.get(Colour.GRAY).cooldown()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void configValuesKeepTheirYamlTypes() {
        MonitorDefinition m = valid("""
                monitors:
                  - name: "web:api@eu/1.x_y-z"
                    pulse:
                      type: http
                      interval: 1s
                      config:
                        url: "http://h"
                        method: on
                        expected_status: 0x1F
                        retries: 3
                        headers: [a, 1, true]
                        tls: {verify: yes}
                """).get(0);
        assertThat(m.name()).isEqualTo("web:api@eu/1.x_y-z");
        assertThat(m.pulse().config()).containsEntry("method", "on").containsEntry("expected_status", 31)
                .containsEntry("retries", 3).containsEntry("tls", Map.of("verify", "yes"));
        assertThat((List<Object>) m.pulse().config().get("headers")).containsExactly("a", 1, true);
    }

    @Test
    void anEmptyConfigMeansNoSettings() {
        ManifestResult result = Manifests.read("""
                monitors:
                  - name: m
                    pulse:
                      type: tcp
                      interval: 1s
                      config:
                """);
        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:6:7: monitor \"m\": pulse.config.host: required key is missing",
                "m.yaml:6:7: monitor \"m\": pulse.config.port: required key is missing");
    }

    @Test
    void manifestWithNoMonitorsIsValidWithAWarning() {
        ManifestResult result = Manifests.read("monitors: []\n");
        assertThat(result.ok()).isTrue();
        assertThat(result.monitors()).isZero();
        assertThat(result.describe()).startsWith("0 monitors in ")
                .endsWith("\nwarning: m.yaml: monitors: the manifest defines no monitors; nothing will be checked");
    }
}
