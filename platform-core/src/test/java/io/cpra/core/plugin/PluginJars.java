package io.cpra.core.plugin;

import io.cpra.plugin.api.PulsePlugin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * Builds real plugin jars for tests with the JDK's own javac and jar tools, so the host is
 * tested against the same kind of files users drop into {@code plugins/}.
 */
final class PluginJars {

    private final Path work;
    private int builds;

    PluginJars(Path work) {
        this.work = work;
    }

    /**
     * Compiles Java sources (paths relative to the source root, e.g. {@code module-info.java},
     * {@code com/acme/Check.java}) and packs them with extra resources into a jar.
     *
     * @param jar        the jar to write
     * @param version    the module version to record, or null
     * @param modulePath jars the sources compile against, beside the plugin API
     * @param files      sources and resources by relative path
     * @return the jar
     */
    Path jar(Path jar, String version, List<Path> modulePath, Map<String, String> files) throws IOException {
        return jar(jar, version, apiLocation(), modulePath, files);
    }

    /** As {@link #jar(Path, String, List, Map)}, compiled against the given plugin API. */
    Path jar(Path jar, String version, Path api, List<Path> modulePath, Map<String, String> files) throws IOException {
        Path root = work.resolve("build-" + (++builds));
        Path src = root.resolve("src");
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:-options"));
        List<String> path = new ArrayList<>();
        path.add(api.toString());
        modulePath.forEach(p -> path.add(p.toString()));
        boolean modular = files.containsKey("module-info.java");
        args.add(modular ? "--module-path" : "--class-path");
        args.add(String.join(java.io.File.pathSeparator, path));
        if (modular && version != null) {
            args.add("--module-version");
            args.add(version);
        }
        Path manifest = null;
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().equals("META-INF/MANIFEST.MF")) {
                // the jar tool writes its own manifest unless given one
                manifest = Files.writeString(root.resolve("MANIFEST.MF"), file.getValue());
                continue;
            }
            Path target = (file.getKey().endsWith(".java") ? src : classes).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            if (file.getKey().endsWith(".java")) {
                args.add(target.toString());
            }
        }
        run("javac", args);
        Files.createDirectories(jar.getParent());
        List<String> pack = new ArrayList<>(List.of("--create", "--file", jar.toString()));
        if (manifest != null) {
            pack.addAll(List.of("--manifest", manifest.toString()));
        }
        pack.addAll(List.of("-C", classes.toString(), "."));
        run("jar", pack);
        return jar;
    }

    /**
     * A copy of the plugin API whose module states another version, for plugins built
     * against an API this platform does not provide.
     *
     * @param version the module version to state, such as {@code 2.0}
     * @return the copy, a jar
     */
    Path apiAsVersion(String version) throws IOException {
        Path jar = Files.createDirectories(work).resolve("api-" + version + ".jar");
        Path api = apiLocation();
        if (Files.isDirectory(api)) {
            run("jar", List.of("--create", "--file", jar.toString(), "--module-version", version, "-C", api.toString(), "."));
        } else {
            Files.copy(api, jar);
            run("jar", List.of("--update", "--file", jar.toString(), "--module-version", version));
        }
        return jar;
    }

    /** Where a module of the test runtime lives, to compile a plugin against it. */
    static Path locationOf(Module module) {
        return ModuleLayer.boot().configuration().findModule(module.getName())
                .flatMap(m -> m.reference().location())
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("tests must run on the module path"));
    }

    /** The plugin API as the test runtime sees it: a jar or a classes folder. */
    static Path apiLocation() {
        return locationOf(PulsePlugin.class.getModule());
    }

    /** The source of a pulse provider whose check always passes. */
    static String pulseProvider(String pkg, String className, String type, String constructorBody) {
        return """
                package %1$s;

                import io.cpra.plugin.api.*;

                public class %2$s implements PulsePlugin {
                    public %2$s() { %4$s }
                    public PluginDescriptor descriptor() {
                        return PluginDescriptor.of("%3$s", description());
                    }
                    protected String description() { return "test plugin %3$s"; }
                    public PulseCheck prepare(PluginConfig config, PluginContext context) {
                        return deadline -> PulseOutcome.ok("fine");
                    }
                }
                """.formatted(pkg, className, type, constructorBody);
    }

    private static void run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException("the JDK tool " + tool + " is not available"));
        StringWriter out = new StringWriter();
        int status = provider.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(tool + " " + args + " failed:\n" + out);
        }
    }
}
