package io.cpra.core.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {

    @Test
    void defaultsFollowTheDesign() {
        Policy policy = Policy.defaults();

        assertThat(policy.unhealthyThreshold()).isEqualTo(1);
        assertThat(policy.healthyThreshold()).isEqualTo(2);
        assertThat(policy.interventionConfigured()).isFalse();
        assertThat(policy.maxAttempts()).isEqualTo(1);
        assertThat(policy.verificationPulses()).isEqualTo(2);
        for (Code colour : Code.values()) {
            assertThat(policy.cooldownNanos(colour)).as(colour.name()).isZero();
        }
    }

    @Test
    void verificationPulsesFollowTheHealthyThresholdUnlessSet() {
        assertThat(Policy.builder().healthyThreshold(5).build().verificationPulses()).isEqualTo(5);
        assertThat(Policy.builder().healthyThreshold(5).verificationPulses(1).build().verificationPulses()).isEqualTo(1);
    }

    @ParameterizedTest(name = "attempt {0}: base {1}, cap {2} -> {3}")
    @CsvSource({
            "2, 10, 100, 10",
            "3, 10, 100, 20",
            "4, 10, 100, 40",
            "5, 10, 100, 80",
            "6, 10, 100, 100",
            "60, 10, 100, 100",
            "66, 10, 100, 100",
            "2147483647, 10, 100, 100",
            "64, 0, 100, 0",
            "2, 0, 0, 0",
            "3, 4611686018427387904, 9223372036854775807, 9223372036854775807",
            "2, 9223372036854775807, 9223372036854775807, 9223372036854775807",
    })
    void retryDelayDoublesUpToTheCapWithoutOverflow(int attempt, long base, long cap, long expected) {
        Policy policy = Policy.builder().intervention(3).retryBackoff(base, cap).build();

        assertThat(policy.retryDelayNanos(attempt)).isEqualTo(expected);
    }

    @Test
    void theFirstAttemptIsNotARetry() {
        assertThatThrownBy(() -> Policy.defaults().retryDelayNanos(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempt 1");
    }

    @Test
    void outOfRangeValuesNameTheirKey() {
        assertThatThrownBy(() -> Policy.builder().unhealthyThreshold(0))
                .hasMessage("unhealthy_threshold must be at least 1, was 0");
        assertThatThrownBy(() -> Policy.builder().healthyThreshold(-1))
                .hasMessage("healthy_threshold must be at least 1, was -1");
        assertThatThrownBy(() -> Policy.builder().intervention(0))
                .hasMessage("intervention.retries must be at least 1, was 0");
        assertThatThrownBy(() -> Policy.builder().verificationPulses(0))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Policy.builder().retryBackoff(-1, 10))
                .hasMessageContaining("at least 0");
        assertThatThrownBy(() -> Policy.builder().retryBackoff(10, 9))
                .hasMessageContaining("below the base delay");
        assertThatThrownBy(() -> Policy.builder().cooldownNanos(Code.RED, -1))
                .hasMessageContaining("codes.red cooldown must be at least 0");
    }

    @Test
    void greenHasNoCooldown() {
        assertThatThrownBy(() -> Policy.builder().cooldownNanos(Code.GREEN, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("green always passes");
    }

    @Test
    void equalSettingsMakeEqualPolicies() {
        Policy one = Policy.builder().unhealthyThreshold(3).intervention(2).cooldownNanos(Code.RED, 5).build();
        Policy two = Policy.builder().cooldownNanos(Code.RED, 5).intervention(2).unhealthyThreshold(3).build();
        Policy other = Policy.builder().unhealthyThreshold(3).intervention(2).cooldownNanos(Code.RED, 6).build();

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(other);
        assertThat(one.toString()).contains("unhealthy_threshold=3", "max_attempts=2", "cooldown.red=5ns");
    }
}
