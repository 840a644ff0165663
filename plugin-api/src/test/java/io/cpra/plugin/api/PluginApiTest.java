package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

class PluginApiTest {

    /**
     * Plugins learn the API version from this module's version (javac records it in their
     * module-info), the platform from the constant: the build must keep the two equal.
     */
    @Test
    void theModuleVersionIsTheApiVersion() {
        Module module = PluginApi.class.getModule();

        assertThat(module.isNamed()).as("the tests run on the module path").isTrue();
        assertThat(module.getDescriptor().version()).map(ModuleDescriptor.Version::toString).contains(PluginApi.VERSION);
        assertThat(PluginApi.VERSION).isEqualTo(PluginApi.MAJOR + "." + PluginApi.MINOR);
    }
}
