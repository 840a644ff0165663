package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.Deadline;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static Backoff backoff(int calls, long firstMillis, long maxMillis, Deadline deadline) {
        return new Backoff(calls, Duration.ofMillis(firstMillis), Duration.ofMillis(maxMillis), deadline, () -> 1.0);
    }

    @ParameterizedTest(name = "after call {0}: {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "40, 1000", "70, 1000"})
    void delaysDoubleUpToTheMaximum(int call, long nominal) {
        assertThat(backoff(100, 100, 1000, Deadline.after(Duration.ofHours(1))).nominalMillis(call)).isEqualTo(nominal);
    }

    @ParameterizedTest
    @CsvSource({"3, 1, true", "3, 2, true", "3, 3, false", "1, 1, false"})
    void stopsAfterTheLastCall(int calls, int failedCall, boolean more) {
        assertThat(backoff(calls, 10, 10, Deadline.after(Duration.ofHours(1))).nextDelayMillis(0, 0, failedCall).isPresent())
                .isEqualTo(more);
    }

    @ParameterizedTest
    @CsvSource({"1, 100, false", "1, 10000, true"})
    void neverSleepsPastTheDeadline(int call, long remainingMillis, boolean more) {
        Deadline deadline = Deadline.after(Duration.ofMillis(remainingMillis));

        assertThat(backoff(5, 1000, 1000, deadline).nextDelayMillis(0, 0, call).isPresent()).isEqualTo(more);
    }

    @Property
    void jitterStaysWithinHalfToFullNominal(@ForAll @LongRange(min = 0, max = 1_000_000) long nominal,
                                             @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        long delay = Backoff.jittered(nominal, random);

        assertThat(delay).isBetween(nominal / 2, nominal);
    }

    @Property
    void nominalNeverExceedsTheMaximumNorShrinks(@ForAll @IntRange(min = 1, max = 200) int call,
                                                 @ForAll @LongRange(min = 0, max = 100_000) long first,
                                                 @ForAll @LongRange(min = 0, max = 1_000_000) long extra) {
        Backoff backoff = backoff(1000, first, first + extra, Deadline.after(Duration.ofHours(1)));

        assertThat(backoff.nominalMillis(call)).isBetween(first, first + extra);
        assertThat(backoff.nominalMillis(call + 1)).isGreaterThanOrEqualTo(backoff.nominalMillis(call));
    }
}
