package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The original CPRA manifest, copied unchanged from the compat folder, loads with CPRA's meaning. */
class CompatManifestTest {

    private final List<MonitorDefinition> monitors = new ArrayList<>();
    private ManifestResult result;

    private Map<String, MonitorDefinition> load() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("cpra-manifest.yaml")) {
            result = ManifestReader.create(TestCatalog.CATALOG).read("cpra-manifest.yaml", in, monitors::add);
        }
        assertThat(result.errors()).isEmpty();
        Map<String, MonitorDefinition> byName = new java.util.LinkedHashMap<>();
        monitors.forEach(m -> byName.put(m.name(), m));
        return byName;
    }

    @Test
    void loadsEveryMonitorInOrder() throws Exception {
        Map<String, MonitorDefinition> byName = load();
        assertThat(byName).containsOnlyKeys("checkout-api", "orders-db", "edge-router", "search-api", "legacy-batch");
        assertThat(monitors).extracting(MonitorDefinition::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.ok()).isTrue();
        assertThat(result.monitors()).isEqualTo(5);
        assertThat(result.disabled()).isEqualTo(1);
        assertThat(result.pulseTypes()).containsExactly(Map.entry("http", 2L), Map.entry("icmp", 1L),
                Map.entry("tcp", 2L));
        assertThat(result.interventionTypes()).containsExactly(Map.entry("docker", 1L));
        assertThat(result.codeTypes()).containsEntry("log", 6L).containsEntry("slack", 2L)
                .containsEntry("pagerduty", 1L);
    }

    @Test
    void pulseCheckWithMaxFailuresAndGroupsInsidePulse() throws Exception {
        MonitorDefinition checkout = load().get("checkout-api");
        assertThat(checkout.enabled()).isTrue();
        assertThat(checkout.groups()).containsExactly("payments", "tier-1");
        MonitorDefinition.Pulse pulse = checkout.pulse();
        assertThat(pulse.key()).isEqualTo("pulse_check");
        assertThat(pulse.configPath()).isEqualTo("pulse_check.config");
        assertThat(pulse.type()).isEqualTo("http");
        assertThat(pulse.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pulse.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(pulse.unhealthyThreshold()).isEqualTo(3);
        assertThat(pulse.healthyThreshold()).isEqualTo(2);
        assertThat(pulse.config()).containsExactly(Map.entry("method", "GET"),
                Map.entry("url", "http://127.0.0.1:18080/health"), Map.entry("retries", 2),
                Map.entry("headers", List.of("Accept: application/json")));
    }

    @Test
    void interventionTargetAndRetries() throws Exception {
        MonitorDefinition.Intervention intervention = load().get("checkout-api").intervention().orElseThrow();
        assertThat(intervention.type()).isEqualTo("docker");
        assertThat(intervention.attempts()).isEqualTo(2);
        assertThat(intervention.configKey()).isEqualTo("target");
        assertThat(intervention.configPath()).isEqualTo("intervention.target");
        assertThat(intervention.config()).containsExactly(Map.entry("type", "container"),
                Map.entry("container", "checkout-api"), Map.entry("timeout", "20s"));
        assertThat(intervention.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(intervention.backoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(intervention.verify()).isEqualTo(2);
    }

    @Test
    void codesWithDispatchDefaultingToTrue() throws Exception {
        Map<String, MonitorDefinition> byName = load();
        Map<Colour, MonitorDefinition.Code> codes = byName.get("checkout-api").codes();
        assertThat(codes.keySet()).containsExactly(Colour.YELLOW, Colour.RED, Colour.CYAN, Colour.GREEN);
        assertThat(codes.get(Colour.CYAN).dispatch()).isTrue();
        assertThat(codes.get(Colour.CYAN).type()).isEqualTo("slack");
        assertThat(codes.get(Colour.CYAN).cooldown()).isEmpty();
        assertThat(codes.get(Colour.RED).config()).containsExactly(Map.entry("url", "http://127.0.0.1:18090/v2/enqueue"));
        assertThat(codes.get(Colour.RED).configPath()).isEqualTo("codes.red.config");
        assertThat(byName.get("orders-db").codes().get(Colour.YELLOW).dispatch()).isFalse();
        assertThat(byName.get("search-api").codes().get(Colour.GRAY).type()).isEqualTo("log");
    }

    @Test
    void pulseSpellingWithBothThresholds() throws Exception {
        MonitorDefinition search = load().get("search-api");
        assertThat(search.pulse().key()).isEqualTo("pulse");
        assertThat(search.pulse().unhealthyThreshold()).isEqualTo(2);
        assertThat(search.pulse().healthyThreshold()).isEqualTo(3);
        assertThat(search.pulse().config()).containsEntry("expected_status", 200);
        assertThat(search.intervention()).isEmpty();
        assertThat(search.groups()).isEmpty();
    }

    @Test
    void disabledMonitorIsKeptWithDefaults() throws Exception {
        MonitorDefinition legacy = load().get("legacy-batch");
        assertThat(legacy.enabled()).isFalse();
        assertThat(legacy.pulse().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(legacy.pulse().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(legacy.pulse().unhealthyThreshold()).isEqualTo(1);
        assertThat(legacy.codes()).isEmpty();
        assertThat(legacy.position()).isEqualTo(new ManifestPosition("cpra-manifest.yaml", 113, 5));
    }

    @Test
    void icmpBooleanAndPositionsWhileConsumed() throws Exception {
        List<Optional<ManifestPosition>> seen = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("cpra-manifest.yaml")) {
            ManifestReader.create(TestCatalog.CATALOG).read("cpra-manifest.yaml", in, m -> {
                if (m.name().equals("edge-router")) {
                    seen.add(Optional.of(m.positionOf("pulse_check.config.ignore_privilege")));
                    seen.add(Optional.of(m.positionOf("pulse_check.config.missing")));
                    assertThat(m.pulse().config()).containsEntry("ignore_privilege", true);
                    monitors.add(m);
                }
            });
        }
        assertThat(seen).containsExactly(Optional.of(new ManifestPosition("cpra-manifest.yaml", 79, 9)),
                Optional.of(new ManifestPosition("cpra-manifest.yaml", 76, 7)));
        // once the consumer has returned, the position table is gone and paths fall back to the monitor
        assertThat(monitors.get(0).positionOf("pulse_check.config.ignore_privilege"))
                .isEqualTo(new ManifestPosition("cpra-manifest.yaml", 70, 5));
    }
}
