package io.cpra.core.web;

import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The public pages' uptime, read from the check history a real SQLite store holds. */
class StoredUptimeTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    /** Noon UTC on a day, so the day before and this one are both in a 2-day view. */
    private static final long NOON = 20_000 * DAY + DAY / 2;

    @TempDir
    Path folder;

    private Storage storage;
    private StoredUptime uptime;

    @BeforeEach
    void open() {
        storage = Storage.open(StorageSettings.sqlite(folder.resolve("cpra.db")));
        uptime = new StoredUptime(storage, InstantSource.fixed(Instant.ofEpochMilli(NOON)));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aMonitorWithoutHistoryHasNoBarsAndNoUptime() {
        assertThat(uptime.daily("api", 90)).isEmpty();
        assertThat(uptime.uptime("api", Duration.ofHours(24))).isEmpty();
    }

    @Test
    void daysAreSummedFromTheBucketsThatStartInThem() {
        storage.writeHistory(new HistoryBatch()
                // yesterday: 10 checks, 5 failed
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(NOON - DAY, 10, 5))
                // today: two minutes, 8 checks, 2 failed
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(NOON - 2 * MINUTE, 4, 2))
                .add(HistoryBatch.Scope.MONITOR, "api", bucket(NOON - MINUTE, 4, 0))
                // another monitor does not count
                .add(HistoryBatch.Scope.MONITOR, "web", bucket(NOON - MINUTE, 4, 4)));

        double[] days = uptime.daily("api", 3).orElseThrow();
        assertThat(days).hasSize(3);
        assertThat(days[0]).isNaN();  // two days ago: no checks, no bar, not 0 %
        assertThat(days[1]).isCloseTo(0.5, within(1e-9));
        assertThat(days[2]).isCloseTo(0.75, within(1e-9));
        assertThat(uptime.uptime("api", Duration.ofHours(1)).orElseThrow()).isCloseTo(0.75, within(1e-9));
        assertThat(uptime.uptime("api", Duration.ofDays(2)).orElseThrow()).isCloseTo(11.0 / 18, within(1e-9));
    }

    @Test
    void aStoreThatCannotBeReadIsSaidSoNotShownAsNoHistory() {
        storage.close();
        assertThatThrownBy(() -> uptime.daily("api", 90))
                .isInstanceOf(WebException.class)
                .hasMessageContaining("cannot be read now");
    }

    private static HistoryBucket bucket(long at, long checks, long failures) {
        long start = Math.floorDiv(at, MINUTE) * MINUTE;
        return new HistoryBucket(start, checks, failures, checks * 1_000, 2_000,
                new long[] {checks, 0, 0, 0, 0, 0, 0, 0}, 0);
    }
}
