package io.cpra.plugins.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void unsetPropertiesMeanDefaults() {
        assertThat(ConnectionSettings.from(name -> null)).isEqualTo(ConnectionSettings.DEFAULTS);
        assertThat(ConnectionSettings.DEFAULTS)
                .isEqualTo(new ConnectionSettings(256, Duration.ofSeconds(30), 10_000));
    }

    @Test
    void propertiesSetEachValue() {
        Map<String, String> properties = Map.of(
                "cpra.http.connections-per-destination", "64",
                "cpra.http.idle-timeout", "2m",
                "cpra.http.max-idle-connections", " 0 ");

        assertThat(ConnectionSettings.from(properties::get))
                .isEqualTo(new ConnectionSettings(64, Duration.ofMinutes(2), 0));
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("cpra.http.connections-per-destination", "many")::get))
                .hasMessage("cpra.http.connections-per-destination must be a whole number, got \"many\"");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("cpra.http.connections-per-destination", "0")::get))
                .hasMessage("cpra.http.connections-per-destination must be between 1 and 65536, got 0");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("cpra.http.idle-timeout", "soon")::get))
                .hasMessage("cpra.http.idle-timeout must be a duration such as 30s, got \"soon\"");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("cpra.http.idle-timeout", "500ms")::get))
                .hasMessage("cpra.http.idle-timeout must be between 1s and 1h, got 500ms");
        assertThatThrownBy(() -> ConnectionSettings.from(Map.of("cpra.http.max-idle-connections", "-1")::get))
                .hasMessage("cpra.http.max-idle-connections must be between 0 and 1000000, got -1");
    }
}
