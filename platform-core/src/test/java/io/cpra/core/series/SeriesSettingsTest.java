package io.cpra.core.series;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cpra.metrics.monitor-series}: its defaults, and the one-line error naming the key of what it refuses. */
class SeriesSettingsTest {

    private static SeriesSettings read(String yaml) {
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(yaml, io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML)).build();
        return SeriesSettings.from(config.get("cpra"));
    }

    @Test
    void offUnlessGroupsAreListed() {
        SeriesSettings settings = read("cpra:\n  manifest: x.yaml\n");
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.maxSeries()).isEqualTo(SeriesSettings.DEFAULT_MAX_SERIES);
        assertThat(settings.refresh()).isEqualTo(SeriesSettings.DEFAULT_REFRESH);
    }

    @Test
    void readsGroupsInOrderTheCapAndTheRefresh() {
        SeriesSettings settings = read("""
                cpra:
                  metrics:
                    monitor-series:
                      groups: [payments, edge, payments]
                      max-series: 80
                      refresh: 2s
                """);
        assertThat(settings.groups()).containsExactly("payments", "edge");
        assertThat(settings.maxSeries()).isEqualTo(80);
        assertThat(settings.refresh()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCommaSeparatedScalarIsAListLikeAnEnvironmentVariableGives() {
        assertThat(read("cpra:\n  metrics:\n    monitor-series:\n      groups: payments, edge\n").groups())
                .containsExactly("payments", "edge");
    }

    @Test
    void refusesACapOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> read("cpra:\n  metrics:\n    monitor-series:\n      groups: [a]\n      max-series: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cpra.metrics.monitor-series.max-series must be 1 to 1000000, got 0");
    }

    @Test
    void refusesAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> read("cpra:\n  metrics:\n    monitor-series:\n      group: [a]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cpra.metrics.monitor-series.group: unknown key");
    }

    @Test
    void refusesABadRefreshNamingTheKey() {
        assertThatThrownBy(() -> read("cpra:\n  metrics:\n    monitor-series:\n      refresh: soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cpra.metrics.monitor-series.refresh: not a duration like 5s or 1m: soon");
    }
}
