package io.cpra.core.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixedRateTest {

    private static final long SECOND = 1_000_000_000L;

    @ParameterizedTest(name = "due {0}, every {1}, now {2} -> next {3}, skipped {4}")
    @CsvSource({
            // on time and early
            "100, 10, 100, 110, 0",
            "100, 10, 95, 110, 0",
            "100, 10, 109, 110, 0",
            // a whole interval behind: that slot is already past
            "100, 10, 110, 120, 1",
            "100, 10, 125, 130, 2",
            "100, 10, 1099, 1100, 99",
            // negative time line and wrap-around
            "-100, 30, -95, -70, 0",
            "-5, 10, 20, 25, 2",
            "9223372036854775800, 10, 9223372036854775805, -9223372036854775806, 0",
            "9223372036854775800, 10, -9223372036854775806, -9223372036854775796, 1",
    })
    void nextDueAndSkippedCycles(long previous, long interval, long now, long next, long skipped) {
        assertThat(FixedRate.nextDue(previous, interval, now)).isEqualTo(next);
        assertThat(FixedRate.skippedCycles(previous, interval, now)).isEqualTo(skipped);
    }

    @Property
    void nextDueIsTheFirstSlotAfterNow(@ForAll long previous,
            @ForAll @LongRange(min = 1, max = 86_400L * SECOND) long interval,
            @ForAll @LongRange(min = 0, max = 1L << 61) long behind) {
        long now = previous + behind;
        long next = FixedRate.nextDue(previous, interval, now);
        long skipped = FixedRate.skippedCycles(previous, interval, now);

        assertThat(next - now).isPositive().isLessThanOrEqualTo(interval);
        assertThat(Long.remainderUnsigned(next - previous, interval)).isZero();
        assertThat((next - previous) / interval).isEqualTo(skipped + 1);
    }

    @Property
    void offsetsLieWithinOneInterval(@ForAll @StringLength(max = 80) String name,
            @ForAll @LongRange(min = 1) long interval) {
        assertThat(FixedRate.offset(name, interval)).isBetween(0L, interval - 1);
        assertThat(FixedRate.firstDue(-7, interval, name) + 7).isEqualTo(FixedRate.offset(name, interval));
    }

    @Test
    void theOffsetOfANameNeverChanges() {
        // Pinned: a change here moves every monitor of every fleet after an upgrade.
        assertThat(FixedRate.hash("")).isEqualTo(-1166397803181037274L);
        assertThat(FixedRate.hash("web-001")).isEqualTo(FixedRate.hash(new StringBuilder("web-001")));
        assertThat(FixedRate.offset("web-001", 10 * SECOND)).isEqualTo(4_567_693_370L);
    }

    @Test
    void similarNamesSpreadEvenlyOverTheInterval() {
        long interval = 10 * SECOND;
        int buckets = 100;
        int names = 200_000;
        int[] counts = new int[buckets];
        for (int i = 0; i < names; i++) {
            long offset = FixedRate.offset("web-" + i, interval);
            counts[(int) (offset / (interval / buckets))]++;
        }
        int expected = names / buckets;
        for (int count : counts) {
            assertThat(count).isBetween(expected * 9 / 10, expected * 11 / 10);
        }
    }

    @Test
    void alignedFirstDueKeepsTheWallClockPhaseAcrossRestarts() {
        long interval = 10 * SECOND;
        long phase = FixedRate.offset("db-7", interval);
        long wallA = 1_700_000_000L * SECOND + 123_456_789L;
        long wallB = wallA + 3_600 * SECOND + 987_654_321L; // a restart an hour later
        long nanoA = -42;
        long nanoB = 9_000_000_000_000L;

        long dueA = FixedRate.alignedFirstDue(nanoA, wallA, interval, "db-7");
        long dueB = FixedRate.alignedFirstDue(nanoB, wallB, interval, "db-7");

        assertThat(dueA - nanoA).isBetween(0L, interval - 1);
        assertThat(dueB - nanoB).isBetween(0L, interval - 1);
        assertThat(Math.floorMod(wallA + (dueA - nanoA), interval)).isEqualTo(phase);
        assertThat(Math.floorMod(wallB + (dueB - nanoB), interval)).isEqualTo(phase);
    }

    @Test
    void rejectsANonPositiveInterval() {
        assertThatThrownBy(() -> FixedRate.nextDue(0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be positive: 0 ns");
        assertThatThrownBy(() -> FixedRate.offset("x", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
