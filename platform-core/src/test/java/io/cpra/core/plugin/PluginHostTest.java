package io.cpra.core.plugin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PluginHostTest {

    @TempDir
    Path work;

    Path plugins;
    PluginJars jars;

    @org.junit.jupiter.api.BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        jars = new PluginJars(work.resolve("build"));
    }

    private Path explicitPulse(Path jar, String module, String type, String constructorBody) throws IOException {
        String pkg = module.replace('-', '_');
        return jars.jar(jar, "1.2.3", List.of(), Map.of(
                "module-info.java", "module " + module + " { requires io.cpra.plugin.api; "
                        + "provides io.cpra.plugin.api.PulsePlugin with " + pkg + ".Provider; }",
                pkg.replace('.', '/') + "/Provider.java", PluginJars.pulseProvider(pkg, "Provider", type, constructorBody)));
    }

    @Test
    void loadsAnExplicitModuleJarWithItsMetadata() throws IOException {
        Path jar = explicitPulse(plugins.resolve("acme-check.jar"), "com.acme.check", "acme", "");

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).isEmpty();
        assertThat(registry.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.family()).isEqualTo(PluginFamily.PULSE);
            assertThat(entry.type()).isEqualTo("acme");
            assertThat(entry.descriptor().description()).isEqualTo("test plugin acme");
            assertThat(entry.module()).isEqualTo("com.acme.check");
            assertThat(entry.version()).isEqualTo("1.2.3");
            assertThat(entry.location()).isEqualTo(jar);
        });
        assertThat(registry.pulsePlugin("acme")).isPresent();
        assertThat(registry.types(PluginFamily.PULSE)).containsExactly("acme");
    }

    @Test
    void loadsAPlainJarAsAnAutomaticModule() throws IOException {
        jars.jar(plugins.resolve("acme-notify-2.0.jar"), null, List.of(), Map.of(
                "com/acme/notify/Provider.java", """
                        package com.acme.notify;
                        import io.cpra.plugin.api.*;
                        public class Provider implements CodePlugin {
                            public PluginDescriptor descriptor() { return PluginDescriptor.of("acme-notify", "plain jar"); }
                            public Notifier prepare(PluginConfig config, PluginContext context) {
                                return (alert, deadline) -> DeliveryOutcome.delivered("ok");
                            }
                        }
                        """,
                "META-INF/services/io.cpra.plugin.api.CodePlugin", "com.acme.notify.Provider\n"));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).isEmpty();
        assertThat(registry.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.family()).isEqualTo(PluginFamily.CODE);
            assertThat(entry.module()).isEqualTo("acme.notify");
            assertThat(entry.version()).isEqualTo("2.0");
        });
    }

    @Test
    void aFolderPluginSeesItsOwnPrivateLibraryAndNotAnotherPlugins() throws IOException {
        for (String version : List.of("1", "2")) {
            Path folder = plugins.resolve("plugin-" + version);
            Path lib = jars.jar(folder.resolve("shared-lib.jar"), version + ".0", List.of(), Map.of(
                    "module-info.java", "module com.acme.lib { exports com.acme.lib; }",
                    "com/acme/lib/Lib.java", "package com.acme.lib; public class Lib { public static String v() { return \"lib v" + version + "\"; } }"));
            String pkg = "com.acme.p" + version;
            jars.jar(folder.resolve("plugin.jar"), null, List.of(lib), Map.of(
                    "module-info.java", "module " + pkg + " { requires io.cpra.plugin.api; requires com.acme.lib; "
                            + "provides io.cpra.plugin.api.PulsePlugin with " + pkg + ".Provider; }",
                    pkg.replace('.', '/') + "/Provider.java", PluginJars.pulseProvider(pkg, "Provider", "p" + version, "")
                            .replace("\"test plugin p" + version + "\"", "com.acme.lib.Lib.v()")));
        }

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).isEmpty();
        assertThat(registry.entries()).extracting(e -> e.type() + ": " + e.descriptor().description())
                .containsExactly("p1: lib v1", "p2: lib v2");
        assertThat(registry.entries()).extracting(PluginEntry::location)
                .containsExactly(plugins.resolve("plugin-1"), plugins.resolve("plugin-2"));
    }

    @Test
    void aCorruptJarIsOneClearFailureAndOthersStillLoad() throws IOException {
        Files.write(plugins.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 42, 42, 42});
        explicitPulse(plugins.resolve("good.jar"), "com.acme.good", "good", "");

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.location()).isEqualTo(plugins.resolve("broken.jar"));
            assertThat(failure.message()).startsWith("plugin " + plugins.resolve("broken.jar") + ": ")
                    .contains("is not a valid jar file");
        });
        assertThat(registry.types(PluginFamily.PULSE)).containsExactly("good");
    }

    @Test
    void twoPluginsClaimingOneTypeAreBothRefused() throws IOException {
        explicitPulse(plugins.resolve("a.jar"), "com.acme.a", "dup", "");
        explicitPulse(plugins.resolve("b.jar"), "com.acme.b", "dup", "");

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.entries()).isEmpty();
        assertThat(registry.failures()).hasSize(2).allSatisfy(failure -> assertThat(failure.message())
                .contains("pulse type \"dup\" is provided by")
                .contains(plugins.resolve("a.jar") + " (com.acme.a)")
                .contains(plugins.resolve("b.jar") + " (com.acme.b)"));
    }

    @Test
    void aProviderWhoseConstructorThrowsFailsItsWholePlugin() throws IOException {
        String pkg = "com.acme.half";
        jars.jar(plugins.resolve("half.jar"), null, List.of(), Map.of(
                "module-info.java", "module " + pkg + " { requires io.cpra.plugin.api; "
                        + "provides io.cpra.plugin.api.PulsePlugin with " + pkg + ".Good, " + pkg + ".Bad; }",
                pkg.replace('.', '/') + "/Good.java", PluginJars.pulseProvider(pkg, "Good", "good", ""),
                pkg.replace('.', '/') + "/Bad.java", PluginJars.pulseProvider(pkg, "Bad", "bad",
                        "if (true) throw new IllegalStateException(\"no licence key\");")));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.entries()).isEmpty();
        assertThat(registry.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .startsWith("plugin " + plugins.resolve("half.jar"))
                .contains("provider com.acme.half.Bad of com.acme.half failed to start")
                .contains("no licence key"));
    }

    @Test
    void aJarProvidingNothingIsReported() throws IOException {
        jars.jar(plugins.resolve("library.jar"), null, List.of(), Map.of(
                "module-info.java", "module com.acme.library { exports com.acme.library; }",
                "com/acme/library/Thing.java", "package com.acme.library; public class Thing {}"));

        assertThat(PluginHost.load(plugins).failures()).singleElement().satisfies(failure ->
                assertThat(failure.message()).contains("provides no cpra plugin").contains("com.acme.library"));
    }

    @Test
    void aMissingDependencyNamesTheModule() throws IOException {
        Path lib = jars.jar(work.resolve("elsewhere/lib.jar"), null, List.of(), Map.of(
                "module-info.java", "module com.acme.absent { exports com.acme.absent; }",
                "com/acme/absent/A.java", "package com.acme.absent; public class A {}"));
        jars.jar(plugins.resolve("needy.jar"), null, List.of(lib), Map.of(
                "module-info.java", "module com.acme.needy { requires io.cpra.plugin.api; requires com.acme.absent; "
                        + "provides io.cpra.plugin.api.PulsePlugin with com.acme.needy.Provider; }",
                "com/acme/needy/Provider.java", PluginJars.pulseProvider("com.acme.needy", "Provider", "needy", "")));

        assertThat(PluginHost.load(plugins).failures()).singleElement().satisfies(failure ->
                assertThat(failure.message()).contains("cannot be loaded as modules").contains("com.acme.absent"));
    }

    @Test
    void strayFilesAndMissingFoldersAreReportedHiddenOnesIgnored() throws IOException {
        Files.writeString(plugins.resolve("README.txt"), "hello");
        Files.writeString(plugins.resolve(".DS_Store"), "x");
        Files.createDirectories(plugins.resolve("empty"));

        assertThat(PluginHost.load(plugins).failures()).extracting(PluginFailure::message).containsExactly(
                "plugin " + plugins.resolve("README.txt") + " is neither a .jar file nor a folder of jars; remove it from " + plugins,
                "plugin " + plugins.resolve("empty") + ": the folder holds no .jar files");
        assertThat(PluginHost.load(work.resolve("nowhere")).failures()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("does not exist"));
    }
}
