package io.cpra.core.plugin;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the host checks of a plugin's resolved modules before it defines them: the plugin API
 * version it was built for ({@link ApiVersions}) and the platform modules it reads
 * ({@link PlatformModules}). Made once per load of the plugins folder; thread-safe once made.
 */
final class Contract {

    private final PlatformModules platform;
    /** Package name to the boot module exporting it, for the classes of automatic modules. */
    private final Map<String, String> bootPackages;

    private Contract(PlatformModules platform, Map<String, String> bootPackages) {
        this.platform = platform;
        this.bootPackages = bootPackages;
    }

    static Contract of(ModuleLayer boot) {
        Map<String, String> packages = new HashMap<>();
        for (Module module : boot.modules()) {
            for (ModuleDescriptor.Exports exports : module.getDescriptor().exports()) {
                if (!exports.isQualified()) {
                    packages.put(exports.source(), module.getName());
                }
            }
        }
        return new Contract(PlatformModules.of(boot.configuration()), Map.copyOf(packages));
    }

    /** Why the plugin is refused, or null when it keeps to the contract. */
    String refusal(Configuration plugin) {
        Optional<String> version = ApiVersions.refusal(plugin);
        if (version.isPresent()) {
            return version.get();
        }
        Map<String, Set<String>> automatic = new HashMap<>();
        for (ResolvedModule module : plugin.modules()) {
            if (module.reference().descriptor().isAutomatic() && module.reference().location().isPresent()) {
                try {
                    automatic.put(module.name(), ClassReferences.packagesUsedBy(Path.of(module.reference().location().get())));
                } catch (IOException e) {
                    return "the classes of module " + module.name() + " cannot be read: " + e.getMessage();
                }
            }
        }
        return platform.violation(plugin, automatic, bootPackages).orElse(null);
    }
}
