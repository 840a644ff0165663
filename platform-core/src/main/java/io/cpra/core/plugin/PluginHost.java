package io.cpra.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads every plugin under a folder into its own module layer and lists what it found.
 *
 * <p>Each entry of the folder is one plugin: a jar file, or a folder holding the plugin's jar
 * and its private dependencies. Each becomes a child {@link ModuleLayer} of the boot layer
 * (which holds the platform, the plugin API and Helidon) with one class loader, so plugins
 * cannot see each other's libraries. Explicit modules and plain jars (automatic modules with
 * {@code META-INF/services}) both work. Hidden entries are skipped; other files are reported.
 *
 * <p>Loading never throws for a bad plugin: an unreadable or corrupt jar, an unresolvable
 * module graph, a provider whose constructor or descriptor throws, a plugin providing
 * nothing, a plugin built for a plugin API this platform does not provide ({@link ApiVersions}),
 * a plugin that reads platform modules beyond {@link PlatformModules}, and two plugins
 * claiming the same family and type each become a
 * {@link PluginFailure} naming the jar and the cause, and that plugin is not loaded. Whether
 * failures stop the server is the caller's decision ({@code plugins.strict}).
 */
public final class PluginHost {

    private PluginHost() {
    }

    /**
     * Loads the plugins under a folder.
     *
     * @param folder the plugins folder; a missing folder is reported as a failure
     * @return the registry of loaded types and failures
     */
    public static PluginRegistry load(Path folder) {
        List<PluginFailure> failures = new ArrayList<>();
        List<LoadedPlugin> plugins = new ArrayList<>();
        Contract contract = Contract.of(ModuleLayer.boot());
        for (Path location : entries(folder, failures)) {
            LoadedPlugin plugin = PluginLayer.load(location, contract);
            if (plugin.failure() != null) {
                failures.add(plugin.failure());
            } else {
                plugins.add(plugin);
            }
        }
        List<PluginEntry> accepted = refuseClashes(plugins, failures);
        return new PluginRegistry(accepted, failures);
    }

    private static List<Path> entries(Path folder, List<PluginFailure> failures) {
        if (!Files.isDirectory(folder)) {
            failures.add(new PluginFailure(folder, "plugin folder " + folder + " does not exist or is not a folder"));
            return List.of();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            List<Path> entries = new ArrayList<>();
            for (Path entry : listing.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry) || name.endsWith(".jar")) {
                    entries.add(entry);
                } else {
                    failures.add(new PluginFailure(entry, "plugin " + entry
                            + " is neither a .jar file nor a folder of jars; remove it from " + folder));
                }
            }
            return entries;
        } catch (IOException e) {
            failures.add(new PluginFailure(folder, "cannot list plugin folder " + folder + ": " + e));
            return List.of();
        }
    }

    /**
     * Two plugins that claim the same family and type are both refused: picking one by
     * folder order would silently shadow the other.
     */
    private static List<PluginEntry> refuseClashes(List<LoadedPlugin> plugins, List<PluginFailure> failures) {
        Map<String, List<PluginEntry>> claims = new LinkedHashMap<>();
        for (LoadedPlugin plugin : plugins) {
            for (PluginEntry entry : plugin.entries()) {
                claims.computeIfAbsent(entry.family().label() + " type \"" + entry.type() + "\"",
                        k -> new ArrayList<>()).add(entry);
            }
        }
        List<Path> refused = new ArrayList<>();
        claims.forEach((claim, claimants) -> {
            if (claimants.size() > 1) {
                List<String> where = claimants.stream().map(e -> e.location() + " (" + e.module() + ")").toList();
                for (PluginEntry claimant : claimants) {
                    if (!refused.contains(claimant.location())) {
                        refused.add(claimant.location());
                        failures.add(new PluginFailure(claimant.location(), "plugin " + claimant.location()
                                + ": " + claim + " is provided by " + String.join(" and ", where)
                                + "; none of them is loaded; remove all but one"));
                    }
                }
            }
        });
        List<PluginEntry> accepted = new ArrayList<>();
        for (LoadedPlugin plugin : plugins) {
            if (refused.contains(plugin.location())) {
                plugin.entries().forEach(PluginLayer::closeQuietly);
            } else {
                accepted.addAll(plugin.entries());
            }
        }
        return accepted;
    }
}
