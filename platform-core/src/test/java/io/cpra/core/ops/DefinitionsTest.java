package io.cpra.core.ops;

import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionsTest {

    private static final PluginCatalog CATALOG = PluginCatalog.of(
            List.of(PluginDescriptor.of("http", "h", ConfigKey.required("url", ValueType.STRING, "u"),
                    ConfigKey.optional("retries", ValueType.INTEGER, "0", "r"))),
            List.of(PluginDescriptor.of("docker", "d", ConfigKey.required("container", ValueType.STRING, "c"))),
            List.of(PluginDescriptor.of("log", "l", ConfigKey.required("file", ValueType.STRING, "f"))));

    private static MonitorDefinition read(String yaml) {
        List<MonitorDefinition> found = new ArrayList<>();
        var result = ManifestReader.create(CATALOG).readString("test", yaml, found::add);
        assertThat(result.ok()).as(result.describe()).isTrue();
        return found.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNormalisedFormSpellsOutEveryDefaultAndValidatesAgain() {
        MonitorDefinition cpraStyle = read("""
                monitors:
                  - name: api
                    pulse_check:
                      type: http
                      interval: 90s
                      max_failures: 3
                      config: {url: "http://x", retries: 2}
                    intervention:
                      action: docker
                      retries: 2
                      target: {container: api}
                    codes:
                      red: {notify: log, config: {file: logs/red.log}}
                """);

        Map<String, Object> normalised = Definitions.normalised(cpraStyle);

        assertThat(normalised).containsEntry("name", "api").containsEntry("enabled", true);
        assertThat((Map<String, Object>) normalised.get("pulse")).containsEntry("interval", "1m30s")
                .containsEntry("unhealthy_threshold", 3).containsEntry("healthy_threshold", 2)
                .containsEntry("timeout", "10s");
        assertThat((Map<String, Object>) normalised.get("intervention")).containsEntry("retries", 2).containsKey("target");
        String json = Definitions.json(normalised).toString();
        Map<String, Object> back = Definitions.map(json);
        assertThat(back).isEqualTo(normalised);
        List<MonitorDefinition> again = new ArrayList<>();
        assertThat(ManifestReader.create(CATALOG).validateMonitor("json", back, again::add).ok()).isTrue();
        assertThat(Definitions.normalised(again.get(0))).isEqualTo(normalised);
    }

    @Test
    void dependsOnSurvivesTheStoredForm() {
        List<MonitorDefinition> found = new ArrayList<>();
        assertThat(ManifestReader.create(CATALOG).readString("test", """
                monitors:
                  - name: switch
                    groups: [core]
                    pulse: {type: http, interval: 5s, config: {url: "http://s"}}
                  - name: api
                    depends_on: [switch, "group:core"]
                    pulse: {type: http, interval: 5s, config: {url: "http://x"}}
                """, found::add).ok()).isTrue();

        Map<String, Object> normalised = Definitions.normalised(found.get(1));
        assertThat(normalised).containsEntry("depends_on", List.of("switch", "group:core"));
        Map<String, Object> back = Definitions.map(Definitions.json(normalised).toString());
        List<MonitorDefinition> again = new ArrayList<>();
        assertThat(ManifestReader.create(CATALOG).validateMonitor("json", back, again::add).ok()).isTrue();
        assertThat(again.get(0).dependsOn()).containsExactly("switch", "group:core");
        assertThat(Definitions.normalised(found.get(0))).doesNotContainKey("depends_on");
    }
}
