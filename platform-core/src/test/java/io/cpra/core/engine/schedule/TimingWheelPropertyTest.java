package io.cpra.core.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

class TimingWheelPropertyTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    @Property(tries = 300)
    void everyIdFiresOnceAtTheFirstAdvanceAtOrAfterItsDueTime(
            @ForAll long start, @ForAll("ticks") long tick,
            @ForAll("dueOffsets") List<Long> offsets, @ForAll("steps") List<Long> steps) {
        TimingWheel wheel = TimingWheel.create(tick, start);
        int n = offsets.size();
        long[] due = new long[n];
        int[] firedAt = new int[n];
        Arrays.fill(firedAt, -1);
        for (int id = 0; id < n; id++) {
            due[id] = start + offsets.get(id);
            wheel.schedule(id, due[id]);
        }
        List<Long> all = new ArrayList<>(steps);
        all.add(27 * HOUR); // past every due time

        long now = start;
        for (int k = 0; k < all.size(); k++) {
            long previous = now;
            now += all.get(k);
            int advance = k;
            long current = now;
            wheel.advance(now, (id, d) -> {
                assertThat(firedAt[id]).as("id %d fired twice", id).isEqualTo(-1);
                assertThat(d).isEqualTo(due[id]);
                assertThat(d - current).as("id %d fired before its due time", id).isLessThanOrEqualTo(0);
                firedAt[id] = advance;
            }, Integer.MAX_VALUE);
            for (int id = 0; id < n; id++) {
                boolean isDue = due[id] - now <= 0;
                assertThat(firedAt[id] >= 0).as("id %d due %b at advance %d", id, isDue, k).isEqualTo(isDue);
                if (firedAt[id] == k && k > 0) {
                    assertThat(due[id] - previous).as("id %d was already due before", id).isPositive();
                }
            }
        }
        assertThat(wheel.size()).isZero();
    }

    @Property(tries = 300)
    void aLimitNeitherLosesNorRepeatsNorReordersAcrossTicks(
            @ForAll long start, @ForAll("dueOffsets") List<Long> offsets,
            @ForAll("steps") List<Long> steps, @ForAll @IntRange(min = 1, max = 7) int limit) {
        TimingWheel wheel = TimingWheel.create(start);
        int n = offsets.size();
        long[] due = new long[n];
        boolean[] fired = new boolean[n];
        for (int id = 0; id < n; id++) {
            due[id] = start + offsets.get(id);
            wheel.schedule(id, due[id]);
        }
        List<Long> all = new ArrayList<>(steps);
        all.add(27 * HOUR);
        long[] lastTick = {Long.MIN_VALUE};

        long now = start;
        for (long step : all) {
            now += step;
            long current = now;
            int stillDue;
            do {
                stillDue = 0;
                for (int id = 0; id < n; id++) {
                    if (!fired[id] && due[id] - now <= 0) {
                        stillDue++;
                    }
                }
                int count = wheel.advance(now, (id, d) -> {
                    assertThat(fired[id]).as("id %d fired twice", id).isFalse();
                    assertThat(d - current).isLessThanOrEqualTo(0);
                    long tick = Math.max(0, Math.floorDiv(d - start, TimingWheel.DEFAULT_TICK_NANOS));
                    assertThat(tick).as("tick order").isGreaterThanOrEqualTo(lastTick[0]);
                    lastTick[0] = tick;
                    fired[id] = true;
                }, limit);
                assertThat(count).isEqualTo(Math.min(limit, stillDue));
            } while (stillDue > limit);
        }
        for (int id = 0; id < n; id++) {
            assertThat(fired[id]).as("id %d", id).isTrue();
        }
    }

    @Property(tries = 500)
    void scheduleCancelAndAdvanceAgreeWithAMap(@ForAll long start,
            @ForAll("operations") List<Tuple.Tuple3<Integer, Integer, Long>> operations) {
        TimingWheel wheel = TimingWheel.create(start);
        Map<Integer, Long> model = new HashMap<>();
        long now = start;
        for (Tuple.Tuple3<Integer, Integer, Long> op : operations) {
            int id = op.get2();
            long amount = op.get3();
            switch (op.get1()) {
                case 0 -> {
                    wheel.schedule(id, now + amount);
                    model.put(id, now + amount);
                }
                case 1 -> assertThat(wheel.cancel(id)).isEqualTo(model.remove(id) != null);
                default -> {
                    now += Math.abs(amount);
                    long current = now;
                    Set<Integer> expected = new HashSet<>();
                    model.forEach((k, v) -> {
                        if (v - current <= 0) {
                            expected.add(k);
                        }
                    });
                    Set<Integer> got = new HashSet<>();
                    wheel.advance(now, (i, d) -> {
                        assertThat(d).isEqualTo(model.get(i));
                        assertThat(got.add(i)).isTrue();
                    }, Integer.MAX_VALUE);
                    assertThat(got).isEqualTo(expected);
                    expected.forEach(model::remove);
                }
            }
            assertThat(wheel.size()).isEqualTo(model.size());
            assertThat(wheel.isScheduled(id)).isEqualTo(model.containsKey(id));
            if (model.containsKey(id)) {
                assertThat(wheel.dueOf(id)).isEqualTo(model.get(id));
            }
        }
    }

    @Property(tries = 100)
    void fixedRateMonitorsFireOnEverySlotWithIntervalsFrom100msTo24h(
            @ForAll long start,
            @ForAll("intervals") List<Long> intervals,
            @ForAll("longSteps") List<Long> steps) {
        TimingWheel wheel = TimingWheel.create(start);
        int n = intervals.size();
        long[] expected = new long[n];
        for (int id = 0; id < n; id++) {
            expected[id] = FixedRate.firstDue(start, intervals.get(id), "monitor-" + id);
            wheel.schedule(id, expected[id]);
        }
        List<Long> all = new ArrayList<>(steps);
        all.add(25 * HOUR); // every monitor comes due at least once
        long[] fired = new long[1];
        long now = start;
        for (int k = 0; k < all.size(); k++) {
            long previous = now;
            now += all.get(k);
            long current = now;
            boolean first = k == 0;
            wheel.advance(now, (id, d) -> {
                assertThat(d).as("id %d", id).isEqualTo(expected[id]);
                assertThat(d - current).isLessThanOrEqualTo(0);
                if (!first) {
                    assertThat(d - previous).as("late: id %d", id).isPositive();
                }
                fired[0]++;
                expected[id] = FixedRate.nextDue(d, intervals.get(id), current);
                wheel.schedule(id, expected[id]);
            }, Integer.MAX_VALUE);
            for (int id = 0; id < n; id++) {
                assertThat(expected[id] - now).as("id %d left due", id).isPositive();
            }
        }
        assertThat(fired[0]).isPositive();
        assertThat(wheel.size()).isEqualTo(n);
    }

    @Provide
    Arbitrary<Long> ticks() {
        return Arbitraries.of(1L, 1_000L, 7 * MS, TimingWheel.DEFAULT_TICK_NANOS, SECOND);
    }

    @Provide
    Arbitrary<List<Long>> dueOffsets() {
        Arbitrary<Long> anywhere = Arbitraries.longs().between(-SECOND, 26 * HOUR);
        Arbitrary<Long> soon = Arbitraries.longs().between(0, 5 * MS);
        return Arbitraries.oneOf(anywhere, soon).list().ofMinSize(1).ofMaxSize(150);
    }

    @Provide
    Arbitrary<List<Long>> steps() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 2 * MS)),
                Tuple.of(2, Arbitraries.longs().between(0, SECOND)),
                Tuple.of(1, Arbitraries.longs().between(0, 2 * HOUR))).list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Long>> longSteps() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(0, 50 * MS)),
                Tuple.of(3, Arbitraries.longs().between(0, 30 * MINUTE))).list().ofMinSize(50).ofMaxSize(250);
    }

    @Provide
    Arbitrary<List<Long>> intervals() {
        return Arbitraries.longs().between(100 * MS, 24 * HOUR).list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, Integer, Long>>> operations() {
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(2, 1), Tuple.of(3, 2));
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 40);
        Arbitrary<Long> amount = Arbitraries.oneOf(
                Arbitraries.longs().between(-10 * MS, 10 * MS),
                Arbitraries.longs().between(-HOUR, 3 * HOUR));
        return Combinators.combine(kind, id, amount).as(Tuple::of).list().ofMaxSize(200);
    }
}
