package io.cpra.core.engine.pool;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AllenCunneenLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    private static LoadSample poisson(long perSecond, double serviceMillis, double serviceScv, int peak) {
        return new LoadSample(SECOND, perSecond, 1.0, perSecond, serviceMillis * MILLI, serviceScv, peak, 0);
    }

    @Test
    void erlangCMatchesTextbookValues() {
        // two servers at load 1: C = 1/3; one server: C = rho
        assertThat(AllenCunneenLimit.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(AllenCunneenLimit.erlangC(1, 0.5)).isCloseTo(0.5, within(1e-12));
        // ten servers at load 8: the classic call-centre table value 0.409
        assertThat(AllenCunneenLimit.erlangC(10, 8.0)).isCloseTo(0.409, within(0.001));
    }

    @ParameterizedTest(name = "{0}/s at {1} ms within {2} ms needs {3}")
    @CsvSource({
            // rate, service ms, target ms, smallest c with Wq(M/M/c) <= target (computed independently)
            "1000,      10,    10,   11",
            "10,        1000,  100,  13",
            "1000000,   0.001, 1,    2",
            "100000,    50,    20,   5003",
    })
    void requiredLimitIsTheSmallestThatMeetsTheTarget(long rate, double serviceMillis, long targetMillis, int expected) {
        AllenCunneenLimit limit = new AllenCunneenLimit(1, 100_000, targetMillis * MILLI);
        int c = limit.required(poisson(rate, serviceMillis, 1.0, 0));
        assertThat(c).isEqualTo(expected);
    }

    @Test
    void burstierArrivalsAndServiceNeedMoreConcurrency() {
        AllenCunneenLimit limit = new AllenCunneenLimit(1, 10_000, 5 * MILLI);
        int calm = limit.required(new LoadSample(SECOND, 2000, 0.2, 2000, 10 * MILLI, 0.2, 0, 0));
        int bursty = limit.required(new LoadSample(SECOND, 2000, 8.0, 2000, 10 * MILLI, 4.0, 0, 0));
        assertThat(bursty).isGreaterThan(calm);
    }

    @Test
    void doesNotRaiseALimitThatWasNotFullyUsed() {
        AllenCunneenLimit limit = new AllenCunneenLimit(1, 10_000, 10 * MILLI);
        LoadSample heavy = poisson(10_000, 50, 1.0, 40);
        assertThat(limit.next(100, heavy)).isEqualTo(100);
        assertThat(limit.next(100, poisson(10_000, 50, 1.0, 100))).isEqualTo(200);
    }

    @Test
    void fallsGraduallyWhenLoadDrops() {
        AllenCunneenLimit limit = new AllenCunneenLimit(4, 10_000, 10 * MILLI);
        LoadSample idle = new LoadSample(SECOND, 0, 1, 0, 0, 0, 0, 0);
        assertThat(limit.next(1000, idle)).isEqualTo(750);
        assertThat(limit.next(5, idle)).isEqualTo(4);
    }

    @Test
    void rejectsNonsenseBounds() {
        assertThatThrownBy(() -> new AllenCunneenLimit(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllenCunneenLimit(5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AllenCunneenLimit(1, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theNextLimitStaysWithinBoundsAndMovesByBoundedSteps(
            @ForAll @IntRange(min = 1, max = 50_000) int current,
            @ForAll @LongRange(min = 0, max = 2_000_000) long rate,
            @ForAll @DoubleRange(min = 0.0001, max = 5000) @Scale(4) double serviceMillis,
            @ForAll @DoubleRange(min = 0, max = 20) double scv,
            @ForAll @IntRange(min = 0, max = 60_000) int peak) {
        AllenCunneenLimit limit = new AllenCunneenLimit(2, 40_000, 20 * MILLI);
        int next = limit.next(current, new LoadSample(SECOND, rate, scv, rate, serviceMillis * MILLI, scv, peak, 0));
        assertThat(next).isBetween(2, 40_000);
        if (next > Math.max(current, 2)) {
            // above the floor, the limit only rises when it was fully used, and at most doubles
            assertThat(peak).isGreaterThanOrEqualTo(current);
            assertThat(next).isLessThanOrEqualTo(current * 2);
        }
        if (next < current && current > 2) {
            assertThat(next).isGreaterThanOrEqualTo(current - Math.max(1, current / 4));
        }
    }

    @Property
    void whenTheLimitIsRequiredTheModelMeetsTheTarget(
            @ForAll @LongRange(min = 1, max = 200_000) long rate,
            @ForAll @DoubleRange(min = 0.01, max = 200) double serviceMillis) {
        AllenCunneenLimit limit = new AllenCunneenLimit(1, 1_000_000, 10 * MILLI);
        LoadSample sample = poisson(rate, serviceMillis, 1.0, 0);
        int c = limit.required(sample);
        double lambda = rate / 1e9;
        double service = serviceMillis * MILLI;
        assertThat(c).isGreaterThan((int) Math.floor(lambda * service));
        assertThat(AllenCunneenLimit.waitNanos(c, lambda * service, lambda, service)).isLessThanOrEqualTo(10.0 * MILLI);
    }
}
