package io.cpra.core.manifest;

import java.util.ArrayList;
import java.util.List;

/** Reading helpers shared by the tests. */
final class Manifests {

    /** A valid manifest: line 2 holds "- name: m1" (name at column 5), config at line 6, port at 8. */
    static final String BASE = """
            monitors:
              - name: m1
                pulse_check:
                  type: tcp
                  interval: 5s
                  config:
                    host: h
                    port: 1
            """;

    private Manifests() {
    }

    static ManifestResult read(String yaml) {
        return read(yaml, new ArrayList<>());
    }

    static ManifestResult read(String yaml, List<MonitorDefinition> into) {
        return ManifestReader.create(TestCatalog.CATALOG).readString("m.yaml", yaml, into::add);
    }

    static ManifestResult read(String yaml, List<MonitorDefinition> ignored,
                               java.util.function.Consumer<MonitorDefinition> consumer) {
        return ManifestReader.create(TestCatalog.CATALOG).readString("m.yaml", yaml, consumer);
    }

    static List<MonitorDefinition> valid(String yaml) {
        List<MonitorDefinition> monitors = new ArrayList<>();
        ManifestResult result = read(yaml, monitors);
        if (!result.ok()) {
            throw new AssertionError("expected no errors, got:\n" + result.describe());
        }
        return monitors;
    }

    /** The base manifest with one line replaced (1-based), or with lines inserted after it. */
    static String base(int line, String replacement) {
        String[] lines = BASE.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    static String insertAfter(int line, String inserted) {
        String[] lines = BASE.split("\n", -1);
        lines[line - 1] = lines[line - 1] + "\n" + inserted;
        return String.join("\n", lines);
    }
}
