package io.cpra.bench.http;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A short run of the http benchmark against the nginx it starts: the driver works and a
 * healthy keep-alive target gives only OK outcomes. Skipped where nginx is not installed; says
 * nothing about speed (BENCHMARKS.md does).
 */
class HttpPulseBenchSmokeTest {

    @Test
    void twoThousandChecksAgainstNginxAreAllOk() throws Exception {
        HttpBench bench = HttpBench.parse(new String[] {"--checks=2000", "--warmup=200", "--concurrency=4",
                "--monitors=10", "--body-rule=true"});
        assumeTrue(Files.isExecutable(Path.of(bench.nginx())), "nginx is not installed at " + bench.nginx());

        String report = HttpPulseBench.run(bench);
        System.out.println(report);

        assertThat(report).contains("checks            2,000 in", "OK 2,000, WARNING 0, CRITICAL 0, UNKNOWN 0: 0 not OK");
    }

    @Test
    void theFloorClientRunsTheSameLoad() throws Exception {
        HttpBench bench = HttpBench.parse(new String[] {"--checks=1000", "--warmup=100", "--concurrency=4",
                "--monitors=10", "--client=floor"});
        assumeTrue(Files.isExecutable(Path.of(bench.nginx())), "nginx is not installed at " + bench.nginx());

        assertThat(HttpPulseBench.run(bench)).contains("OK 1,000, WARNING 0, CRITICAL 0, UNKNOWN 0: 0 not OK");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> HttpBench.parse(new String[] {"--client=curl"})).hasMessage("--client is plugin or floor, got curl");
        assertThatThrownBy(() -> HttpBench.parse(new String[] {"--checkz=5"})).hasMessageContaining("unknown key --checkz");
        assertThat(HttpBench.parse(new String[] {"--keepalive-timeout=5ms"}).keepaliveTimeout().toMillis()).isEqualTo(5);
    }
}
