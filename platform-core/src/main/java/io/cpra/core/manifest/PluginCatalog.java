package io.cpra.core.manifest;

import io.cpra.plugin.api.PluginDescriptor;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugins a manifest may name, by family, as the reader needs them: to know a type exists,
 * to check its config block against the declared keys, and to list the installed types when a
 * manifest names one that is not. Implemented by the plugin registry; {@link #of} serves tests,
 * benchmarks and tools. Implementations must be safe to call from the reading thread while the
 * registry does not change.
 */
public interface PluginCatalog {

    /**
     * A pulse plugin by the name {@code pulse_check.type} gives.
     *
     * @param type such as {@code http}
     * @return its descriptor, or empty when none is installed
     */
    Optional<PluginDescriptor> pulse(String type);

    /**
     * An intervention plugin by the name {@code intervention.action} gives.
     *
     * @param type such as {@code docker}
     * @return its descriptor, or empty when none is installed
     */
    Optional<PluginDescriptor> intervention(String type);

    /**
     * A code (notifier) plugin by the name {@code codes.<colour>.notify} gives.
     *
     * @param type such as {@code slack}
     * @return its descriptor, or empty when none is installed
     */
    Optional<PluginDescriptor> code(String type);

    /** @return the installed pulse types, sorted, for "unknown type" messages */
    Set<String> pulseTypes();

    /** @return the installed intervention types, sorted */
    Set<String> interventionTypes();

    /** @return the installed code types, sorted */
    Set<String> codeTypes();

    /**
     * A fixed catalog.
     *
     * @param pulses        pulse plugins' descriptors
     * @param interventions intervention plugins' descriptors
     * @param codes         code plugins' descriptors
     * @return the catalog; immutable and thread-safe
     * @throws IllegalArgumentException when a family lists a type twice
     */
    static PluginCatalog of(Collection<PluginDescriptor> pulses, Collection<PluginDescriptor> interventions,
                            Collection<PluginDescriptor> codes) {
        Map<String, PluginDescriptor> p = index("pulse", pulses);
        Map<String, PluginDescriptor> i = index("intervention", interventions);
        Map<String, PluginDescriptor> c = index("code", codes);
        Set<String> pTypes = Collections.unmodifiableSet(new TreeSet<>(p.keySet()));
        Set<String> iTypes = Collections.unmodifiableSet(new TreeSet<>(i.keySet()));
        Set<String> cTypes = Collections.unmodifiableSet(new TreeSet<>(c.keySet()));
        return new PluginCatalog() {
            @Override
            public Optional<PluginDescriptor> pulse(String type) {
                return Optional.ofNullable(p.get(type));
            }

            @Override
            public Optional<PluginDescriptor> intervention(String type) {
                return Optional.ofNullable(i.get(type));
            }

            @Override
            public Optional<PluginDescriptor> code(String type) {
                return Optional.ofNullable(c.get(type));
            }

            @Override
            public Set<String> pulseTypes() {
                return pTypes;
            }

            @Override
            public Set<String> interventionTypes() {
                return iTypes;
            }

            @Override
            public Set<String> codeTypes() {
                return cTypes;
            }
        };
    }

    private static Map<String, PluginDescriptor> index(String family, Collection<PluginDescriptor> descriptors) {
        Map<String, PluginDescriptor> byType = new LinkedHashMap<>();
        for (PluginDescriptor descriptor : descriptors) {
            if (byType.putIfAbsent(descriptor.type(), descriptor) != null) {
                throw new IllegalArgumentException(family + " type \"" + descriptor.type() + "\" is listed twice");
            }
        }
        return Map.copyOf(byType);
    }
}
