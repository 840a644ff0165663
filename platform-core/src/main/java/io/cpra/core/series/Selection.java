package io.cpra.core.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which monitors keep their series under the cap: each monitor once (through the first
 * configured group that holds it), in name order, as many whole monitors as
 * {@code max-series} allows. Name order makes the choice the same on every refresh and
 * every node, so a capped set does not flap. Pure. Immutable.
 *
 * @param kept    the monitors exported, by name
 * @param dropped how many series were left out by the cap
 */
record Selection(List<Sample> kept, long dropped) {

    Selection {
        kept = List.copyOf(kept);
    }

    /**
     * Chooses.
     *
     * @param found     what the engine listed, group by group in configuration order
     * @param maxSeries the cap on series
     * @return the choice
     */
    static Selection of(List<Sample> found, int maxSeries) {
        Map<String, Sample> once = new LinkedHashMap<>();
        for (Sample sample : found) {
            once.putIfAbsent(sample.monitor(), sample);
        }
        List<Sample> sorted = new ArrayList<>(once.values());
        sorted.sort(Comparator.comparing(Sample::monitor));
        int room = maxSeries / MonitorSeries.SERIES_PER_MONITOR;
        if (sorted.size() <= room) {
            return new Selection(sorted, 0);
        }
        long dropped = (long) (sorted.size() - room) * MonitorSeries.SERIES_PER_MONITOR;
        return new Selection(sorted.subList(0, room), dropped);
    }
}
