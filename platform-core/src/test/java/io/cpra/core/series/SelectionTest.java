package io.cpra.core.series;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cap keeps whole monitors, each once, in name order, and counts the series it leaves out. */
class SelectionTest {

    private static Sample sample(String monitor, String group) {
        return new Sample(monitor, group, PulseOutcome.Status.OK, 1000, Stage.HEALTHY);
    }

    @Test
    void aMonitorInTwoGroupsCountsOnceUnderItsFirstConfiguredGroup() {
        Selection selection = Selection.of(List.of(sample("b", "payments"), sample("a", "payments"), sample("b", "edge")),
                100);
        assertThat(selection.kept()).extracting(Sample::monitor).containsExactly("a", "b");
        assertThat(selection.kept()).extracting(Sample::group).containsExactly("payments", "payments");
        assertThat(selection.dropped()).isZero();
    }

    @Test
    void exactlyAtTheCapDropsNothing() {
        Selection selection = Selection.of(List.of(sample("a", "g"), sample("b", "g")), 2 * MonitorSeries.SERIES_PER_MONITOR);
        assertThat(selection.kept()).hasSize(2);
        assertThat(selection.dropped()).isZero();
    }

    @Test
    void overTheCapKeepsTheFirstWholeMonitorsByNameAndCountsTheRest() {
        Selection selection = Selection.of(List.of(sample("d", "g"), sample("c", "g"), sample("b", "g"), sample("a", "g")),
                2 * MonitorSeries.SERIES_PER_MONITOR + 3);
        assertThat(selection.kept()).extracting(Sample::monitor).containsExactly("a", "b");
        assertThat(selection.dropped()).isEqualTo(2L * MonitorSeries.SERIES_PER_MONITOR);
    }

    @Test
    void upFollowsBlackboxProbeSuccess() {
        assertThat(new Sample("m", "g", PulseOutcome.Status.WARNING, 0, Stage.HEALTHY).up()).isEqualTo(1.0);
        assertThat(new Sample("m", "g", PulseOutcome.Status.CRITICAL, 0, Stage.FAILING).up()).isZero();
        assertThat(new Sample("m", "g", PulseOutcome.Status.UNKNOWN, 0, Stage.FAILING).up()).isZero();
        assertThat(new Sample("m", "g", null, 0, Stage.HEALTHY).up()).isNaN();
        assertThat(new Sample("m", "g", PulseOutcome.Status.OK, 12_500, Stage.HEALTHY).latencySeconds()).isEqualTo(0.0125);
    }
}
