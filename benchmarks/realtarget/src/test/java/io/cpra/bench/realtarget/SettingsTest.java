package io.cpra.bench.realtarget;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line, the presets and the nginx config they lead to. */
class SettingsTest {

    @Test
    void badArgumentsAreNamedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenario=healthy", "--monitorz=5"}))
                .hasMessageContaining("unknown key --monitorz");
        assertThatThrownBy(() -> Options.parse(new String[] {"healthy"})).hasMessageContaining("expected --key=value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--quick"})).hasMessageContaining("--scenario=NAME is required");
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenario=fast"}))
                .hasMessageContaining("unknown scenario \"fast\"").hasMessageContaining("healthy, million");
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenario=slow", "--interval=5x"}))
                .hasMessageContaining("--interval:");
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenario=slow", "--monitors=many"}))
                .hasMessageContaining("--monitors: not a whole number: many");
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenario=slow", "--dist"}))
                .hasMessageContaining("--dist needs a value");
    }

    @Test
    void presetsHaveTheirShapeAndOverridesWin() {
        Preset.Plan healthy = Preset.HEALTHY.plan(Options.parse(new String[] {"--scenario=healthy"}));
        assertThat(healthy.askedRate()).isEqualTo(30_000);

        Preset.Plan quick = Preset.HEALTHY.plan(Options.parse(new String[] {"--scenario=healthy", "--quick",
                "--monitors=1_000", "--duration=5s"}));
        assertThat(quick.groups().get(0).count()).isEqualTo(1_000);
        assertThat(quick.duration()).isEqualTo(Duration.ofSeconds(5));

        Preset.Plan keepalive = Preset.KEEPALIVE.plan(Options.parse(new String[] {"--scenario=keepalive"}));
        assertThat(keepalive.checks()).isEqualTo(10_000_000);
        assertThat(keepalive.duration().toSeconds() * keepalive.askedRate()).isGreaterThanOrEqualTo(10_000_000);

        Preset.Plan slow = Preset.SLOW.plan(Options.parse(new String[] {"--scenario=slow", "--bystanders=0"}));
        assertThat(slow.groups()).extracting(MonitorGroup::target).containsExactly(Target.HTTP_SLOW, Target.TCP_CLOSED);
        assertThat(slow.group(Target.HTTP_SLOW).count()).isEqualTo(3_000);
        assertThat(slow.group(Target.TCP_CLOSED).interval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nginxLogsTheGroundTruthAndPointsSlowAtTheTarpit() {
        String config = Nginx.config(new Nginx.Settings(Path.of("/usr/sbin/nginx"), "auto", 100, Duration.ofSeconds(5)),
                new Endpoints(18080, 18081, 18082), 19999, 20_000);

        assertThat(config).contains("worker_processes auto;", "worker_rlimit_nofile 20000;",
                "worker_connections 19936;", "log_format truth '$msec $request_time $status $arg_m $connection "
                        + "$connection_requests';", "access_log access.log truth buffer=256k flush=1s;",
                "server 127.0.0.1:19999;", "listen 127.0.0.1:18080", "listen 127.0.0.1:18081",
                "proxy_read_timeout 5s;", "keepalive_requests 100;", "keepalive_timeout 5s;");
        assertThat(config).doesNotContain("18082");
    }
}
