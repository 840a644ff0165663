package io.cpra.core.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.cpra.core.manifest.Manifests.base;
import static io.cpra.core.manifest.Manifests.insertAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One broken rule per row: the manifest is refused with exactly one error, at the expected
 * line:column, monitor and key path, saying what was expected.
 */
class SchemaErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                // monitor level
                arguments("unknown monitor key", insertAfter(2, "    enabeld: true"), "3:5", "m1", "enabeld",
                        "unknown key \"enabeld\" (did you mean \"enabled\"?); accepted keys: name, enabled, groups,"),
                arguments("missing name", base(2, "  - enabled: true"), "2:5", "", "monitors[0].name",
                        "required key \"name\" is missing"),
                arguments("name with a control character", base(2, "  - name: \"my\\tmonitor\""), "2:5", "",
                        "monitors[0].name", "a name cannot hold control characters, but it has U+0009 at position 3"),
                arguments("name with a line break", base(2, "  - name: \"my\\nmonitor\""), "2:5", "",
                        "monitors[0].name", "a name cannot hold control characters, but it has U+000A at position 3"),
                arguments("blank name", base(2, "  - name: \"  \""), "2:5", "", "monitors[0].name",
                        "a name has 1 to 200 characters and is not blank, got 2 characters"),
                arguments("name ..", base(2, "  - name: \"..\""), "2:5", "", "monitors[0].name",
                        "a name cannot be \"..\" (a URL path would resolve it away)"),
                arguments("name too long", base(2, "  - name: " + "a".repeat(201)), "2:5", "", "monitors[0].name",
                        "a name has 1 to 200 characters and is not blank, got 201 characters"),
                arguments("name not text", base(2, "  - name: [a]"), "2:5", "", "monitors[0].name",
                        "expected a text value, got a list"),
                arguments("enabled not a boolean", insertAfter(2, "    enabled: maybe"), "3:5", "m1", "enabled",
                        "expected true or false (or yes/no, on/off), got \"maybe\""),
                arguments("quoted yes is text", insertAfter(2, "    enabled: \"yes\""), "3:5", "m1", "enabled",
                        "expected true or false (or yes/no, on/off), got \"yes\""),
                arguments("groups a map", insertAfter(2, "    groups: {a: b}"), "3:5", "m1", "groups",
                        "expected a group name or a list of them such as [payments, tier-1], got a map"),
                arguments("notify_groups a map", insertAfter(2, "    notify_groups: {a: b}"), "3:5", "m1", "notify_groups",
                        "expected a group name or a list of them such as [payments, tier-1], got a map"),
                arguments("group not text", insertAfter(2, "    groups: [a, {b: c}]"), "3:17", "m1", "groups[1]",
                        "expected a group name, got a map"),
                arguments("both pulse spellings", insertAfter(8, "    pulse: {type: tcp}"), "9:5", "m1", "pulse",
                        "give either pulse_check or pulse, not both"),
                arguments("no pulse", "monitors:\n  - name: m1\n", "2:5", "m1", "pulse_check",
                        "required key \"pulse_check\" (or \"pulse\") is missing"),
                arguments("pulse not a map", "monitors:\n  - name: m1\n    pulse: tcp\n", "3:5", "m1", "pulse",
                        "expected a map, got \"tcp\""),
                // pulse block
                arguments("unknown pulse key", insertAfter(5, "      intervall: 5s"), "6:7", "m1", "pulse_check.intervall",
                        "unknown key \"intervall\" (did you mean \"interval\"?)"),
                arguments("missing type", base(4, "      groups: []"), "4:7", "m1", "pulse_check.type",
                        "required key \"type\" is missing"),
                arguments("unknown pulse type", base(4, "      type: htp"), "4:7", "m1", "pulse_check.type",
                        "unknown pulse type \"htp\" (did you mean \"http\"?); installed: http, icmp, tcp"),
                arguments("missing interval", base(5, "      timeout: 1s"), "4:7", "m1", "pulse_check.interval",
                        "required key \"interval\" is missing"),
                arguments("bad duration", base(5, "      interval: 5x"), "5:7", "m1", "pulse_check.interval",
                        "\"5x\" is not a duration: unknown unit \"x\""),
                arguments("duration without unit", base(5, "      interval: 5"), "5:7", "m1", "pulse_check.interval",
                        "\"5\" is not a duration: the unit is missing after 5"),
                arguments("interval too short", base(5, "      interval: 50ms"), "5:7", "m1", "pulse_check.interval",
                        "the interval must be between 100ms and 24h, got 50ms"),
                arguments("interval too long", base(5, "      interval: 25h"), "5:7", "m1", "pulse_check.interval",
                        "the interval must be between 100ms and 24h, got 25h"),
                arguments("zero timeout", insertAfter(5, "      timeout: 0s"), "6:7", "m1", "pulse_check.timeout",
                        "the timeout must be greater than 0, got 0s"),
                arguments("timeout over interval", insertAfter(5, "      timeout: 6s"), "6:7", "m1", "pulse_check.timeout",
                        "the timeout (6s) must not be longer than the interval (5s)"),
                arguments("both threshold aliases", insertAfter(5, "      max_failures: 2\n      unhealthy_threshold: 2"),
                        "7:7", "m1", "pulse_check.unhealthy_threshold",
                        "give either unhealthy_threshold or max_failures (they mean the same), not both"),
                arguments("zero max_failures", insertAfter(5, "      max_failures: 0"), "6:7", "m1", "pulse_check.max_failures",
                        "expected a whole number from 1 to 2147483647, got 0"),
                arguments("quoted number", insertAfter(5, "      max_failures: \"3\""), "6:7", "m1", "pulse_check.max_failures",
                        "expected a whole number of at least 1, got \"3\""),
                arguments("fraction", insertAfter(5, "      healthy_threshold: 2.5"), "6:7", "m1",
                        "pulse_check.healthy_threshold", "expected a whole number of at least 1, got 2.5"),
                arguments("config not a map", "monitors:\n  - name: m1\n    pulse:\n      type: tcp\n      interval: 1s\n"
                        + "      config: [1]\n", "6:7", "m1", "pulse.config",
                        "expected a map of the plugin's settings, got a list"),
                // plugin config, checked against the descriptor
                arguments("unknown config key", insertAfter(8, "        prot: 1"), "9:9", "m1", "pulse_check.config.prot",
                        "unknown key (did you mean \"port\"?); accepted keys: host, port, retries"),
                arguments("wrong config type", base(8, "        port: http"), "8:9", "m1", "pulse_check.config.port",
                        "expected a whole number, got \"http\""),
                arguments("missing config key", base(8, "        retries: 1"), "6:7", "m1", "pulse_check.config.port",
                        "required key is missing"),
                arguments("nested config key", "monitors:\n  - name: m1\n    pulse:\n      type: http\n      interval: 1s\n"
                        + "      config:\n        url: u\n        tls:\n          verify: maybe\n", "9:11", "m1",
                        "pulse.config.tls.verify", "expected true or false, got \"maybe\""),
                arguments("list item in config", "monitors:\n  - name: m1\n    pulse:\n      type: http\n      interval: 1s\n"
                        + "      config:\n        url: u\n        headers:\n          - a\n          - {b: c}\n", "10:13",
                        "m1", "pulse.config.headers[1]", "expected a text value, got a map"),
                // intervention
                arguments("intervention without action", insertAfter(8, "    intervention:\n      retries: 2"), "10:7",
                        "m1", "intervention.action", "required key \"action\" is missing"),
                arguments("unknown intervention", insertAfter(8, "    intervention:\n      action: dokcer"), "10:7",
                        "m1", "intervention.action",
                        "unknown intervention type \"dokcer\" (did you mean \"docker\"?); installed: docker, webhook"),
                arguments("both attempt aliases", insertAfter(8, "    intervention:\n      action: webhook\n      retries: 1\n"
                        + "      max_failures: 1\n      target: {url: u}"), "12:7", "m1", "intervention.max_failures",
                        "give either retries or max_failures (they mean the same), not both"),
                arguments("target and config", insertAfter(8, "    intervention:\n      action: webhook\n"
                        + "      target: {url: u}\n      config: {url: u}"), "12:7", "m1", "intervention.config",
                        "give either target or config, not both"),
                arguments("zero intervention timeout", insertAfter(8, "    intervention:\n      action: webhook\n"
                        + "      timeout: 0s\n      target: {url: u}"), "11:7", "m1", "intervention.timeout",
                        "the timeout must be greater than 0, got 0s"),
                arguments("negative backoff", insertAfter(8, "    intervention:\n      action: webhook\n"
                        + "      backoff: -1s\n      target: {url: u}"), "11:7", "m1", "intervention.backoff",
                        "the backoff must be 0 or more, got -1s"),
                arguments("zero verify", insertAfter(8, "    intervention:\n      action: webhook\n"
                        + "      verify: 0\n      target: {url: u}"), "11:7", "m1", "intervention.verify",
                        "expected a whole number from 1 to 2147483647, got 0"),
                arguments("intervention target key", insertAfter(8, "    intervention:\n      action: webhook\n"
                        + "      target: {url: u, uri: u}"), "11:24", "m1", "intervention.target.uri",
                        "unknown key (did you mean \"url\"?); accepted keys: url"),
                // codes
                arguments("unknown colour", insertAfter(8, "    codes:\n      grey: {notify: log, config: {file: f}}"),
                        "10:7", "m1", "codes.grey",
                        "unknown colour \"grey\" (did you mean \"gray\"?); colours: yellow, red, cyan, green, gray"),
                arguments("code without notify", insertAfter(8, "    codes:\n      red: {dispatch: true}"), "10:12",
                        "m1", "codes.red.notify", "required key \"notify\" is missing"),
                arguments("unknown notifier", insertAfter(8, "    codes:\n      red: {notify: slak, config: {hook: h}}"),
                        "10:13", "m1", "codes.red.notify",
                        "unknown code type \"slak\" (did you mean \"slack\"?); installed: log, pagerduty, slack, webhook"),
                arguments("dispatch not a boolean", insertAfter(8, "    codes:\n      red: {dispatch: 1, notify: log, "
                        + "config: {file: f}}"), "10:13", "m1", "codes.red.dispatch",
                        "expected true or false (or yes/no, on/off), got 1"),
                arguments("bad cooldown", insertAfter(8, "    codes:\n      red: {notify: log, cooldown: soon, "
                        + "config: {file: f}}"), "10:26", "m1", "codes.red.cooldown", "\"soon\" is not a duration"),
                arguments("unknown code key", insertAfter(8, "    codes:\n      red: {notify: log, config: {file: f}, confg: 1}"),
                        "10:45", "m1", "codes.red.confg", "unknown key \"confg\" (did you mean \"config\"?)"),
                arguments("code config key", insertAfter(8, "    codes:\n      red: {notify: log, config: {file: f, files: f}}"),
                        "10:44", "m1", "codes.red.config.files", "unknown key (did you mean \"file\"?); accepted keys: file"),
                arguments("codes not a map", insertAfter(8, "    codes: [red]"), "9:5", "m1", "codes",
                        "expected a map, got a list"),
                // YAML structure inside a monitor
                arguments("duplicate key", insertAfter(7, "        host: h2"), "8:9", "m1", "pulse_check.config.host",
                        "duplicate key \"host\"; first written at line 7, column 9"),
                arguments("unknown alias", insertAfter(8, "        retries: *nowhere"), "9:18", "m1", "pulse_check.config.retries",
                        "the alias *nowhere refers to no anchor; define &nowhere before using it"),
                arguments("unsupported tag", base(7, "        host: !!binary aGVsbG8="), "7:15", "m1",
                        "pulse_check.config.host", "the tag !!binary is not supported; write the value without a tag"),
                arguments("tag that does not fit", base(7, "        host: !!int one"), "7:15", "m1",
                        "pulse_check.config.host", "the value \"one\" does not fit its tag !!int; remove the tag or fix the value"),
                arguments("merge of a scalar", insertAfter(3, "      <<: x"), "4:7", "m1", "pulse_check.<<",
                        "a merge key needs a map or a list of maps, such as <<: *defaults; got \"x\""),
                arguments("monitor not a map", "monitors:\n  - just-a-name\n", "2:5", "", "monitors[0]",
                        "expected a monitor (a map with name and pulse_check), got \"just-a-name\""),
                // top level
                arguments("unknown top-level key", Manifests.BASE + "defaults: {}\n", "9:1", "", "defaults",
                        "unknown key \"defaults\"; the top level holds only \"monitors\""),
                arguments("misspelt monitors", "monitors: []\nmonitor:\n  - name: m1\n", "2:1", "", "monitor",
                        "unknown key \"monitor\" (did you mean \"monitors\"?)"),
                arguments("no monitors", "{}\n", "1:1", "", "", "required key \"monitors\" is missing"),
                arguments("monitors not a list", "monitors: {a: 1}\n", "1:1", "", "monitors",
                        "expected a list of monitors, got a map"),
                arguments("monitors empty", "monitors:\n", "1:1", "", "monitors",
                        "expected a list of monitors, got nothing (write monitors: [] for none)"),
                arguments("top level not a map", "- name: m1\n", "1:1", "", "",
                        "expected a map with a \"monitors\" list, got a list"),
                arguments("tag on a top-level key", "!!int monitors: []\n", "1:1", "", "",
                        "the value \"monitors\" does not fit its tag !!int"),
                arguments("empty file", "", "1:1", "", "", "the manifest is empty; expected a map with a \"monitors\" list"),
                arguments("second document", Manifests.BASE + "---\nmonitors: []\n", "9:1", "", "",
                        "a manifest holds one YAML document"),
                arguments("syntax error", base(7, "        host: [h"), "8:13", "m1", "pulse_check.config.host[1]",
                        "invalid YAML: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsOneErrorWhereItIs(String rule, String yaml, String lineColumn, String monitor, String path,
                                  String message) {
        ManifestResult result = Manifests.read(yaml);

        assertThat(result.ok()).as(rule).isFalse();
        assertThat(result.errors()).as(result.describe()).hasSize(1);
        ManifestError error = result.errors().get(0);
        assertThat(error.position().line() + ":" + error.position().column()).as(error.toString()).isEqualTo(lineColumn);
        assertThat(error.position().source()).isEqualTo("m.yaml");
        assertThat(error.monitor()).as(error.toString()).isEqualTo(monitor);
        assertThat(error.path()).as(error.toString()).isEqualTo(path);
        assertThat(error.message()).as(error.toString()).startsWith(message);
        if (!monitor.isEmpty() || path.startsWith("monitors[")) {
            assertThat(result.monitors()).isZero();
        }
    }
}
