package io.cpra.bench.realtarget;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GroundTruthTest {

    private static final long T0 = 1_796_000_000_000L;

    private final MonitorGroup group = new MonitorGroup(Target.HTTP_OK, 4, Duration.ofSeconds(10), Duration.ofSeconds(2), 1);
    private final Roster roster = new Roster(List.of(group));

    /** A line for a check of monitor {@code m} that started {@code startMillis} after T0 and took {@code tookMillis}. */
    private static String line(int m, long startMillis, long tookMillis, int status) {
        long end = T0 + startMillis + tookMillis;
        return String.format(Locale.ROOT, "%d.%03d %d.%03d %d h%07d 1 1", end / 1000, end % 1000, tookMillis / 1000,
                tookMillis % 1000, status, m);
    }

    @Test
    void gapsNeverSeenOverdueAndFairnessFromTheLog() {
        List<String> lines = new ArrayList<>();
        // monitor 0: on time every 10 s; monitor 1: one gap of 20 s; monitor 2: stops after 10 s; monitor 3: never
        for (long t = 0; t < 60_000; t += 10_000) {
            lines.add(line(0, t, 5, 200));
        }
        for (long t : new long[] {0, 10_000, 30_000, 40_000, 50_000}) {
            lines.add(line(1, t, 5, 200));
        }
        lines.add(line(2, 0, 2_000, 499));
        lines.add(line(2, 10_000, 5, 200));
        lines.add(line(0, 70_000, 5, 200));  // after the window

        GroundTruth truth = GroundTruth.of(AccessLog.of(lines, roster), group, 4, T0, T0 + 60_000);

        assertThat(truth.checks()).isEqualTo(6 + 5 + 2);
        assertThat(truth.checksPerSecond()).isCloseTo(13 / 60.0, within(1e-9));
        assertThat(truth.neverSeen()).isOne();
        assertThat(truth.overdueAtEnd()).as("monitor 2: last check 50 s before the end").isOne();
        // closed gaps: 5 + 4 + 1, one of them late (20 s); open late gaps: monitor 2 (50 s), monitor 3 (60 s)
        assertThat(truth.gaps()).isEqualTo(5 + 4 + 1 + 2);
        assertThat(truth.openGaps()).isEqualTo(2);
        assertThat(truth.gapP50()).isEqualTo(10.0);
        assertThat(truth.gapMax()).isEqualTo(60.0);
        assertThat(truth.lateGapShare()).isCloseTo(3 / 12.0, within(1e-9));
        assertThat(truth.perMonitorMin()).isZero();
        assertThat(truth.perMonitorMax()).isEqualTo(6);
        assertThat(truth.statuses()).containsEntry(200, 12L).containsEntry(499, 1L);
        assertThat(truth.non200()).isOne();
        // (6 + 5 + 2 + 0)^2 / (4 * (36 + 25 + 4))
        assertThat(truth.jain()).isCloseTo(169.0 / 260, within(1e-9));
    }

    @Test
    void monitorsCheckedTooRarelyToHaveAGapStillCountAsLate() {
        // each monitor checked once, at the start of a window of six intervals: no closed gap at all
        List<String> lines = List.of(line(0, 0, 1, 200), line(1, 0, 1, 200));

        GroundTruth truth = GroundTruth.of(AccessLog.of(lines, roster), group, 2, T0, T0 + 60_000);

        assertThat(truth.gaps()).isEqualTo(2);
        assertThat(truth.lateGapShare()).isEqualTo(1.0);
        assertThat(truth.gapP99()).isEqualTo(60.0);
    }

    @Test
    void aGapIsMeasuredBetweenStartsNotEnds() {
        // a slow check ends late, but the next one started on time: the gap is the interval
        List<String> lines = List.of(line(0, 0, 2_000, 499), line(0, 10_000, 1, 200));

        GroundTruth truth = GroundTruth.of(AccessLog.of(lines, roster), group, 1, T0, T0 + 20_000);

        assertThat(truth.gapMax()).isEqualTo(10.0);
    }

    @Test
    void jainIsOneWhenEqualAndOneOverNWhenOneTakesAll() {
        assertThat(GroundTruth.jain(new int[] {3, 3, 3})).isEqualTo(1.0);
        assertThat(GroundTruth.jain(new int[] {9, 0, 0})).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(GroundTruth.jain(new int[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void percentilesAreNearestRank() {
        int[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(GroundTruth.percentile(sorted, 10, 0.5)).isEqualTo(5);
        assertThat(GroundTruth.percentile(sorted, 10, 0.99)).isEqualTo(10);
        assertThat(GroundTruth.percentile(sorted, 0, 0.5)).isZero();
    }

    @Test
    void recoveryTimesTheKeptMonitorsFirstChecksAfterTheDrop() {
        MonitorGroup overload = new MonitorGroup(Target.HTTP_OK, 4, Duration.ofSeconds(2), Duration.ofSeconds(1), 1);
        Roster names = new Roster(List.of(overload));
        long drop = 100_000;
        List<String> lines = new ArrayList<>();
        // kept: monitors 0 and 1; 0 checked 0.5 s after the drop then every 2 s, 1 only 3 s after it, then every 2 s
        for (long t = drop + 500; t < drop + 12_000; t += 2_000) {
            lines.add(line(0, t, 1, 200));
        }
        for (long t = drop + 3_000; t < drop + 12_000; t += 2_000) {
            lines.add(line(1, t, 1, 200));
        }
        lines.add(line(3, drop + 500, 1, 200));    // removed, within a second of the drop: queued before it
        lines.add(line(3, drop + 1_500, 1, 200));  // removed, still checked later

        Recovery recovery = Recovery.of(AccessLog.of(lines, names), overload, 2, T0 + drop, T0 + drop + 12_000);

        assertThat(recovery.remaining()).isEqualTo(2);
        assertThat(recovery.firstCheckMax()).isEqualTo(3.0);
        assertThat(recovery.notWithinInterval()).isOne();
        assertThat(recovery.gapP99()).isEqualTo(2.0);
        assertThat(recovery.lateGapShare()).isZero();
        assertThat(recovery.removedChecked()).isOne();
    }
}
