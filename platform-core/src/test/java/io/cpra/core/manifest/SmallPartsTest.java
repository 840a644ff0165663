package io.cpra.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Suggestions, the name table and path lookup. */
class SmallPartsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "pulse_chek|pulse_check", "Pulse_Check|pulse_check", "intervall|interval", "enabeld|enabled",
            "grey|gray", "reed|red", "max_failure|max_failures", "colour|''", "x|''", "dispatcher|dispatch", "zzz|''"})
    void suggestsTheClosestKnownName(String written, String expected) {
        List<String> known = List.of("pulse_check", "pulse", "interval", "enabled", "gray", "red", "max_failures",
                "dispatch", "codes");
        String hint = Suggestions.didYouMean(written, known);
        assertThat(hint).isEqualTo(expected.isEmpty() ? "" : " (did you mean \"" + expected + "\"?)");
    }

    @Test
    void transpositionCountsAsOneEdit() {
        assertThat(Suggestions.distance("tiemout", "timeout")).isEqualTo(1);
        assertThat(Suggestions.distance("abc", "abc")).isZero();
        assertThat(Suggestions.distance("a", "abcdefgh")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void nameTableRemembersFirstPositionsAcrossGrowth() {
        NameTable table = new NameTable();
        for (int i = 0; i < 100_000; i++) {
            assertThat(table.putIfAbsent("monitor-" + i, i + 1, 5)).isEqualTo(-1);
        }
        for (int i = 0; i < 100_000; i += 997) {
            long first = table.putIfAbsent("monitor-" + i, 1, 1);
            assertThat(NameTable.line(first)).isEqualTo(i + 1);
            assertThat(NameTable.column(first)).isEqualTo(5);
        }
    }

    @Test
    void pathsFindKeysListItemsAndKeysWithDots() {
        Node root = build("""
                pulse:
                  config:
                    a.b: 1
                    a: {b: 2}
                    list:
                      - x
                      - {y: 1}
                """);
        assertThat(at(root, "pulse.config.a.b")).isEqualTo("3:5");
        assertThat(at(root, "pulse.config.a")).isEqualTo("4:5");
        assertThat(at(root, "pulse.config.list[1]")).isEqualTo("7:9");
        assertThat(at(root, "pulse.config.list[1].y")).isEqualTo("7:10");
        assertThat(at(root, "pulse.config.list[9]")).isEqualTo("5:5");
        assertThat(at(root, "pulse.config.missing")).isEqualTo("2:3");
        assertThat(at(root, "")).isEqualTo("1:1");
    }

    private static String at(Node root, String path) {
        ManifestPosition p = Paths.locate(root, path, "s").orElseThrow();
        return p.line() + ":" + p.column();
    }

    private static Node build(String yaml) {
        Node[] root = new Node[1];
        new ManifestParser(ManifestParser.yaml(new java.io.StringReader(yaml), "s", ManifestLimits.DEFAULTS)::next, "s",
                ManifestLimits.DEFAULTS, true).run(item -> {
            if (item instanceof Parsed.Monitor m) {
                root[0] = m.node();
            }
        });
        return root[0];
    }
}
