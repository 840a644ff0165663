package io.cpra.bench.realtarget;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the target saw of one group of monitors over a window, from nginx's access log: checks
 * per second, monitors never seen, the gaps between a monitor's consecutive checks, how evenly
 * checks were shared, and the statuses nginx answered. A check belongs to the window when it
 * started in it; a gap counts when both its checks did.
 *
 * <p>A gap still open at the window's end counts too once it is late: a monitor whose last
 * check started more than 1.5 intervals before the end adds a gap of that length, and a monitor
 * never seen adds one as long as the window. So a starved monitor cannot hide by being checked
 * too rarely to have a gap at all; the percentiles are then lower bounds.
 *
 * @param target         what the group checks
 * @param monitors       the monitors judged
 * @param checks         their checks that started in the window
 * @param seconds        the window's length
 * @param neverSeen      monitors with no check in the window
 * @param overdueAtEnd   monitors seen, but whose last check started more than 1.5 intervals before the window's end
 * @param gaps           gaps measured, open late ones included
 * @param openGaps       of which gaps still open at the window's end (overdue or never seen)
 * @param gapP50         median gap, seconds
 * @param gapP99         99th percentile gap, seconds
 * @param gapMax         largest gap, seconds
 * @param lateGapShare   share of gaps longer than 1.5 intervals
 * @param perMonitorMin  fewest checks of one monitor
 * @param perMonitorMedian median checks of one monitor
 * @param perMonitorMax  most checks of one monitor
 * @param jain           Jain's fairness index of the checks per monitor: 1 when equal, 1/n when one monitor had all
 * @param statuses       nginx's status codes and how often it answered each
 */
record GroundTruth(Target target, int monitors, long checks, double seconds, int neverSeen, int overdueAtEnd,
                   long gaps, long openGaps, double gapP50, double gapP99, double gapMax, double lateGapShare, int perMonitorMin,
                   int perMonitorMedian, int perMonitorMax, double jain, Map<Integer, Long> statuses) {

    /** A gap longer than this many intervals is late. */
    static final double LATE = 1.5;

    /** @return checks per second in the window */
    double checksPerSecond() {
        return seconds <= 0 ? 0 : checks / seconds;
    }

    /**
     * @param log        the parsed log
     * @param group      the group, one of the log's roster
     * @param firstCount judge only the group's first this many monitors (all: {@code group.count()})
     * @param fromMillis the window's start, wall-clock milliseconds
     * @param toMillis   its end
     * @return what the target saw
     */
    static GroundTruth of(AccessLog log, MonitorGroup group, int firstCount, long fromMillis, long toMillis) {
        int offset = log.roster().offset(group);
        long intervalMillis = group.interval().toMillis();
        long[] last = new long[firstCount];
        Arrays.fill(last, Long.MIN_VALUE);
        int[] counts = new int[firstCount];
        int[] gaps = new int[1024];
        int gapCount = 0;
        long late = 0;
        long checks = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < log.size(); i++) {
            int m = log.monitor(i) - offset;
            long start = log.startMillis(i);
            if (m < 0 || m >= firstCount || start < fromMillis || start >= toMillis) {
                continue;
            }
            checks++;
            counts[m]++;
            statuses.merge(log.status(i), 1L, Long::sum);
            if (last[m] != Long.MIN_VALUE) {
                int gap = (int) Math.abs(start - last[m]);
                if (gapCount == gaps.length) {
                    gaps = Arrays.copyOf(gaps, gapCount * 2);
                }
                gaps[gapCount++] = gap;
                if (gap > LATE * intervalMillis) {
                    late++;
                }
            }
            last[m] = Math.max(last[m], start);
        }
        int never = 0;
        int overdue = 0;
        long window = toMillis - fromMillis;
        for (int m = 0; m < firstCount; m++) {
            long open;
            if (counts[m] == 0) {
                never++;
                open = window;
            } else {
                open = toMillis - last[m];
                overdue += open > LATE * intervalMillis ? 1 : 0;
            }
            if (open > LATE * intervalMillis) {
                if (gapCount == gaps.length) {
                    gaps = Arrays.copyOf(gaps, gapCount * 2);
                }
                gaps[gapCount++] = (int) Math.min(Integer.MAX_VALUE, open);
                late++;
            }
        }
        Arrays.sort(gaps, 0, gapCount);
        int[] sortedCounts = counts.clone();
        Arrays.sort(sortedCounts);
        return new GroundTruth(group.target(), firstCount, checks, window / 1000.0, never, overdue,
                gapCount, never + overdue, percentile(gaps, gapCount, 0.50) / 1000.0, percentile(gaps, gapCount, 0.99) / 1000.0,
                gapCount == 0 ? 0 : gaps[gapCount - 1] / 1000.0, gapCount == 0 ? 0 : (double) late / gapCount,
                firstCount == 0 ? 0 : sortedCounts[0], firstCount == 0 ? 0 : sortedCounts[firstCount / 2],
                firstCount == 0 ? 0 : sortedCounts[firstCount - 1], jain(counts), statuses);
    }

    /** Nearest-rank percentile of the first {@code n} sorted values. */
    static double percentile(int[] sorted, int n, double p) {
        if (n == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    /** Jain's index: (Σx)² / (n · Σx²); 1 for no monitors or no checks at all. */
    static double jain(int[] counts) {
        double sum = 0;
        double squares = 0;
        for (int count : counts) {
            sum += count;
            squares += (double) count * count;
        }
        return squares == 0 ? 1 : sum * sum / (counts.length * squares);
    }

    /** @return checks nginx did not answer 200 */
    long non200() {
        return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
    }
}
