package io.cpra.core.plugin;

import io.cpra.plugin.api.PluginApi;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plugin API a plugin was built against, and whether this platform runs it. A plugin
 * module records the API's version in its {@code requires io.cpra.plugin.api} (javac writes
 * the version the API module had at compile time); a plain jar may name it in its manifest
 * ({@value PluginApi#MANIFEST_ATTRIBUTE}). A plugin that states neither is accepted as it is,
 * as plain jars written before the attribute existed are.
 *
 * <p>Accepted: the same major version, and a minor version no newer than this platform's.
 * Thread-safe; no state.
 */
final class ApiVersions {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-+].*)?");
    private static final String API = "io.cpra.plugin.api";

    private ApiVersions() {
    }

    /**
     * Checks every module of a plugin that states an API version.
     *
     * @param plugin the plugin's configuration
     * @return why the plugin is refused, or empty when this platform runs it
     */
    static Optional<String> refusal(Configuration plugin) {
        for (ResolvedModule module : plugin.modules()) {
            Optional<String> stated = stated(module);
            if (stated.isPresent()) {
                Optional<String> problem = refusal(module.name(), stated.get(), PluginApi.MAJOR, PluginApi.MINOR);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** The rule itself, on plain values so tests can cover every case. */
    static Optional<String> refusal(String module, String stated, int major, int minor) {
        String host = major + "." + minor;
        Matcher version = VERSION.matcher(stated);
        if (!version.matches()) {
            return Optional.of("module " + module + " states plugin API version \"" + stated
                    + "\", which is not MAJOR.MINOR; this cpra provides plugin API " + host);
        }
        int builtMajor = Integer.parseInt(version.group(1));
        int builtMinor = Integer.parseInt(version.group(2));
        String built = builtMajor + "." + builtMinor;
        String prefix = "module " + module + " was built for plugin API " + built + ", but this cpra provides plugin API "
                + host + "; ";
        if (builtMajor > major) {
            return Optional.of(prefix + "run it on a cpra with plugin API " + builtMajor + ".x, or rebuild it against "
                    + "cpra-plugin-api " + host);
        }
        if (builtMajor < major) {
            return Optional.of(prefix + "rebuild it against cpra-plugin-api " + host);
        }
        if (builtMinor > minor) {
            return Optional.of(prefix + "it may use what this cpra lacks: upgrade cpra to one with plugin API "
                    + built + " or newer");
        }
        return Optional.empty();
    }

    private static Optional<String> stated(ResolvedModule module) {
        ModuleDescriptor descriptor = module.reference().descriptor();
        if (!descriptor.isAutomatic()) {
            return descriptor.requires().stream()
                    .filter(requires -> requires.name().equals(API))
                    .findFirst()
                    .flatMap(ModuleDescriptor.Requires::rawCompiledVersion);
        }
        return module.reference().location().flatMap(ApiVersions::manifestVersion);
    }

    private static Optional<String> manifestVersion(URI jar) {
        try (JarFile file = new JarFile(Path.of(jar).toFile())) {
            var manifest = file.getManifest();
            return Optional.ofNullable(manifest == null ? null
                    : manifest.getMainAttributes().getValue(PluginApi.MANIFEST_ATTRIBUTE)).map(String::strip);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
