package io.cpra.it;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries of DESIGN.md ("Boundaries"), checked on the compiled classes of every
 * module: the plugin API, the platform and every plugin the build produces.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cpra");
        // the rules below must not pass merely because a module was missing from the class path
        assertThat(classes.containPackage("io.cpra.plugin.api")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.plugin")).isTrue();
        assertThat(classes.containPackage("io.cpra.plugins.examplecheck")).isTrue();
        assertThat(classes.containPackage("io.cpra.plugins.http")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.engine.lifecycle")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.engine.budget")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.web")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.series")).isTrue();
        assertThat(classes.containPackage("io.cpra.testing.postgres")).isTrue();
        assertThat(classes.containPackage("io.cpra.core.listen")).isTrue();
    }

    @Test
    void pluginApiDependsOnJavaOnly() {
        classes().that().resideInAPackage("io.cpra.plugin.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cpra.plugin.api..")
                .check(classes);
    }

    @Test
    void pluginsNeverReachIntoThePlatform() {
        noClasses().that().resideInAPackage("io.cpra.plugins..")
                .should().dependOnClassesThat().resideInAPackage("io.cpra.core..")
                .check(classes);
    }

    @Test
    void pluginsNeverReachIntoEachOther() {
        slices().matching("io.cpra.plugins.(*)..").should().notDependOnEachOther().check(classes);
    }

    /**
     * The package-level view of io.cpra.core.plugin.PlatformModules: plugins read the plugin
     * API, the JDK, the libraries the platform shares with them (and what those pass on) and
     * the libraries they bundle. The host enforces the exact module list when it loads them
     * (DistributionIT loads every bundled plugin; PluginContractTest refuses the others).
     */
    @Test
    void pluginsReadOnlyTheApiTheJdkTheSharedLibrariesAndTheirOwn() {
        classes().that().resideInAPackage("io.cpra.plugins..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "javax..", "io.cpra.plugin.api..", "io.cpra.plugins..",
                        // shared by the platform: io.helidon.webclient (with io.helidon.http and
                        // io.helidon.common.*, which it requires transitively), io.helidon.faulttolerance,
                        // jakarta.json, org.slf4j
                        "io.helidon.webclient..", "io.helidon.http..", "io.helidon.common..",
                        "io.helidon.faulttolerance..", "jakarta.json..", "org.slf4j..",
                        // bundled in the plugins' own folders: dnsjava, Jakarta Mail and Angus
                        "org.xbill.DNS..", "jakarta.mail..", "jakarta.activation..", "org.eclipse.angus..")
                .check(classes);
    }

    @Test
    void engineKnowsNothingOfHttpStorageOrTheWebServer() {
        noClasses().that().resideInAPackage("io.cpra.core.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cpra.core.http..", "io.cpra.core.storage..", "io.helidon.webserver..")
                .check(classes);
    }

    /** The listener guards sockets for whatever server uses it: it knows no engine, API, store or plugin. */
    @Test
    void theListenerKnowsOnlyHelidonAndTheJdk() {
        classes().that().resideInAPackage("io.cpra.core.listen..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.cpra.core.listen..", "io.cpra.plugin.api..", "io.helidon..", "java..", "javax..",
                        "com.sun.management..")
                .check(classes);
    }

    @Test
    void theHttpApiReachesTheEngineOnlyThroughItsFace() {
        noClasses().that().resideInAPackage("io.cpra.core.http..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cpra.core.engine.store..", "io.cpra.core.engine.queue..",
                        "io.cpra.core.engine.schedule..", "io.cpra.core.engine.pool..")
                .check(classes);
    }

    @Test
    void thePublicPagesOnlyReadTheEngineThroughItsFaceAndChangeNothing() {
        // status pages and badges are served without a token: they must not reach the control
        // plane (every write), the API's internals or the engine's rows
        noClasses().that().resideInAPackage("io.cpra.core.web..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cpra.core.ops..", "io.cpra.core.http..", "io.cpra.core.journal..",
                        "io.cpra.core.engine.store..", "io.cpra.core.engine.queue..",
                        "io.cpra.core.engine.schedule..", "io.cpra.core.engine.pool..")
                .check(classes);
    }

    @Test
    void perMonitorSeriesReadTheEngineThroughItsFaceAndChangeNothing() {
        // the series are read on a thread of their own: never the engine's rows, never a write
        noClasses().that().resideInAPackage("io.cpra.core.series..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.cpra.core.ops..", "io.cpra.core.http..", "io.cpra.core.web..", "io.cpra.core.journal..",
                        "io.cpra.core.storage..", "io.cpra.core.engine.store..", "io.cpra.core.engine.queue..",
                        "io.cpra.core.engine.schedule..", "io.cpra.core.engine.pool..")
                .check(classes);
    }

    @Test
    void theEngineCallsPluginsOnlyThroughOneWrapper() {
        noClasses().that().resideInAPackage("io.cpra.core.engine..")
                .and().doNotHaveFullyQualifiedName("io.cpra.core.engine.PluginCalls")
                .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.assignableTo("io.cpra.plugin.api.PulseCheck")
                                .or(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.Intervention"))
                                .or(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.Notifier")))))
                .because("plugin code never runs on the engine thread unguarded: every call goes through"
                        + " PluginCalls (DESIGN.md, Boundaries)")
                .check(classes);
    }

    @Test
    void theApiPolicyDecidesFromDescriptorsBeforeAnyPluginRuns() {
        noClasses().that().resideInAPackage("io.cpra.core.trust..")
                .should().dependOnClassesThat(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.Plugin")
                        .or(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.PulseCheck"))
                        .or(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.Intervention"))
                        .or(JavaClass.Predicates.assignableTo("io.cpra.plugin.api.Notifier")))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.cpra.core.engine..", "io.cpra.core.http..",
                        "io.cpra.core.ops..", "io.cpra.core.storage..", "io.cpra.core.plugin..")
                .because("the API policy is checked from what descriptors declare, before a plugin prepares"
                        + " anything, so a refused monitor creates, opens and probes nothing (docs/operations.md,"
                        + " Trust model)")
                .check(classes);
    }

    @Test
    void lifecycleIsPureJava() {
        classes().that().resideInAPackage("io.cpra.core.engine.lifecycle..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java.lang..", "java.util..", "io.cpra.core.engine.lifecycle..")
                .check(classes);
    }

    @Test
    void interventionBudgetsArePureJava() {
        // the accounting that keeps budgets from being exceeded is a pure function of its calls and the
        // time passed in: no clock, thread or engine state, so its property tests prove the invariant
        classes().that().resideInAPackage("io.cpra.core.engine.budget..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java.lang..", "java.util..", "io.cpra.core.engine.budget..")
                .check(classes);
    }

    @Test
    void tokensKnowNothingOfHttpOrStorage() {
        // who holds which token is decided apart from how requests arrive and where changes go,
        // so the CLI and the server share it and it can be tested without either
        classes().that().resideInAPackage("io.cpra.core.access..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cpra.core.access..")
                .because("the token rules are plain Java; the http package asks them, never the other way")
                .check(classes);
    }

    @Test
    void onlyTestsUseTheTestSupport() {
        noClasses().that().resideOutsideOfPackage("io.cpra.testing..")
                .should().dependOnClassesThat().resideInAPackage("io.cpra.testing..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.cpra.(**)").should().beFreeOfCycles().check(classes);
    }
}
