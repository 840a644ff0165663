package io.cpra.bench.realtarget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestWriterTest {

    private static final Endpoints ENDPOINTS = new Endpoints(18080, 18081, 18082);

    private static List<MonitorGroup> everyTarget() {
        return Arrays.stream(Target.values())
                .map(t -> new MonitorGroup(t, 2, Duration.ofSeconds(3), Duration.ofSeconds(2), 3)).toList();
    }

    @Test
    void oneMonitorALineWithItsNameInTheQuery() throws IOException {
        StringWriter out = new StringWriter();
        ManifestWriter.write(everyTarget(), ENDPOINTS, out);

        assertThat(out.toString()).contains(
                "  - {name: h0000001, pulse: {type: http, interval: 3s, timeout: 2s, max_failures: 3, config: "
                        + "{url: \"http://127.0.0.1:18080/ok?m=h0000001\"}}}\n",
                "{url: \"http://127.0.0.1:18080/slow?m=s0000000\"}",
                "{url: \"http://127.0.0.1:18081/ok?m=k0000001\"}",
                "{host: 127.0.0.1, port: 18080, send: \"GET /tcp?m=o0000000 HTTP/1.0\\r\\n\\r\\n\", expect: [\"HTTP/1.1 200\"]}",
                "{name: c0000001, pulse: {type: tcp, interval: 3s, timeout: 2s, max_failures: 3, config: "
                        + "{host: 127.0.0.1, port: 18082}}}");
        assertThat(out.toString().lines().filter(l -> l.startsWith("  - ")).count()).isEqualTo(2L * Target.values().length);
    }

    @Test
    void aGroupCpraWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> new MonitorGroup(Target.HTTP_SLOW, 1, Duration.ofSeconds(1), Duration.ofSeconds(2), 1))
                .hasMessageContaining("timeout PT2S is longer than the interval PT1S");
        assertThatThrownBy(() -> new MonitorGroup(Target.HTTP_OK, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .hasMessageContaining("count must be from 1");
    }

    /** The assembled distribution's own validator accepts what the suite writes, for every target. */
    @Test
    void theDistributionAcceptsTheManifest(@TempDir Path folder) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("cpra.dist", "../../distribution/target/cpra-missing"));
        assertThat(dist.resolve("bin/cpra")).as("the assembled distribution (mvn package builds it first)").isExecutable();
        Path manifest = folder.resolve("monitors.yaml");
        ManifestWriter.write(everyTarget(), ENDPOINTS, manifest);

        Process validate = new ProcessBuilder(dist.resolve("bin/cpra").toString(), "validate", manifest.toString())
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(validate.exitValue()).as(output).isZero();
        assertThat(Files.readString(manifest)).doesNotContain(".partial");
        assertThat(Files.list(folder).toList()).containsExactly(manifest);
    }
}
