package io.cpra.core.delivery;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's one retry schedule. */
class DeliverySettingsTest {

    private static final DeliverySettings NO_JITTER = new DeliverySettings(12, Duration.ofSeconds(2),
            Duration.ofMinutes(30), 0, 10, 60, Duration.ofSeconds(30));

    @ParameterizedTest(name = "after attempt {0} fails, wait {1} s")
    @CsvSource({
        "1, 2",
        "2, 4",
        "3, 8",
        "10, 1024",
        "11, 1800",
    })
    void delaysDoubleFromTheFirstBackoffUpToTheMax(int failed, long seconds) {
        assertThat(NO_JITTER.retryDelayNanos(failed, 0.5)).isEqualTo(Duration.ofSeconds(seconds).toNanos());
    }

    @ParameterizedTest(name = "attempt {0} of 12 was the last: {1}")
    @CsvSource({"11, false", "12, true", "13, true"})
    void theLastAttemptHasNoRetry(int failed, boolean last) {
        assertThat(NO_JITTER.retryDelayNanos(failed, 0.5) < 0).isEqualTo(last);
    }

    @Property
    void jitterKeepsEveryDelayWithinItsShareOfTheBase(@ForAll @IntRange(min = 1, max = 11) int failed,
                                                      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        DeliverySettings jittered = DeliverySettings.DEFAULTS;
        long base = NO_JITTER.retryDelayNanos(failed, 0.5);
        long delay = jittered.retryDelayNanos(failed, random);
        assertThat(delay).isBetween(Math.round(base * 0.8) - 1, Math.round(base * 1.2) + 1);
    }

    @Property
    void theDefaultScheduleNeverWaitsLongerThanItsMax(@ForAll @IntRange(min = 1, max = 100_000) int failed) {
        DeliverySettings many = DeliverySettings.DEFAULTS.withSchedule(Integer.MAX_VALUE, Duration.ofSeconds(2),
                Duration.ofMinutes(30));
        assertThat(many.retryDelayNanos(failed, 0.999)).isBetween(0L, Duration.ofMinutes(36).toNanos());
    }
}
