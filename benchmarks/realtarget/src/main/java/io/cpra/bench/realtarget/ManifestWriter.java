package io.cpra.bench.realtarget;

import io.cpra.plugin.api.Durations;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a scenario's monitors as a manifest in the CPRA schema, one monitor a line in flow
 * style (which cpra's fast scanner reads), no codes: the suite reads codes as events, and
 * delivering them would add work that is not the check's.
 *
 * <pre>{@code
 * monitors:
 *   - {name: h0000000, pulse: {type: http, interval: 10s, timeout: 2s, max_failures: 1, config: {url: "http://127.0.0.1:8080/ok?m=h0000000"}}}
 * }</pre>
 *
 * <p>The file is written beside its final path and moved over it, so a reload never reads half a file.
 */
final class ManifestWriter {

    private ManifestWriter() {
    }

    /**
     * Writes the groups' monitors to {@code file}, replacing it.
     *
     * @param groups    the monitors
     * @param endpoints where the targets listen
     * @param file      the manifest
     * @throws IOException when it cannot be written
     */
    static void write(List<MonitorGroup> groups, Endpoints endpoints, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8), 1 << 16)) {
            write(groups, endpoints, out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void write(List<MonitorGroup> groups, Endpoints endpoints, Writer out) throws IOException {
        out.write("# written by the real-target suite (io.cpra.bench.realtarget)\nmonitors:\n");
        StringBuilder line = new StringBuilder(256);
        for (MonitorGroup group : groups) {
            String pulse = "{type: " + group.target().pulseType()
                    + ", interval: " + Durations.format(group.interval())
                    + ", timeout: " + Durations.format(group.timeout())
                    + ", max_failures: " + group.threshold() + ", config: ";
            for (int i = 0; i < group.count(); i++) {
                String name = group.name(i);
                line.setLength(0);
                line.append("  - {name: ").append(name).append(", pulse: ").append(pulse);
                config(group.target(), name, endpoints, line);
                line.append("}}\n");
                out.append(line);
            }
        }
    }

    private static void config(Target target, String name, Endpoints endpoints, StringBuilder out) {
        String host = Endpoints.HOST;
        switch (target) {
            case HTTP_OK -> out.append("{url: \"http://").append(host).append(':').append(endpoints.main())
                    .append("/ok?m=").append(name).append("\"}");
            case HTTP_SLOW -> out.append("{url: \"http://").append(host).append(':').append(endpoints.main())
                    .append("/slow?m=").append(name).append("\"}");
            case HTTP_CLOSING -> out.append("{url: \"http://").append(host).append(':').append(endpoints.closing())
                    .append("/ok?m=").append(name).append("\"}");
            case TCP_OPEN -> out.append("{host: ").append(host).append(", port: ").append(endpoints.main())
                    .append(", send: \"GET /tcp?m=").append(name).append(" HTTP/1.0\\r\\n\\r\\n\"")
                    .append(", expect: [\"HTTP/1.1 200\"]}");
            case TCP_CLOSED -> out.append("{host: ").append(host).append(", port: ").append(endpoints.closed()).append('}');
        }
    }
}
