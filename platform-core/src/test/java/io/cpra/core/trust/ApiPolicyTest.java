package io.cpra.core.trust;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiPolicyTest {

    private static ApiPolicy read(Map<String, String> values) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(values))
                .build();
        return ApiPolicy.from(config.get("cpra.api"));
    }

    @Test
    void nothingSetIsTheDocumentedDefault() {
        ApiPolicy policy = read(Map.of());

        assertThat(policy).isEqualTo(ApiPolicy.defaults());
        assertThat(policy.allowCommands()).isFalse();
        assertThat(policy.writePaths()).containsExactly("logs");
        assertThat(policy.targetDeny()).contains("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128");
        assertThat(policy.bodyMatchDeny()).contains("127.0.0.0/8", "::1/128");
    }

    @Test
    void listsComeAsListsOrAsOneCommaSeparatedValue() {
        ApiPolicy policy = read(Map.of(
                "cpra.api.allow-commands", "true",
                "cpra.api.policy.plugins.code.0", "log",
                "cpra.api.policy.plugins.code.1", "webhook",
                "cpra.api.policy.targets.allow", "10.20.0.0/16, 203.0.113.0/24",
                "cpra.api.policy.write-paths", "logs,alerts",
                "cpra.api.policy.secret-env-prefix", ""));

        assertThat(policy.allowCommands()).isTrue();
        assertThat(policy.codes()).isEqualTo(Set.of("log", "webhook"));
        assertThat(policy.pulses()).isEqualTo(Set.of("*"));
        assertThat(policy.targetAllow()).isEqualTo(List.of("10.20.0.0/16", "203.0.113.0/24"));
        assertThat(policy.writePaths()).isEqualTo(List.of("logs", "alerts"));
        assertThat(policy.secretEnvPrefix()).isEmpty();
    }

    @Test
    void aMalformedRangeStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> read(Map.of("cpra.api.policy.targets.deny", "169.254.0.0/16,metadata.internal")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cpra.api.policy.targets.deny[1]")
                .hasMessageContaining("metadata.internal");
    }
}
