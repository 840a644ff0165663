package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code depends_on}: parents by name and by {@code group:NAME}, checked at the end of the load
 * for names that exist and for cycles, each error at the entry's line and column.
 */
class DependsOnTest {

    /** One tcp monitor, six lines; {@code extra} lines go after its name. */
    private static String monitor(String name, String... extra) {
        StringBuilder text = new StringBuilder("  - name: ").append(name).append('\n');
        for (String line : extra) {
            text.append("    ").append(line).append('\n');
        }
        return text.append("""
                    pulse_check:
                      type: tcp
                      interval: 5s
                      config: {host: h, port: 1}
                """).toString();
    }

    private static String manifest(String... monitors) {
        return "monitors:\n" + String.join("", monitors);
    }

    @Test
    void parentsByNameAndGroupAreKeptInOrderWithoutRepeats() {
        List<MonitorDefinition> monitors = Manifests.valid(manifest(
                monitor("core-switch-1", "groups: [core]"),
                monitor("core-switch-2", "groups: [core]"),
                monitor("web-1", "depends_on: [core-switch-1, \"group:core\", core-switch-1]")));

        assertThat(monitors.get(2).dependsOn()).containsExactly("core-switch-1", "group:core");
        assertThat(monitors.get(0).dependsOn()).isEmpty();
    }

    @Test
    void aParentMayComeAfterItsChildAndAChainIsNoCycle() {
        Manifests.valid(manifest(
                monitor("app", "depends_on: [db]"),
                monitor("db", "depends_on: [switch]"),
                monitor("switch")));
    }

    @Test
    void anUnknownParentIsAnErrorAtItsEntryWithASuggestion() {
        ManifestResult result = Manifests.read(manifest(
                monitor("core-switch-1"),
                monitor("web-1", "depends_on: [core-switch-2x, core-swich-1]")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:8:18: monitor \"web-1\": depends_on[0]: no monitor of this manifest is named \"core-switch-2x\" "
                        + "(did you mean \"core-switch-1\"?)",
                "m.yaml:8:34: monitor \"web-1\": depends_on[1]: no monitor of this manifest is named \"core-swich-1\" "
                        + "(did you mean \"core-switch-1\"?)");
    }

    @Test
    void anUnknownGroupIsAnError() {
        ManifestResult result = Manifests.read(manifest(
                monitor("core-switch-1", "groups: [core]"),
                monitor("web-1", "depends_on: [\"group:cores\"]")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:9:18: monitor \"web-1\": depends_on[0]: no monitor of this manifest is in group \"cores\" "
                        + "(did you mean \"core\"?)");
    }

    @Test
    void aCycleIsAnErrorNamingItsPath() {
        ManifestResult result = Manifests.read(manifest(
                monitor("a", "depends_on: [b]"),
                monitor("b", "depends_on: [c]"),
                monitor("c", "depends_on: [a]"),
                monitor("d", "depends_on: [a]")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:15:18: monitor \"c\": depends_on[0]: depends_on forms a cycle: a -> b -> c -> a");
    }

    @Test
    void aCycleThroughAGroupNamesTheGroup() {
        ManifestResult result = Manifests.read(manifest(
                monitor("switch", "groups: [core]", "depends_on: [router]"),
                monitor("router", "depends_on: [\"group:core\"]")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:10:18: monitor \"router\": depends_on[0]: depends_on forms a cycle: "
                        + "switch -> router -> (group:core) switch");
    }

    @Test
    void aMonitorCannotDependOnItselfNorOnAnEmptyGroupName() {
        ManifestResult result = Manifests.read(manifest(
                monitor("a", "depends_on: [a, \"group:\", {x: 1}]")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:3:18: monitor \"a\": depends_on[0]: a monitor cannot depend on itself",
                "m.yaml:3:21: monitor \"a\": depends_on[1]: expected a group name after \"group:\"",
                "m.yaml:3:31: monitor \"a\": depends_on[2]: expected a monitor name or group:NAME, got a map");
    }

    @Test
    void dependsOnMustBeAList() {
        ManifestResult result = Manifests.read(manifest(monitor("a", "depends_on: b")));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:3:5: monitor \"a\": depends_on: expected a list of monitor names and group:NAME entries such as "
                        + "[core-switch-1, group:core], got \"b\"");
    }

    @Test
    void aSingleMonitorFromTheApiIsCheckedOnItsOwn() {
        ManifestResult result = ManifestReader.create(TestCatalog.CATALOG).readMonitor("request body",
                new java.io.StringReader("""
                        name: web-9
                        depends_on: [core-switch-1]
                        pulse: {type: tcp, interval: 5s, config: {host: h, port: 1}}
                        """), definition -> { });

        assertThat(result.ok()).as(result.describe()).isTrue();
    }

    @Test
    void theExampleInTheDocsLoads() {
        List<MonitorDefinition> monitors = Manifests.valid("""
                monitors:
                  - name: core-switch-1
                    groups: [core]
                    pulse: {type: icmp, interval: 5s, config: {host: 10.0.0.1}}
                    codes:
                      red: {notify: slack, config: {hook: https://hooks.slack.com/services/T000/B000/XXXX}}
                  - name: checkout-api
                    depends_on: [core-switch-1]          # by name
                    pulse: {type: http, interval: 10s, max_failures: 3, config: {url: http://10.0.1.5/health}}
                  - name: orders-db
                    depends_on: ["group:core"]           # any monitor of group core; quote it or not, either works
                    pulse: {type: tcp, interval: 10s, max_failures: 3, config: {host: 10.0.1.6, port: 5432}}
                """);

        assertThat(monitors).extracting(MonitorDefinition::dependsOn)
                .containsExactly(List.of(), List.of("core-switch-1"), List.of("group:core"));
    }
}
