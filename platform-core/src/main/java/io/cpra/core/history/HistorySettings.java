package io.cpra.core.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each tier of check history is kept, and how far the writer may fall behind.
 * Immutable.
 *
 * @param minutes  how long one-minute buckets are kept ({@code cpra.history.minute-retention}), at least 2 h
 *                 so that every hour is rolled up before its minutes go
 * @param hours    how long one-hour buckets are kept ({@code cpra.history.hour-retention}), at least 2 d
 * @param days     how long one-day buckets are kept ({@code cpra.history.day-retention}), at least 1 d
 * @param backlog  buckets waiting to be written beyond which new ones are dropped and counted
 *                 ({@code cpra.history.backlog}), at least 1
 */
public record HistorySettings(Duration minutes, Duration hours, Duration days, int backlog) {

    /** Minute buckets are kept this long unless set. */
    public static final Duration DEFAULT_MINUTES = Duration.ofHours(6);
    /** Hour buckets are kept this long unless set. */
    public static final Duration DEFAULT_HOURS = Duration.ofDays(35);
    /** Day buckets are kept this long unless set. */
    public static final Duration DEFAULT_DAYS = Duration.ofDays(400);
    /** Two minutes of a million monitors, about 100 MB of heap at most. */
    public static final int DEFAULT_BACKLOG = 2_000_000;

    /** Checks the ranges. */
    public HistorySettings {
        Objects.requireNonNull(minutes, "minutes");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(days, "days");
        if (minutes.compareTo(Duration.ofHours(2)) < 0 || hours.compareTo(Duration.ofDays(2)) < 0
                || days.compareTo(Duration.ofDays(1)) < 0 || backlog < 1) {
            throw new IllegalArgumentException("history retention: minutes at least 2h, hours at least 2d, days at"
                    + " least 1d, backlog at least 1; got " + minutes + ", " + hours + ", " + days + ", " + backlog);
        }
    }

    /** @return the defaults */
    public static HistorySettings defaults() {
        return new HistorySettings(DEFAULT_MINUTES, DEFAULT_HOURS, DEFAULT_DAYS, DEFAULT_BACKLOG);
    }
}
