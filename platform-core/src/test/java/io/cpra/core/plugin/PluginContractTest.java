package io.cpra.core.plugin;

import io.cpra.plugin.api.PluginApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The host's side of the plugin contract: the API version a plugin was built for, and the
 * platform modules it may read ({@link PlatformModules}). Each case builds a real jar.
 */
class PluginContractTest {

    @TempDir
    Path work;

    Path plugins;
    PluginJars jars;

    @BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        jars = new PluginJars(work.resolve("build"));
    }

    private Map<String, String> pulseModule(String module, String requires) {
        return Map.of(
                "module-info.java", "module " + module + " { requires io.cpra.plugin.api; " + requires
                        + " provides io.cpra.plugin.api.PulsePlugin with " + module + ".Provider; }",
                module.replace('.', '/') + "/Provider.java", PluginJars.pulseProvider(module, "Provider", "probe", ""));
    }

    @Test
    void aPluginBuiltAgainstThisApiLoadsAndItsModuleStatesTheVersion() throws IOException {
        Path jar = jars.jar(plugins.resolve("probe.jar"), "1.0.0", List.of(), pulseModule("com.acme.probe", ""));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).isEmpty();
        assertThat(registry.types(PluginFamily.PULSE)).containsExactly("probe");
        assertThat(java.lang.module.ModuleFinder.of(jar).find("com.acme.probe").orElseThrow().descriptor().requires())
                .filteredOn(r -> r.name().equals("io.cpra.plugin.api")).singleElement()
                .satisfies(r -> assertThat(r.rawCompiledVersion()).contains(PluginApi.VERSION));
    }

    @Test
    void aPluginBuiltForANewerMajorIsRefusedNamingTheJarAndBothVersions() throws IOException {
        Path api = jars.apiAsVersion((PluginApi.MAJOR + 1) + ".0");
        Path jar = jars.jar(plugins.resolve("future.jar"), null, api, List.of(), pulseModule("com.acme.future", ""));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.entries()).isEmpty();
        assertThat(registry.failures()).singleElement().satisfies(failure -> assertThat(failure.message()).isEqualTo(
                "plugin " + jar + ": module com.acme.future was built for plugin API " + (PluginApi.MAJOR + 1)
                        + ".0, but this cpra provides plugin API " + PluginApi.VERSION + "; run it on a cpra with plugin API "
                        + (PluginApi.MAJOR + 1) + ".x, or rebuild it against cpra-plugin-api " + PluginApi.VERSION));
    }

    @Test
    void aPlainJarStatesItsApiVersionInItsManifest() throws IOException {
        Path jar = jars.jar(plugins.resolve("plain.jar"), null, List.of(), Map.of(
                "com/acme/plain/Provider.java", PluginJars.pulseProvider("com.acme.plain", "Provider", "plain", ""),
                "META-INF/services/io.cpra.plugin.api.PulsePlugin", "com.acme.plain.Provider\n",
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n" + PluginApi.MANIFEST_ATTRIBUTE + ": "
                        + PluginApi.MAJOR + "." + (PluginApi.MINOR + 1) + "\n"));

        assertThat(PluginHost.load(plugins).failures()).singleElement().satisfies(failure ->
                assertThat(failure.message()).startsWith("plugin " + jar + ": module plain was built for plugin API "
                        + PluginApi.MAJOR + "." + (PluginApi.MINOR + 1)).contains("upgrade cpra"));
    }

    @Test
    void theVersionRuleAcceptsTheSameMajorUpToThisMinor() {
        assertThat(ApiVersions.refusal("m", "1.0", 1, 2)).isEmpty();
        assertThat(ApiVersions.refusal("m", "1.2", 1, 2)).isEmpty();
        assertThat(ApiVersions.refusal("m", "1.2.7-SNAPSHOT", 1, 2)).isEmpty();
        assertThat(ApiVersions.refusal("m", "1.3", 1, 2)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("module m was built for plugin API 1.3, but this cpra provides plugin API 1.2; it may use "
                        + "what this cpra lacks: upgrade cpra to one with plugin API 1.3 or newer"));
        assertThat(ApiVersions.refusal("m", "0.1.0-SNAPSHOT", 1, 2)).hasValueSatisfying(why -> assertThat(why)
                .endsWith("rebuild it against cpra-plugin-api 1.2"));
        assertThat(ApiVersions.refusal("m", "two", 1, 2)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("module m states plugin API version \"two\", which is not MAJOR.MINOR; "
                        + "this cpra provides plugin API 1.2"));
    }

    @Test
    void aPluginRequiringThePlatformItselfIsRefusedWithWhatItMayReadInstead() throws IOException {
        Path core = PluginJars.locationOf(PluginHost.class.getModule());
        Path jar = jars.jar(plugins.resolve("sneaky.jar"), null, List.of(core),
                pulseModule("com.acme.sneaky", "requires io.cpra.core;"));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.entries()).isEmpty();
        assertThat(registry.failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .startsWith("plugin " + jar + ": module com.acme.sneaky requires io.cpra.core from the platform, "
                        + "which plugins may not read; plugins may read io.cpra.plugin.api, the JDK's modules and "
                        + "io.helidon.webclient, io.helidon.faulttolerance, jakarta.json, org.slf4j")
                .endsWith("bundle any other library in the plugin's own folder"));
    }

    @Test
    void aPluginRequiringAnUnsharedPlatformLibraryIsRefused() throws IOException {
        Path yaml = PluginJars.locationOf(org.snakeyaml.engine.v2.api.Load.class.getModule());
        jars.jar(plugins.resolve("yaml.jar"), null, List.of(yaml),
                pulseModule("com.acme.yaml", "requires org.snakeyaml.engine.v2;"));

        assertThat(PluginHost.load(plugins).failures()).singleElement().satisfies(failure -> assertThat(failure.message())
                .contains("module com.acme.yaml requires org.snakeyaml.engine.v2 from the platform, which plugins may not read"));
    }

    @Test
    void aPlainJarIsJudgedByTheClassesItUses() throws IOException {
        Path core = PluginJars.locationOf(PluginHost.class.getModule());
        String provider = PluginJars.pulseProvider("com.acme.peek", "Provider", "peek", "")
                .replace("return deadline -> PulseOutcome.ok(\"fine\");",
                        "return deadline -> PulseOutcome.ok(io.cpra.core.Main.class.getName());");
        Path jar = jars.jar(plugins.resolve("peek.jar"), null, List.of(core), Map.of(
                "com/acme/peek/Provider.java", provider,
                "META-INF/services/io.cpra.plugin.api.PulsePlugin", "com.acme.peek.Provider\n"));

        assertThat(PluginHost.load(plugins).failures()).singleElement().satisfies(failure ->
                assertThat(failure.message()).startsWith("plugin " + jar + ": module peek uses io.cpra.core from the platform"));
    }

    @Test
    void aPluginMayReadTheSharedLibrariesAndTheJdk() throws IOException {
        Path json = PluginJars.locationOf(jakarta.json.Json.class.getModule());
        jars.jar(plugins.resolve("json.jar"), null, List.of(json),
                pulseModule("com.acme.json", "requires jakarta.json; requires java.net.http;"));

        PluginRegistry registry = PluginHost.load(plugins);

        assertThat(registry.failures()).isEmpty();
        assertThat(registry.types(PluginFamily.PULSE)).containsExactly("probe");
    }

    @Test
    void theContractListsTheSharedLibrariesAndWhatTheyPassOnButNotThePlatform() {
        PlatformModules platform = PlatformModules.of(ModuleLayer.boot().configuration());

        assertThat(platform.allowed()).contains("io.cpra.plugin.api", "jakarta.json", "io.helidon.faulttolerance");
        assertThat(platform.allows("java.sql")).isTrue();
        assertThat(platform.allows("jdk.net")).isTrue();
        assertThat(platform.allows("io.cpra.core")).isFalse();
        assertThat(platform.allows("io.helidon.webserver")).isFalse();
        assertThat(platform.allows("org.snakeyaml.engine.v2")).isFalse();
    }

    @Test
    void whatASharedLibraryRequiresTransitivelyComesWithItAndNothingElse() throws IOException {
        String shared = PlatformModules.SHARED.stream().filter(n -> ModuleLayer.boot().findModule(n).isEmpty())
                .findFirst().orElse(null);
        assumeTrue(shared != null, "every shared library is in the test's boot layer");
        Path passedOn = jars.jar(work.resolve("lib/passed.jar"), null, List.of(), Map.of(
                "module-info.java", "module com.acme.passed { exports com.acme.passed; }",
                "com/acme/passed/P.java", "package com.acme.passed; public class P {}"));
        Path internal = jars.jar(work.resolve("lib/internal.jar"), null, List.of(), Map.of(
                "module-info.java", "module com.acme.internal { exports com.acme.internal; }",
                "com/acme/internal/I.java", "package com.acme.internal; public class I {}"));
        Path library = jars.jar(work.resolve("lib/shared.jar"), null, List.of(passedOn, internal), Map.of(
                "module-info.java", "module " + shared + " { requires transitive com.acme.passed; requires com.acme.internal; }"));
        Configuration boot = Configuration.resolve(ModuleFinder.of(passedOn, internal, library),
                List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), Set.of(shared));

        PlatformModules platform = PlatformModules.of(boot);

        assertThat(platform.allows(shared)).isTrue();
        assertThat(platform.allows("com.acme.passed")).isTrue();
        assertThat(platform.allows("com.acme.internal")).isFalse();
    }
}
