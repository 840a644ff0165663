package io.cpra.core.plugin;

import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PluginDescriptor;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One loaded plugin type: what the registry lists and the provider that prepares instances.
 *
 * @param family     the family it belongs to
 * @param descriptor its type, description and accepted config keys
 * @param module     the name of the module that provides it
 * @param version    that module's version, or {@code "unknown"}
 * @param location   the jar or folder under {@code plugins/} it was loaded from
 * @param provider   the provider instance, shared by all monitors of this type
 */
public record PluginEntry(PluginFamily family,
                          PluginDescriptor descriptor,
                          String module,
                          String version,
                          Path location,
                          Plugin<?> provider) {

    /** Checks that no component is null. */
    public PluginEntry {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(provider, "provider");
    }

    /**
     * The type name manifests use.
     *
     * @return {@code descriptor().type()}
     */
    public String type() {
        return descriptor.type();
    }
}
