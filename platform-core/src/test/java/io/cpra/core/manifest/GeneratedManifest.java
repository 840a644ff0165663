package io.cpra.core.manifest;

/**
 * Text shaped like the benchmark generator's manifests (the benchmarks module is not on this
 * module's test path): block maps and lists, flow lists, double-quoted strings, an anchored pulse
 * merged with {@code <<}, an anchored codes block reused by alias, a comment. Uses
 * {@link TestCatalog}'s plugin types.
 */
final class GeneratedManifest {

    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1"};
    private static final String[] SERVICES = {"checkout", "orders", "search", "catalog", "users", "billing", "edge"};

    private GeneratedManifest() {
    }

    static String write(int count) {
        StringBuilder out = new StringBuilder(count * 400);
        out.append("# generated: ").append(count).append(" monitors\n");
        out.append("monitors:\n");
        for (int i = 0; i < count; i++) {
            monitor(i, out);
        }
        return out.toString();
    }

    private static void monitor(int i, StringBuilder out) {
        String service = SERVICES[i % SERVICES.length];
        String region = REGIONS[(i / SERVICES.length) % REGIONS.length];
        String host = service + "-" + i + "." + region + ".example.com";
        out.append("  - name: ").append(service).append('-').append(region).append('-').append(i).append('\n');
        if (i % 100 == 99) {
            out.append("    enabled: false\n");
        }
        out.append("    groups: [").append(service).append(", ").append(region).append("]\n");
        if (i == 0) {
            out.append("    pulse_check: &http_pulse\n")
                    .append("      type: http\n")
                    .append("      interval: 10s\n")
                    .append("      timeout: 3s\n")
                    .append("      max_failures: 3\n")
                    .append("      config:\n");
        } else if (i % 2 == 0) {
            out.append("    pulse_check:\n")
                    .append("      <<: *http_pulse\n")
                    .append("      config:\n");
        } else {
            out.append("    pulse:\n")
                    .append("      type: http\n")
                    .append("      interval: ").append(10 + i % 50).append("s\n")
                    .append("      unhealthy_threshold: ").append(1 + i % 3).append('\n')
                    .append("      healthy_threshold: 2\n")
                    .append("      config:\n");
        }
        out.append("        method: GET\n")
                .append("        url: https://").append(host).append(":8443/health/").append(i).append('\n')
                .append("        expected_status: 200\n")
                .append("        headers:\n")
                .append("          - \"Accept: application/json\"\n")
                .append("          - \"X-Monitor: ").append(i).append("\"\n");
        if (i == 0) {
            out.append("    codes: &default_codes\n")
                    .append("      red:\n")
                    .append("        notify: log\n")
                    .append("        cooldown: 5m\n")
                    .append("        config:\n")
                    .append("          file: logs/critical.log\n")
                    .append("      yellow:\n")
                    .append("        dispatch: no\n")
                    .append("        notify: log\n")
                    .append("        config:\n")
                    .append("          file: logs/warning_alerts.log\n");
        } else if (i % 20 == 7) {
            out.append("    codes:\n")
                    .append("      red:\n")
                    .append("        notify: log\n")
                    .append("        config:\n")
                    .append("          file: logs/").append(service).append(".log\n");
        } else {
            out.append("    codes: *default_codes\n");
        }
    }
}
