package io.cpra.core.manifest;

import io.cpra.plugin.api.Colour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.cpra.core.manifest.Manifests.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The shapes the original CPRA loader (its v0.5 schema) accepts and cpra once refused, one row
 * each: the manifest loads and the value keeps its meaning. Unknown keys stay errors.
 */
class CompatShapesTest {

    private static final String MONITOR = """
            monitors:
              - name: %s
            %s    pulse_check:
                  type: tcp
                  interval: 5s
            %s      config: {host: h, port: 1}
            %s""";

    /** A monitor with extra lines at the monitor level, in pulse_check, and after it (codes). */
    private static String monitor(String name, String monitorLines, String pulseLines, String tail) {
        return MONITOR.formatted(name, monitorLines, pulseLines, tail);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                row("name with spaces", monitor("\"Service Health Check\"", "", "", ""),
                        MonitorDefinition::name, "Service Health Check"),
                row("name with brackets and a hash", monitor("\"db (primary) #1\"", "", "", ""),
                        MonitorDefinition::name, "db (primary) #1"),
                row("name with a plain space", monitor("Service Health Check", "", "", ""),
                        MonitorDefinition::name, "Service Health Check"),
                row("name in another script", monitor("Zürich → API ✓", "", "", ""),
                        MonitorDefinition::name, "Zürich → API ✓"),
                row("name of 200 characters", monitor("x".repeat(200), "", "", ""),
                        m -> m.name().length(), 200),
                row("notify_groups as a list", monitor("m", "    notify_groups: [ops, dba]\n", "", ""),
                        MonitorDefinition::notifyGroups, List.of("ops", "dba")),
                row("notify_groups as one string", monitor("m", "    notify_groups: ops\n", "", ""),
                        MonitorDefinition::notifyGroups, List.of("ops")),
                row("groups as one string", monitor("m", "    groups: payments\n", "", ""),
                        MonitorDefinition::groups, List.of("payments")),
                row("groups as one string inside pulse_check", monitor("m", "", "      groups: tier-1\n", ""),
                        MonitorDefinition::groups, List.of("tier-1")),
                row("codes.groups beside the colours as a list", monitor("m", "", "", """
                            codes:
                              groups: [ops, sre]
                              red: {notify: log, config: {file: r}}
                        """), MonitorDefinition::notifyGroups, List.of("ops", "sre")),
                row("codes.groups as one string", monitor("m", "    notify_groups: [dba]\n", "", """
                            codes:
                              groups: ops
                              red: {notify: log, config: {file: r}}
                        """), MonitorDefinition::notifyGroups, List.of("dba", "ops")),
                row("codes.<colour>.groups as a list", monitor("m", "", "", """
                            codes:
                              red: {notify: log, groups: [pager, ops], config: {file: r}}
                        """), m -> m.codes().get(Colour.RED).groups(), List.of("pager", "ops")),
                row("codes.<colour>.groups as one string", monitor("m", "", "", """
                            codes:
                              yellow:
                                notify: log
                                groups: ops
                                config: {file: y}
                        """), m -> m.codes().get(Colour.YELLOW).groups(), List.of("ops")),
                row("every notify group, for listings", monitor("m", "    notify_groups: a\n", "", """
                            codes:
                              groups: [b, a]
                              red: {notify: log, groups: [c, b], config: {file: r}}
                              gray: {notify: log, groups: d, config: {file: g}}
                        """), MonitorDefinition::allNotifyGroups, List.of("a", "b", "c", "d")),
                row("a plugin's list key as one string (headers)", """
                        monitors:
                          - name: web
                            pulse_check:
                              type: http
                              interval: 5s
                              config:
                                url: http://127.0.0.1/health
                                headers: "Accept: application/json"
                        """, m -> m.pulse().config().get("headers"), "Accept: application/json"));
    }

    private static Arguments row(String shape, String yaml, Function<MonitorDefinition, Object> read, Object expected) {
        return arguments(shape, yaml, read, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void loadsWithCpraMeaning(String shape, String yaml, Function<MonitorDefinition, Object> read, Object expected) {
        List<MonitorDefinition> monitors = valid(yaml);

        assertThat(monitors).hasSize(1);
        assertThat(read.apply(monitors.get(0))).isEqualTo(expected);
    }

    @Test
    void unknownKeysBesideTheCompatOnesStayErrors() {
        ManifestResult result = Manifests.read(monitor("m", "    notify_group: [ops]\n", "", """
                    codes:
                      groupz: [ops]
                      red: {notify: log, grups: ops, config: {file: r}}
                """));

        assertThat(result.errors()).extracting(ManifestError::toString).containsExactly(
                "m.yaml:3:5: monitor \"m\": notify_group: unknown key \"notify_group\" (did you mean \"notify_groups\"?);"
                        + " accepted keys: name, enabled, groups, notify_groups, depends_on, pulse_check, pulse, intervention, codes",
                "m.yaml:9:7: monitor \"m\": codes.groupz: unknown colour \"groupz\" (did you mean \"groups\"?); colours:"
                        + " yellow, red, cyan, green, gray (and groups)",
                "m.yaml:10:26: monitor \"m\": codes.red.grups: unknown key \"grups\" (did you mean \"groups\"?);"
                        + " accepted keys: dispatch, notify, cooldown, groups, config");
    }
}
