package io.cpra.core.web;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where the public pages read a monitor's uptime over time: the daily bars of a status page
 * and the uptime badges. The pages read the check history in storage unless they are given
 * another source; {@link #none()} says that no history is recorded, and the pages then show
 * "no history yet" rather than a made-up figure. Implementations are thread-safe.
 */
public interface UptimeHistory {

    /**
     * The share of successful checks on each of the last days, oldest first.
     *
     * @param monitor the monitor's name
     * @param days    how many days, the last being today (UTC)
     * @return one fraction from 0 to 1 per day, {@code NaN} for a day without checks; empty when
     *         no history is recorded at all
     */
    Optional<double[]> daily(String monitor, int days);

    /**
     * The share of successful checks over a window ending now.
     *
     * @param monitor the monitor's name
     * @param window  the window, such as 24 hours
     * @return the fraction from 0 to 1; empty when nothing is recorded for it
     */
    OptionalDouble uptime(String monitor, Duration window);

    /**
     * No history: every answer is empty.
     *
     * @return the source
     */
    static UptimeHistory none() {
        return new UptimeHistory() {
            @Override
            public Optional<double[]> daily(String monitor, int days) {
                return Optional.empty();
            }

            @Override
            public OptionalDouble uptime(String monitor, Duration window) {
                return OptionalDouble.empty();
            }
        };
    }
}
