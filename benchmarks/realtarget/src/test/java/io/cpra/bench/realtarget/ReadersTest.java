package io.cpra.bench.realtarget;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parsers of what other programs print: Prometheus text, {@code ss}, {@code /proc/PID/stat}. */
class ReadersTest {

    @Test
    void prometheusSamplesAreKeyedWithSortedLabelsAndNoScope() {
        Prometheus metrics = Prometheus.parse("""
                # TYPE cpra_checks_total counter
                cpra_checks_total{scope="application",status="critical",type="http",} 16.0
                cpra_checks_total{type="http",status="ok",scope="application"} 7.0
                cpra_checks_total{type="tcp",status="ok",scope="application"} 2.0
                cpra_pool_limit{pool="pulse",scope="application",} 4.0
                not a sample
                """);

        assertThat(metrics.get("cpra_checks_total{status=\"critical\",type=\"http\"}")).isEqualTo(16.0);
        assertThat(metrics.get("cpra_checks_total{status=\"ok\",type=\"http\"}")).isEqualTo(7.0);
        assertThat(metrics.get("cpra_pool_limit{pool=\"pulse\"}")).isEqualTo(4.0);
        assertThat(metrics.get("cpra_absent_total")).isZero();
        assertThat(metrics.sum("cpra_checks_total")).as("every series of the one check counter").isEqualTo(25.0);
        assertThat(metrics.sum("cpra_checks_total", "status=\"ok\"")).isEqualTo(9.0);
        assertThat(metrics.sum("cpra_checks_total", "type=\"http\"", "status=\"ok\"")).isEqualTo(7.0);
        assertThat(metrics.sum("cpra_check")).as("a name is matched whole").isZero();
        assertThat(metrics.sumSince(Prometheus.parse(
                "cpra_checks_total{scope=\"application\",status=\"ok\",type=\"http\"} 5.0"), "cpra_checks_total"))
                .isEqualTo(20.0);
    }

    @Test
    void aHistogramsQuantileOverAWindowIsTheBoundOfItsBucket() {
        Prometheus before = Prometheus.parse("""
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.001",} 10.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.005",} 10.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.05",} 10.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="+Inf",} 10.0
                """);
        Prometheus after = Prometheus.parse("""
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.001",} 10.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.005",} 100.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="0.05",} 109.0
                cpra_pool_start_lateness_seconds_bucket{pool="pulse",scope="application",le="+Inf",} 110.0
                cpra_pool_start_lateness_seconds_bucket{pool="code",scope="application",le="+Inf",} 999.0
                """);

        // 100 starts in the window: 90 within 5 ms, 99 within 50 ms, one later
        assertThat(after.quantileSince(before, "cpra_pool_start_lateness_seconds", 0.5, "pool=\"pulse\""))
                .isEqualTo(0.005);
        assertThat(after.quantileSince(before, "cpra_pool_start_lateness_seconds", 0.99, "pool=\"pulse\""))
                .isEqualTo(0.05);
        assertThat(after.quantileSince(before, "cpra_pool_start_lateness_seconds", 0.999, "pool=\"pulse\""))
                .isInfinite();
        assertThat(before.quantileSince(before, "cpra_pool_start_lateness_seconds", 0.5, "pool=\"pulse\"")).isNaN();
    }

    @Test
    void ssCountsConnectionsToTargetsFromTheClientSideAndTimeWait() {
        String ss = """
                LISTEN     0      4096      127.0.0.1:18080      0.0.0.0:*
                ESTAB      0      0         127.0.0.1:41234      127.0.0.1:18080
                ESTAB      0      0         127.0.0.1:18080      127.0.0.1:41234
                ESTAB      0      0         127.0.0.1:41236      127.0.0.1:5432
                TIME-WAIT  0      0         127.0.0.1:18080      127.0.0.1:41000
                TIME-WAIT  0      0         127.0.0.1:50000      127.0.0.1:5432
                """;

        assertThat(Sockets.parse(ss, Set.of(18080))).isEqualTo(new Sockets(1, 2, 1));
    }

    @Test
    void procStatCpuIsUserPlusSystemTicksAfterTheCommand() {
        // a command with spaces and parentheses in it; utime 1500, stime 250 (fields 14 and 15)
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 40 0 123 456 789";

        assertThat(Proc.parseStatCpuTicks(stat)).isEqualTo(1750);
    }
}
