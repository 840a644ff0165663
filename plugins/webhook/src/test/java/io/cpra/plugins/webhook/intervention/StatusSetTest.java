package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.PluginConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusSetTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "2xx; 200; true", "2xx; 299; true", "2xx; 300; false", "2xx; 199; false",
            "202; 202; true", "202; 200; false",
            "200-204; 204; true", "200-204; 205; false", "200 - 204; 200; true",
            "200,3xx; 301; true", "200,3xx; 201; false", "5XX; 503; true"})
    void parsesCodesClassesAndRanges(String written, int status, boolean contained) {
        StatusSet set = StatusSet.parse(PluginConfig.of(Map.of()), "expected_status", Arrays.asList(written.split(",")));

        assertThat(set.contains(status)).isEqualTo(contained);
    }
}
