package io.cpra.core;

import io.cpra.core.http.ApiSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's settings as read from configuration. */
class SettingsTest {

    private static final Path HOME = Path.of("/opt/cpra");

    private static Settings read(Map<String, String> values) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values))
                .build();
        return Settings.from(config, HOME);
    }

    @Test
    void byDefaultThereIsNoTokenReadsAreOpenAndTheLimitsAreTheDocumentedOnes() {
        ApiSettings api = read(Map.of()).api();

        assertThat(api.token()).isNull();
        assertThat(api.writesEnabled()).isFalse();
        assertThat(api.protectReads()).isFalse();
        assertThat(api.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(api.maxStringLength()).isEqualTo(65_536);
        assertThat(api.maxDepth()).isEqualTo(32);
    }

    @Test
    void everyKeyIsRead() {
        ApiSettings api = read(Map.of(
                "cpra.api.token", "  s3cret-Token_1  ",
                "cpra.api.protect-reads", "true",
                "cpra.api.limits.body", "2048",
                "cpra.api.limits.string", "100",
                "cpra.api.limits.depth", "8")).api();

        assertThat(api).isEqualTo(new ApiSettings("s3cret-Token_1", true, 2048, 100, 8));
    }

    @Test
    void aBlankTokenMeansNone() {
        assertThat(read(Map.of("cpra.api.token", "   ")).api().writesEnabled()).isFalse();
    }

    @Test
    void aTokenWithSpacesIsRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> read(Map.of("cpra.api.token", "two words")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cpra.api.token: must be visible ASCII characters without spaces")
                .hasMessageNotContaining("two words");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            cpra.api.limits.body   | 0    | cpra.api.limits: the body limit must be between 1 and 1073741824 bytes, got 0
            cpra.api.limits.string | 2000000 | cpra.api.limits: the string limit must be between 1 and the body limit (1048576), got 2000000
            cpra.api.limits.depth  | 0    | cpra.api.limits: the depth limit must be between 1 and 1000, got 0
            """)
    void limitsOutOfRangeAreRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(key, value))).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
