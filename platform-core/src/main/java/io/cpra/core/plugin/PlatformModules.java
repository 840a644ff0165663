package io.cpra.core.plugin;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a plugin may read from the boot layer: the written contract between the platform and
 * every plugin, bundled or third-party.
 *
 * <p>A plugin module may require
 * <ul>
 *   <li>{@code io.cpra.plugin.api}, the plugin API;</li>
 *   <li>the JDK's own modules ({@code java.*}, {@code jdk.*});</li>
 *   <li>the libraries the distribution shares with plugins, {@link #SHARED}: Helidon's
 *       WebClient (HTTP/1.1 client) and Fault Tolerance, Jakarta JSON Processing, and the
 *       SLF4J logging facade that bundled libraries log through;</li>
 *   <li>every module those export through {@code requires transitive} (Helidon's
 *       {@code io.helidon.http} and {@code io.helidon.common.tls} come with the WebClient),
 *       because reading them comes with reading the shared library anyway.</li>
 * </ul>
 * Anything else, the rest of Helidon and the platform itself included, is off limits: a
 * plugin brings its own copy of any other library in its folder, where only it sees it. So
 * the platform can upgrade or drop its other libraries without breaking a plugin, and no
 * plugin reaches the platform's internals.
 *
 * <p>Immutable and thread-safe once made.
 */
public final class PlatformModules {

    /** The boot-layer libraries plugins may require, beside the plugin API and the JDK. */
    public static final List<String> SHARED = List.of(
            "io.helidon.webclient", "io.helidon.faulttolerance", "jakarta.json", "org.slf4j");

    private static final String API = "io.cpra.plugin.api";

    private final Set<String> allowed;
    private final Set<String> system;

    private PlatformModules(Set<String> allowed, Set<String> system) {
        this.allowed = allowed;
        this.system = system;
    }

    /**
     * The contract as it applies to a boot layer's configuration: the shared libraries that
     * are there and what they pass on through {@code requires transitive}.
     *
     * @param boot the boot layer's configuration
     * @return the modules plugins may read
     */
    public static PlatformModules of(Configuration boot) {
        Set<String> system = ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor).map(ModuleDescriptor::name)
                .collect(Collectors.toUnmodifiableSet());
        Set<String> allowed = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(API);
        next.addAll(SHARED);
        while (!next.isEmpty()) {
            String name = next.poll();
            if (!allowed.add(name)) {
                continue;
            }
            boot.findModule(name).map(ResolvedModule::reference).map(ModuleReference::descriptor)
                    .ifPresent(descriptor -> descriptor.requires().stream()
                            .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                            .map(ModuleDescriptor.Requires::name)
                            .forEach(next::add));
        }
        return new PlatformModules(Set.copyOf(allowed), system);
    }

    /**
     * Whether plugins may read a module of the boot layer.
     *
     * @param module the module's name
     * @return true for the API, the JDK and the shared libraries
     */
    public boolean allows(String module) {
        return allowed.contains(module) || system.contains(module);
    }

    /**
     * The modules plugins may read beside the JDK's, sorted.
     *
     * @return the names
     */
    public Set<String> allowed() {
        return new TreeSet<>(allowed);
    }

    /**
     * Checks a plugin's resolved modules against the contract: what each explicit module
     * reads in the boot layer, and for automatic modules (which read everything) the boot
     * modules whose packages their classes refer to.
     *
     * @param plugin     the plugin's configuration, resolved over the boot layer's
     * @param automatic  for each automatic module of the plugin, the packages its classes use
     * @param bootModule the boot module that exports a package, by package name
     * @return the first violation in words, or empty when the plugin keeps to the contract
     */
    Optional<String> violation(Configuration plugin, Map<String, Set<String>> automatic,
                               Map<String, String> bootModule) {
        for (ResolvedModule module : plugin.modules()) {
            ModuleDescriptor descriptor = module.reference().descriptor();
            Set<String> used = new TreeSet<>();
            if (descriptor.isAutomatic()) {
                for (String pkg : automatic.getOrDefault(module.name(), Set.of())) {
                    String owner = bootModule.get(pkg);
                    if (owner != null) {
                        used.add(owner);
                    }
                }
            } else {
                module.reads().stream().filter(read -> read.configuration() != plugin)
                        .map(ResolvedModule::name).forEach(used::add);
            }
            for (String read : used) {
                if (!allows(read)) {
                    return Optional.of("module " + module.name() + (descriptor.isAutomatic() ? " uses " : " requires ")
                            + read + " from the platform, which plugins may not read; plugins may read "
                            + API + ", the JDK's modules and " + String.join(", ", SHARED)
                            + " (with what they require transitively); bundle any other library in the "
                            + "plugin's own folder");
                }
            }
        }
        return Optional.empty();
    }
}
