package io.cpra.plugin.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {

    /** A clock driven by hand, started near the end of the long range so overflow would show. */
    private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 10_000_000_000L);

    @Test
    void theTimeLeftFollowsTheGivenClock() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(2), clock::get);

        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(2));
        clock.addAndGet(1_500_000_000L);
        assertThat(deadline.remainingNanos()).isEqualTo(500_000_000L);
        assertThat(deadline.timeoutMillis()).isEqualTo(500);
        assertThat(deadline.expired()).isFalse();
        clock.addAndGet(500_000_000L);
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        clock.addAndGet(3_000_000_000L);
        assertThat(deadline.remainingNanos()).isEqualTo(-3_000_000_000L);
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void timeoutMillisIsNeverZeroSoSocketsDoNotWaitForever() {
        Deadline deadline = Deadline.at(clock.get() + 1, clock::get);

        assertThat(deadline.timeoutMillis()).isEqualTo(1);
        clock.addAndGet(5_000_000L);
        assertThat(deadline.timeoutMillis()).isEqualTo(1);
        assertThat(Deadline.after(Duration.ofDays(365), clock::get).timeoutMillis()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void hugeTimeoutsAreClampedInsteadOfOverflowing() {
        clock.set(0);
        Deadline forever = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), clock::get);

        assertThat(forever.remainingNanos()).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(forever.expired()).isFalse();
        assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1), clock::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must not be negative: PT-0.001S");
    }

    @Test
    void theSystemClockIsTheDefault() {
        Deadline deadline = Deadline.after(Duration.ofHours(1));

        assertThat(deadline.remaining()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    @Property
    void anAttemptGetsItsShareOnTheSameClockAndNeverMore(
            @ForAll @LongRange(min = 1, max = 100_000_000_000L) long remaining,
            @ForAll @IntRange(min = 1, max = 11) int attemptsLeft) {
        Deadline deadline = Deadline.at(clock.get() + remaining, clock::get);

        Deadline share = deadline.share(attemptsLeft);

        long given = share.remainingNanos();
        assertThat(given).isEqualTo(attemptsLeft == 1 ? remaining : remaining / attemptsLeft);
        clock.addAndGet(given);
        assertThat(share.expired()).isTrue();
        assertThat(deadline.remainingNanos()).isEqualTo(remaining - given);
    }

    @Property
    void anExpiredDeadlineIsItsOwnShare(@ForAll @IntRange(min = 1, max = 11) int attemptsLeft) {
        Deadline past = Deadline.at(clock.get() - 1, clock::get);

        assertThat(past.share(attemptsLeft)).isSameAs(past);
    }

    @Test
    void withinTakesTheEarlierOfTheDeadlineAndTheLimit() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock::get);

        assertThat(deadline.within(Duration.ofSeconds(3)).remaining()).isEqualTo(Duration.ofSeconds(3));
        assertThat(deadline.within(Duration.ofSeconds(30))).isSameAs(deadline);
    }

    @Test
    void equalWhenOnTheSameClockAtTheSameReading() {
        LongSupplier other = () -> 0;

        assertThat(Deadline.at(5, other)).isEqualTo(Deadline.at(5, other)).hasSameHashCodeAs(Deadline.at(5, other));
        assertThat(Deadline.at(5, other)).isNotEqualTo(Deadline.at(5, clock::get)).isNotEqualTo(Deadline.at(6, other));
    }
}
