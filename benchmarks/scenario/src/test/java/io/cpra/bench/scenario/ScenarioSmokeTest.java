package io.cpra.bench.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A short run of the scenario runner: 50,000 synthetic monitors for about ten seconds. It checks
 * that the engine keeps every monitor moving — all checked, none stuck in flight, no cycle
 * skipped — and says nothing about speed (BENCHMARKS.md does).
 */
class ScenarioSmokeTest {

    @Test
    void fiftyThousandMonitorsForTenSecondsNoneStuckNoneSkipped() throws InterruptedException {
        Scenario scenario = new Scenario(50_000, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(8),
                "synthetic", "fixed", Duration.ZERO, 0, 20_000, 1 << 16);

        ScenarioReport report = ScenarioRunner.run(scenario, System.out);
        System.out.println(report.describe());

        assertThat(report.neverChecked()).as("monitors never checked").isZero();
        assertThat(report.skipped()).as("cycles skipped").isZero();
        assertThat(report.overruns()).as("overruns").isZero();
        assertThat(report.inFlightAfterStop()).as("calls stuck in flight").isZero();
        assertThat(report.dueShare()).as("share of due checks run").isCloseTo(1.0, within(0.01));
    }

    @Test
    void badArgumentsAreNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse(new String[] {"--monitorz=5"}))
                .hasMessageContaining("unknown key --monitorz");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse(new String[] {"monitors"}))
                .hasMessageContaining("expected --key=value");
        assertThat(Scenario.parse(new String[] {"--monitors=7", "--interval=250ms"}))
                .satisfies(s -> {
                    assertThat(s.monitors()).isEqualTo(7);
                    assertThat(s.interval()).isEqualTo(Duration.ofMillis(250));
                });
    }
}
