package io.cpra.core.plugin;

import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PluginDescriptor;

import java.io.IOException;
import java.net.URI;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one entry of the plugins folder into a module layer and reads its providers.
 * Every way this can fail ends in {@link LoadedPlugin#failed} with the cause in words.
 */
final class PluginLayer {

    private PluginLayer() {
    }

    static LoadedPlugin load(Path location, Contract contract) {
        List<Path> jars;
        try {
            jars = jarsOf(location);
        } catch (IOException e) {
            return LoadedPlugin.failed(location, "cannot be read: " + e);
        }
        if (jars.isEmpty()) {
            return LoadedPlugin.failed(location, "the folder holds no .jar files");
        }
        for (Path jar : jars) {
            String problem = checkJar(jar, location);
            if (problem != null) {
                return LoadedPlugin.failed(location, problem);
            }
        }
        ModuleLayer layer;
        try {
            ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
            Set<String> roots = finder.findAll().stream()
                    .map(ModuleReference::descriptor)
                    .map(ModuleDescriptor::name)
                    .collect(Collectors.toSet());
            ModuleLayer boot = ModuleLayer.boot();
            Configuration configuration = Configuration.resolve(
                    finder, List.of(boot.configuration()), ModuleFinder.of(), roots);
            // checked before any of the plugin's code is defined, let alone run
            String refused = contract.refusal(configuration);
            if (refused != null) {
                return LoadedPlugin.failed(location, refused);
            }
            layer = ModuleLayer.defineModulesWithOneLoader(
                    configuration, List.of(boot), ClassLoader.getSystemClassLoader()).layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            return LoadedPlugin.failed(location, "cannot be loaded as modules: " + rootCause(e));
        } catch (SecurityException | IllegalArgumentException e) {
            return LoadedPlugin.failed(location, "cannot be loaded: " + rootCause(e));
        }
        List<PluginEntry> entries = new ArrayList<>();
        for (PluginFamily family : PluginFamily.values()) {
            String problem = readProviders(location, layer, family, entries);
            if (problem != null) {
                entries.forEach(PluginLayer::closeQuietly);
                return LoadedPlugin.failed(location, problem);
            }
        }
        if (entries.isEmpty()) {
            return LoadedPlugin.failed(location, "provides no cpra plugin; a plugin's module-info must declare "
                    + "`provides` for io.cpra.plugin.api.PulsePlugin, InterventionPlugin or CodePlugin "
                    + "(modules found: " + layer.modules().stream().map(Module::getName).sorted().toList() + ")");
        }
        return LoadedPlugin.loaded(location, entries);
    }

    private static List<Path> jarsOf(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            return List.of(location);
        }
        try (Stream<Path> files = Files.list(location)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** Opens the jar first, so a corrupt file is reported as such rather than as a module problem. */
    private static String checkJar(Path jar, Path location) {
        String which = jar.equals(location) ? "" : jar.getFileName() + " ";
        if (!Files.isReadable(jar)) {
            return which + "cannot be read: permission denied";
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest();
            return null;
        } catch (IOException | SecurityException e) {
            return which + "is not a valid jar file (" + e.getMessage() + ")";
        }
    }

    private static String readProviders(Path location, ModuleLayer layer, PluginFamily family, List<PluginEntry> entries) {
        try {
            for (ServiceLoader.Provider<? extends Plugin<?>> provider
                    : ServiceLoader.load(layer, family.service()).stream().toList()) {
                Module module = provider.type().getModule();
                if (module.getLayer() != layer) {
                    continue;
                }
                Plugin<?> plugin;
                PluginDescriptor descriptor;
                try {
                    plugin = provider.get();
                    descriptor = plugin.descriptor();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    return "provider " + provider.type().getName() + " of " + module.getName()
                            + " failed to start: " + rootCause(e);
                }
                if (descriptor == null) {
                    return "provider " + provider.type().getName() + " returned no descriptor";
                }
                entries.add(new PluginEntry(family, descriptor, module.getName(), versionOf(module, layer),
                        location, plugin));
            }
            return null;
        } catch (ServiceConfigurationError e) {
            return "a " + family.label() + " provider cannot be loaded: " + rootCause(e);
        }
    }

    /** The module's declared version, else its jar's Implementation-Version. */
    private static String versionOf(Module module, ModuleLayer layer) {
        ModuleDescriptor descriptor = module.getDescriptor();
        if (descriptor.version().isPresent()) {
            return descriptor.version().get().toString();
        }
        return layer.configuration().findModule(module.getName())
                .flatMap(resolved -> resolved.reference().location())
                .map(PluginLayer::implementationVersion)
                .orElse("unknown");
    }

    private static String implementationVersion(URI jar) {
        try (JarFile file = new JarFile(Path.of(jar).toFile())) {
            var manifest = file.getManifest();
            String version = manifest == null ? null
                    : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return version == null ? "unknown" : version;
        } catch (IOException | IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(": ").append(cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
        }
        return text.toString();
    }

    static void closeQuietly(PluginEntry entry) {
        try {
            entry.provider().close();
        } catch (RuntimeException | LinkageError ignored) {
            // the plugin is refused already; its close failing changes nothing for the user
        }
    }
}
