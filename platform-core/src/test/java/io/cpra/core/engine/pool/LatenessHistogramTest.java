package io.cpra.core.engine.pool;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenessHistogramTest {

    @Property
    void everyValueLiesInItsBucketAndBucketsAreTight(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long value) {
        int index = LatenessHistogram.index(value);
        assertThat(LatenessHistogram.upperBound(index)).isGreaterThanOrEqualTo(value);
        if (index > 0) {
            assertThat(LatenessHistogram.upperBound(index - 1)).isLessThan(value);
        }
        // relative error of reporting the bucket's upper bound
        assertThat((double) LatenessHistogram.upperBound(index) - value).isLessThanOrEqualTo(value / 8.0 + 1);
    }

    @Test
    void percentilesOfAWindow() {
        LatenessHistogram histogram = new LatenessHistogram();
        for (int i = 1; i <= 1000; i++) {
            histogram.record(i * 1_000_000L);   // 1 ms .. 1 s
        }
        LatenessHistogram.Snapshot first = histogram.snapshot();
        assertThat(first.total()).isEqualTo(1000);
        assertThat(first.percentile(0.5)).isBetween(500_000_000L, 500_000_000L * 9 / 8);
        assertThat(first.percentile(0.99)).isBetween(990_000_000L, 990_000_000L * 9 / 8);
        assertThat(first.max()).isEqualTo(1_000_000_000L);

        histogram.record(-5);
        histogram.record(3);
        LatenessHistogram.Snapshot window = histogram.snapshot().since(first);
        assertThat(window.total()).isEqualTo(2);
        assertThat(window.percentile(0.99)).isEqualTo(3);
        assertThat(window.percentile(0.5)).isZero();
        assertThat(new LatenessHistogram().snapshot().percentile(0.99)).isZero();
    }
}
