package io.cpra.core.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimingWheelTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long HOUR = 3_600 * SECOND;
    private static final long DAY = 24 * HOUR;

    private final List<Long> delivered = new ArrayList<>();
    private final DueConsumer record = (id, due) -> delivered.add(((long) id << 32) | (due & 0xFFFF_FFFFL));

    private List<Integer> ids() {
        return delivered.stream().map(v -> (int) (v >>> 32)).toList();
    }

    @Test
    void deliversAtTheFirstAdvanceAtOrAfterTheDueTimeAndNeverBefore() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(7, 1_500_000); // 1.5 ms: mid-tick

        assertThat(wheel.advance(1_000_000, record, 100)).isZero();
        assertThat(wheel.advance(1_499_999, record, 100)).isZero();
        assertThat(wheel.isScheduled(7)).isTrue();
        assertThat(wheel.advance(1_500_000, record, 100)).isEqualTo(1);
        assertThat(ids()).containsExactly(7);
        assertThat(wheel.isScheduled(7)).isFalse();
        assertThat(wheel.advance(10 * SECOND, record, 100)).isZero();
        assertThat(wheel.size()).isZero();
    }

    @Test
    void passesTheDueTimeWithTheId() {
        TimingWheel wheel = TimingWheel.create(-5 * SECOND);
        long[] seen = new long[1];
        wheel.schedule(3, -2 * SECOND + 17);
        wheel.advance(0, (id, due) -> seen[0] = due, 10);
        assertThat(seen[0]).isEqualTo(-2 * SECOND + 17);
    }

    @Test
    void cancelledIdsAreNeverDelivered() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, 10 * MS);
        wheel.schedule(2, 10 * MS);
        assertThat(wheel.cancel(1)).isTrue();
        assertThat(wheel.cancel(1)).isFalse();
        assertThat(wheel.cancel(99_999)).isFalse();
        assertThat(wheel.cancel(-1)).isFalse();

        wheel.advance(HOUR, record, 100);
        assertThat(ids()).containsExactly(2);
    }

    @Test
    void reschedulingReplacesTheDueTime() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(4, 5 * SECOND);
        wheel.schedule(4, 2 * HOUR);
        assertThat(wheel.size()).isEqualTo(1);
        assertThat(wheel.dueOf(4)).isEqualTo(2 * HOUR);

        wheel.advance(HOUR, record, 100);
        assertThat(delivered).isEmpty();
        wheel.advance(2 * HOUR, record, 100);
        assertThat(ids()).containsExactly(4);
    }

    @Test
    void dueOfAnUnscheduledIdIsAnError() {
        TimingWheel wheel = TimingWheel.create(0);
        assertThatThrownBy(() -> wheel.dueOf(12))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id 12 is not scheduled");
    }

    @Test
    void aLimitLeavesTheRestDueInTickOrder() {
        TimingWheel wheel = TimingWheel.create(0);
        for (int id = 0; id < 10; id++) {
            wheel.schedule(id, (10 - id) * MS); // id 9 is due first
        }
        assertThat(wheel.advance(HOUR, record, 3)).isEqualTo(3);
        assertThat(ids()).containsExactly(9, 8, 7);
        assertThat(wheel.advance(HOUR, record, 0)).isZero();
        assertThat(wheel.advance(HOUR, record, 4)).isEqualTo(4);
        assertThat(wheel.advance(HOUR, record, 100)).isEqualTo(3);
        assertThat(ids()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void idsOfOneTickComeInTheOrderTheyWereScheduled() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(5, 3 * MS + 900_000);
        wheel.schedule(6, 3 * MS + 100_000);
        wheel.schedule(7, 3 * MS + 500_000);
        wheel.advance(4 * MS, record, 100);
        assertThat(ids()).containsExactly(5, 6, 7);
    }

    @Test
    void anIdRescheduledInThePastFromTheConsumerWaitsForTheNextAdvance() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, MS);
        DueConsumer stayDue = (id, due) -> {
            delivered.add((long) id);
            wheel.schedule(id, due); // what the engine does when the job queue is full
        };
        assertThat(wheel.advance(5 * MS, stayDue, 1_000)).isEqualTo(1);
        assertThat(wheel.isScheduled(1)).isTrue();
        assertThat(wheel.advance(5 * MS, stayDue, 1_000)).isEqualTo(1);
        assertThat(delivered).hasSize(2);
    }

    @Test
    void theConsumerMayCancelAnIdThatIsAlsoDue() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, MS);
        wheel.schedule(2, MS);
        wheel.schedule(3, 2 * MS);
        wheel.advance(10 * MS, (id, due) -> {
            delivered.add((long) id);
            wheel.cancel(id == 1 ? 2 : -1);
        }, 100);
        assertThat(delivered).containsExactly(1L, 3L);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aThrowingConsumerLeavesTheWheelConsistent() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, MS);
        wheel.schedule(2, MS);
        assertThatThrownBy(() -> wheel.advance(MS, (id, due) -> {
            wheel.schedule(50, 0);
            throw new IllegalStateException("boom");
        }, 100)).hasMessage("boom");

        assertThat(wheel.isScheduled(1)).isFalse();
        assertThat(wheel.size()).isEqualTo(2);
        wheel.advance(MS, record, 100);
        assertThat(ids()).containsExactly(2, 50);
    }

    @Test
    void advanceMayNotBeCalledFromItsOwnConsumer() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, 0);
        assertThatThrownBy(() -> wheel.advance(MS, (id, due) -> wheel.advance(MS, record, 1), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("own consumer");
    }

    @Test
    void timeNeverRunsBackwards() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.advance(10 * SECOND, record, 1);
        wheel.schedule(1, 10 * SECOND + MS);
        wheel.advance(5 * SECOND, record, 1);
        assertThat(wheel.nowNanos()).isEqualTo(10 * SECOND);
        assertThat(wheel.advance(10 * SECOND + MS, record, 1)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -150 * 1_000_000L, -1, 0,
            Long.MAX_VALUE - 150 * 1_000_000L, Long.MAX_VALUE})
    void extremeClocksAndWrapAround(long start) {
        TimingWheel wheel = TimingWheel.create(start);
        wheel.schedule(1, start + 100 * MS);
        wheel.schedule(2, start + 200 * MS);
        wheel.schedule(3, start + DAY);
        wheel.schedule(4, start - 5 * MS); // already past

        wheel.advance(start + MS, record, 10);
        assertThat(ids()).containsExactly(4);
        wheel.advance(start + 100 * MS - 1, record, 10);
        assertThat(ids()).containsExactly(4);
        wheel.advance(start + 100 * MS, record, 10);
        assertThat(ids()).containsExactly(4, 1);
        wheel.advance(start + DAY - 1, record, 10);
        assertThat(ids()).containsExactly(4, 1, 2);
        wheel.advance(start + DAY, record, 10);
        assertThat(ids()).containsExactly(4, 1, 2, 3);
    }

    @Test
    void farDeadlinesCreateOverflowLevelsLazily() {
        TimingWheel wheel = TimingWheel.create(0);
        assertThat(wheel.levels()).isEqualTo(6); // 64 * 32^5 ms is about 24.8 days

        wheel.schedule(1, 30 * DAY);
        assertThat(wheel.levels()).isEqualTo(7);
        wheel.schedule(2, 100L * 365 * DAY);
        assertThat(wheel.levels()).isEqualTo(9);

        wheel.advance(30 * DAY - 1, record, 10);
        assertThat(delivered).isEmpty();
        wheel.advance(30 * DAY, record, 10);
        assertThat(ids()).containsExactly(1);
        wheel.advance(100L * 365 * DAY - 1, record, 10);
        assertThat(ids()).containsExactly(1);
        wheel.advance(100L * 365 * DAY, record, 10);
        assertThat(ids()).containsExactly(1, 2);
    }

    @Test
    void aDueTimeAtTheEndOfTheTimeLineIsKeptExactly() {
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, Long.MAX_VALUE);
        wheel.advance(200L * 365 * DAY, record, 10);
        wheel.advance(292L * 365 * DAY, record, 10);
        assertThat(delivered).isEmpty();
        assertThat(wheel.dueOf(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(wheel.advance(Long.MAX_VALUE, record, 10)).isEqualTo(1);
    }

    @Test
    void aCoarseOrFineTickIsExactToTheNanosecondAtTheAdvance() {
        for (long tick : new long[] {1, 1_000, TimingWheel.MAX_TICK_NANOS}) {
            TimingWheel wheel = TimingWheel.create(tick, 0);
            wheel.schedule(1, 2_500_000_001L);
            assertThat(wheel.advance(2_500_000_000L, record, 1)).as("tick %d", tick).isZero();
            assertThat(wheel.advance(2_500_000_001L, record, 1)).as("tick %d", tick).isEqualTo(1);
        }
    }

    @Test
    void movingDownIsSpreadOverTheTicksBeforeASlotOpens() {
        TimingWheel wheel = TimingWheel.create(0);
        long interval = 60 * SECOND;
        for (int id = 0; id < 60_000; id++) { // one due per tick
            wheel.schedule(id, FixedRate.firstDue(0, interval, "m" + id));
        }
        long start = wheel.moved();
        long most = 0;
        int ticks = 0;
        for (long now = MS; now <= 2 * interval; now += MS, ticks++) {
            long before = wheel.moved();
            wheel.advance(now, (id, due) -> wheel.schedule(id, due + interval), Integer.MAX_VALUE);
            most = Math.max(most, wheel.moved() - before);
        }
        double average = (wheel.moved() - start) / (double) ticks;
        // opening a 1,024-tick slot at once would move about a thousand ids in one tick
        assertThat(average).isBetween(0.5, 4.0);
        assertThat(most).isLessThanOrEqualTo(12);
    }

    @Test
    void idsBeyondTheFirstPageGrowTheWheel() {
        TimingWheel wheel = TimingWheel.create(0);
        int far = 3 * Links.PAGE_IDS + 5;
        wheel.schedule(far, MS);
        assertThat(wheel.isScheduled(far)).isTrue();
        assertThat(wheel.isScheduled(far + Links.PAGE_IDS)).isFalse();
        wheel.advance(MS, record, 10);
        assertThat(ids()).containsExactly(far);
    }

    @Test
    void rejectsBadArguments() {
        TimingWheel wheel = TimingWheel.create(0);
        assertThatThrownBy(() -> wheel.schedule(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> wheel.schedule(Integer.MAX_VALUE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wheel.advance(0, record, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimingWheel.create(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tickNanos");
        assertThatThrownBy(() -> TimingWheel.create(2 * SECOND, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherThreadTripsTheOwnerCheck() throws InterruptedException {
        boolean assertions = false;
        assert assertions = true;
        assumeTrue(assertions, "needs -ea");
        TimingWheel wheel = TimingWheel.create(0);
        wheel.schedule(1, MS);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> wheel.schedule(2, MS));
        assertThatThrownBy(other::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AssertionError.class)
                .hasMessageContaining("engine thread only");
    }
}
