package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigKeyTest {

    @Test
    void theFactoriesAndTheBuilderMakeTheSameKey() {
        ConfigKey made = ConfigKey.optional("timeout", ValueType.DURATION, "5s", "how long");
        ConfigKey built = ConfigKey.builder("timeout", ValueType.DURATION).defaultValue("5s").description("how long").build();

        assertThat(built).isEqualTo(made).hasSameHashCodeAs(made);
        assertThat(made.required()).isFalse();
        assertThat(made.roles()).isEmpty();
        assertThat(ConfigKey.required("url", ValueType.STRING, "u").required()).isTrue();
        assertThat(ConfigKey.required("url", ValueType.STRING, "u").defaultValue()).isNull();
    }

    @Test
    void rolesAddUpAndSurviveOtherChanges() {
        ConfigKey url = ConfigKey.required("url", ValueType.STRING, "hook").withRoles(KeyRole.TARGET_URL)
                .withRoles(KeyRole.SECRET);
        ConfigKey map = ConfigKey.optional("tls", ValueType.MAP, null, "tls").withRoles(KeyRole.SECRET)
                .withChildren(ConfigKey.optional("ca", ValueType.STRING, null, "ca").withRoles(KeyRole.READ_PATH));

        assertThat(url.roles()).containsExactly(KeyRole.SECRET, KeyRole.TARGET_URL);
        assertThat(url.has(KeyRole.SECRET)).isTrue();
        assertThat(url.has(KeyRole.READ_PATH)).isFalse();
        assertThat(map.roles()).containsExactly(KeyRole.SECRET);
        assertThat(map.children().get(0).has(KeyRole.READ_PATH)).isTrue();
        assertThat(url.toBuilder().build()).isEqualTo(url);
        assertThat(url).isNotEqualTo(ConfigKey.required("url", ValueType.STRING, "hook"));
        assertThatThrownBy(() -> url.roles().add(KeyRole.WRITE_PATH)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyMapsHaveChildren() {
        assertThatThrownBy(() -> ConfigKey.optional("port", ValueType.INTEGER, null, "p")
                .withChildren(ConfigKey.optional("x", ValueType.STRING, null, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config key \"port\" has children but is not a map");
    }

    @Test
    void aDescriptorListsEachKeyOnceUnderAWellFormedTypeName() {
        ConfigKey url = ConfigKey.required("url", ValueType.STRING, "u");
        PluginDescriptor descriptor = PluginDescriptor.of("http-2", "d", url);

        assertThat(descriptor.type()).isEqualTo("http-2");
        assertThat(descriptor.keys()).containsExactly(url);
        assertThat(descriptor.key("url")).contains(url);
        assertThat(descriptor.key("nope")).isEmpty();
        assertThat(PluginDescriptor.of("http-2", "d", List.of(url))).isEqualTo(descriptor).hasSameHashCodeAs(descriptor);
        assertThatThrownBy(() -> PluginDescriptor.of("Http", "d"))
                .hasMessage("plugin type \"Http\" must match [a-z][a-z0-9_-]{0,63}");
        assertThatThrownBy(() -> PluginDescriptor.of("http", "d", url, url))
                .hasMessage("plugin http lists config key \"url\" twice");
    }
}
