package io.cpra.core.plugin;

import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulsePlugin;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plugins the host loaded, and those it could not. Immutable once built; thread-safe.
 *
 * <p>A type name is unique within its family. A plugin is loaded whole or not at all: when
 * one of its providers fails, or one of its types clashes with another plugin's, none of
 * its types is listed and a {@link PluginFailure} names the jar and the cause.
 */
public final class PluginRegistry implements PluginCatalog {

    private final List<PluginEntry> entries;
    private final List<PluginFailure> failures;
    private final Map<PluginFamily, Map<String, PluginEntry>> byType = new EnumMap<>(PluginFamily.class);

    PluginRegistry(List<PluginEntry> entries, List<PluginFailure> failures) {
        this.entries = entries.stream()
                .sorted(Comparator.comparing(PluginEntry::family).thenComparing(PluginEntry::type))
                .toList();
        this.failures = List.copyOf(failures);
        for (PluginFamily family : PluginFamily.values()) {
            byType.put(family, new TreeMap<>());
        }
        // the maps are filled once here and only read afterwards
        for (PluginEntry entry : this.entries) {
            PluginEntry clash = byType.get(entry.family()).put(entry.type(), entry);
            if (clash != null) {
                throw new IllegalArgumentException("two " + entry.family().label() + " plugins named "
                        + entry.type() + ": " + clash.location() + " and " + entry.location());
            }
        }
    }

    /**
     * A registry of the given entries, for tests of code that consumes plugins.
     *
     * @param entries loaded plugin types; type names unique per family
     * @return the registry, with no failures
     */
    public static PluginRegistry of(List<PluginEntry> entries) {
        return new PluginRegistry(entries, List.of());
    }

    /**
     * Every loaded type, ordered by family then type.
     *
     * @return the entries
     */
    public List<PluginEntry> entries() {
        return entries;
    }

    /**
     * Every plugin that failed to load, in the order the folder was read.
     *
     * @return the failures; empty when all loaded
     */
    public List<PluginFailure> failures() {
        return failures;
    }

    /**
     * Looks up one type.
     *
     * @param family the family
     * @param type   the type name
     * @return the entry, or empty when no loaded plugin provides it
     */
    public Optional<PluginEntry> find(PluginFamily family, String type) {
        return Optional.ofNullable(byType.get(family).get(type));
    }

    /**
     * The type names of one family, sorted.
     *
     * @param family the family
     * @return the names
     */
    public List<String> types(PluginFamily family) {
        return List.copyOf(byType.get(family).keySet());
    }

    /**
     * The pulse provider of a type.
     *
     * @param type the type name
     * @return the provider, or empty
     */
    public Optional<PulsePlugin> pulsePlugin(String type) {
        return find(PluginFamily.PULSE, type).map(e -> (PulsePlugin) e.provider());
    }

    /**
     * The intervention provider of a type.
     *
     * @param type the type name
     * @return the provider, or empty
     */
    public Optional<InterventionPlugin> interventionPlugin(String type) {
        return find(PluginFamily.INTERVENTION, type).map(e -> (InterventionPlugin) e.provider());
    }

    /**
     * The code provider of a type.
     *
     * @param type the type name
     * @return the provider, or empty
     */
    public Optional<CodePlugin> codePlugin(String type) {
        return find(PluginFamily.CODE, type).map(e -> (CodePlugin) e.provider());
    }

    @Override
    public Optional<PluginDescriptor> pulse(String type) {
        return descriptor(PluginFamily.PULSE, type);
    }

    @Override
    public Optional<PluginDescriptor> intervention(String type) {
        return descriptor(PluginFamily.INTERVENTION, type);
    }

    @Override
    public Optional<PluginDescriptor> code(String type) {
        return descriptor(PluginFamily.CODE, type);
    }

    @Override
    public Set<String> pulseTypes() {
        return java.util.Collections.unmodifiableSet(byType.get(PluginFamily.PULSE).keySet());
    }

    @Override
    public Set<String> interventionTypes() {
        return java.util.Collections.unmodifiableSet(byType.get(PluginFamily.INTERVENTION).keySet());
    }

    @Override
    public Set<String> codeTypes() {
        return java.util.Collections.unmodifiableSet(byType.get(PluginFamily.CODE).keySet());
    }

    private Optional<PluginDescriptor> descriptor(PluginFamily family, String type) {
        return find(family, type).map(PluginEntry::descriptor);
    }

    /**
     * Closes every provider, once the platform has stopped calling them. A provider that
     * throws does not stop the others from closing.
     */
    public void close() {
        for (PluginEntry entry : entries) {
            try {
                entry.provider().close();
            } catch (RuntimeException | LinkageError e) {
                System.getLogger(PluginRegistry.class.getName()).log(System.Logger.Level.WARNING,
                        "closing plugin " + entry.type() + " from " + entry.location() + " failed", e);
            }
        }
    }
}
