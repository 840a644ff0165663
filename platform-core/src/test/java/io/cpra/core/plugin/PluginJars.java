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
        Path root = work.resolve("build-" + (++builds));
        Path src = root.resolve("src");
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:-options"));
        List<String> path = new ArrayList<>();
        path.add(apiLocation().toString());
        modulePath.forEach(p -> path.add(p.toString()));
        boolean modular = files.containsKey("module-info.java");
        args.add(modular ? "--module-path" : "--class-path");
        args.add(String.join(java.io.File.pathSeparator, path));
        if (modular && version != null) {
            args.add("--module-version");
            args.add(version);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = (file.getKey().endsWith(".java") ? src : classes).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
            if (file.getKey().endsWith(".java")) {
                args.add(target.toString());
            }
        }
        run("javac", args);
        Files.createDirectories(jar.getParent());
        run("jar", List.of("--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    /** The plugin API as the test runtime sees it: a jar or a classes folder. */
    static Path apiLocation() {
        return ModuleLayer.boot().configuration().findModule(PulsePlugin.class.getModule().getName())
                .flatMap(m -> m.reference().location())
                .map(Path::of)
                .orElseThrow(() -> new IllegalStateException("tests must run on the module path"));
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
