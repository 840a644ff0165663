package io.cpra.bench.realtarget;

import java.util.Arrays;

/**
 * How the monitors that remain after the load drops come back to their schedule, from nginx's
 * access log: how long after the drop each is first checked, whether any is still not checked
 * after one interval, and the gaps once one interval has passed. Also counts checks of removed
 * monitors that still reach the target after the drop (work queued before it).
 *
 * @param remaining        monitors kept
 * @param firstCheckP99    99th percentile of the delay from the drop to a kept monitor's first check, seconds
 * @param firstCheckMax    the largest such delay, seconds (-1 when one was never checked)
 * @param notWithinInterval kept monitors whose first check after the drop came more than one interval after it
 * @param lateGapShare     share of the kept monitors' gaps after drop + interval longer than 1.5 intervals
 * @param gapP99           99th percentile of those gaps, seconds
 * @param removedChecked   checks of removed monitors that started more than one second after the drop
 */
record Recovery(int remaining, double firstCheckP99, double firstCheckMax, int notWithinInterval,
                double lateGapShare, double gapP99, long removedChecked) {

    /**
     * @param log        the parsed log
     * @param group      the overloaded group; its first {@code remaining} monitors were kept
     * @param remaining  how many were kept
     * @param dropMillis when the smaller manifest was applied (wall clock)
     * @param toMillis   the end of the observation
     * @return the recovery
     */
    static Recovery of(AccessLog log, MonitorGroup group, int remaining, long dropMillis, long toMillis) {
        int offset = log.roster().offset(group);
        long interval = group.interval().toMillis();
        long[] first = new long[remaining];
        long[] last = new long[remaining];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        int[] gaps = new int[1024];
        int gapCount = 0;
        long late = 0;
        long removed = 0;
        for (int i = 0; i < log.size(); i++) {
            int m = log.monitor(i) - offset;
            long start = log.startMillis(i);
            if (m < 0 || m >= group.count() || start < dropMillis || start >= toMillis) {
                continue;
            }
            if (m >= remaining) {
                if (start > dropMillis + 1000) {
                    removed++;
                }
                continue;
            }
            first[m] = Math.min(first[m], start);
            if (start >= dropMillis + interval && last[m] >= dropMillis + interval) {
                int gap = (int) Math.abs(start - last[m]);
                if (gapCount == gaps.length) {
                    gaps = Arrays.copyOf(gaps, gapCount * 2);
                }
                gaps[gapCount++] = gap;
                if (gap > GroundTruth.LATE * interval) {
                    late++;
                }
            }
            last[m] = Math.max(last[m], start);
        }
        int[] delays = new int[remaining];
        int notWithin = 0;
        boolean never = false;
        for (int m = 0; m < remaining; m++) {
            never |= first[m] == Long.MAX_VALUE;
            delays[m] = first[m] == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) (first[m] - dropMillis);
            if (delays[m] > interval) {
                notWithin++;
            }
        }
        Arrays.sort(delays);
        Arrays.sort(gaps, 0, gapCount);
        double max = remaining == 0 ? 0 : never ? -1 : delays[remaining - 1] / 1000.0;
        double p99 = GroundTruth.percentile(delays, remaining, 0.99);
        return new Recovery(remaining, p99 == Integer.MAX_VALUE ? -1 : p99 / 1000.0, max, notWithin,
                gapCount == 0 ? 0 : (double) late / gapCount, GroundTruth.percentile(gaps, gapCount, 0.99) / 1000.0,
                removed);
    }
}
