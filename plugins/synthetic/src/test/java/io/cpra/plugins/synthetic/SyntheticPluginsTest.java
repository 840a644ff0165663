package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SyntheticPluginsTest {

    private static final PluginContext CONTEXT = PluginContext.of("m", Path.of("."));
    private static final Deadline LATER = Deadline.after(Duration.ofSeconds(30));

    private static PluginConfig config(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return PluginConfig.of("m", "pulse_check.config", values);
    }

    @Test
    void fixedLatencyIsExact() {
        Latency latency = Latency.from(config("mean", "25ms"));
        assertThat(latency.sampleNanos(new SplittableRandom(1))).isEqualTo(25_000_000L);
    }

    @Test
    void uniformStaysWithinItsBounds() {
        Latency latency = Latency.from(config("latency", "uniform", "min", "10ms", "max", "20ms"));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(latency.sampleNanos(random)).isBetween(10_000_000L, 20_000_000L);
        }
    }

    @ParameterizedTest
    @CsvSource({"exponential, 10ms, 10.0", "lognormal, 10ms, 11.33"})
    void randomShapesHaveTheDocumentedMean(String shape, String mean, double expectedMeanMillis) {
        // lognormal with median m and sigma 0.5 has mean m * exp(sigma^2 / 2)
        Latency latency = Latency.from(config("latency", shape, "mean", mean));
        SplittableRandom random = new SplittableRandom(42);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += latency.sampleNanos(random);
        }
        assertThat(sum / n / 1e6).isCloseTo(expectedMeanMillis, within(expectedMeanMillis * 0.02));
    }

    @Test
    void failureRateZeroNeverFailsOneAlwaysFails() throws InterruptedException {
        var plugin = new SyntheticPulsePlugin();
        PulseCheck healthy = plugin.prepare(config(), CONTEXT);
        PulseCheck broken = plugin.prepare(config("failure_rate", 1), CONTEXT);
        for (int i = 0; i < 100; i++) {
            assertThat(healthy.check(LATER).status()).isEqualTo(Status.OK);
            assertThat(broken.check(LATER).status()).isEqualTo(Status.CRITICAL);
        }
    }

    @Test
    void partialFailureRateIsHonouredOnAverage() {
        FailureRate rate = FailureRate.from(config("failure_rate", 0.3));
        SplittableRandom random = new SplittableRandom(3);
        int failed = 0;
        for (int i = 0; i < 100_000; i++) {
            failed += rate.fails(random) ? 1 : 0;
        }
        assertThat(failed / 100_000.0).isCloseTo(0.3, within(0.01));
    }

    @Test
    void equalSettingsShareOneCheck() {
        var plugin = new SyntheticPulsePlugin();
        assertThat(plugin.prepare(config("mean", "5ms"), CONTEXT))
                .isSameAs(plugin.prepare(config("mean", "5ms"), CONTEXT))
                .isNotSameAs(plugin.prepare(config("mean", "6ms"), CONTEXT));
    }

    @Test
    void latencyHonoursInterruption() {
        PulseCheck slow = new SyntheticPulsePlugin().prepare(config("mean", "1h"), CONTEXT);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> slow.check(LATER)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void misbehavingChecksBreakTheContractOnPurpose() throws Exception {
        var plugin = new SyntheticPulsePlugin();
        assertThatThrownBy(() -> plugin.prepare(config("misbehave", "throw"), CONTEXT).check(LATER))
                .isInstanceOf(IllegalStateException.class);

        PulseCheck hanging = plugin.prepare(config("misbehave", "hang", "hang_for", "300ms"), CONTEXT);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                result.set(hanging.check(Deadline.after(Duration.ofMillis(1))));
            } catch (InterruptedException e) {
                result.set(e);
            }
            result.set(List.of(result.get(), Thread.currentThread().isInterrupted()));
        });
        caller.interrupt();
        caller.join();
        // it answered as if nothing happened, and left the interrupt flag for its caller
        assertThat(result.get()).isEqualTo(List.of(io.cpra.plugin.api.PulseOutcome.ok("synthetic check passed"), true));
    }

    @Test
    void interventionAndCodeFollowTheirFailureRates() throws InterruptedException {
        var intervention = new SyntheticInterventionPlugin().prepare(config("failure_rate", 1), CONTEXT);
        assertThat(intervention.intervene(InterventionRequest.builder("m").attempt(2, 3).lastError("down")
                .incidentId("i-1").build(), LATER).success()).isFalse();
        var succeeding = new SyntheticInterventionPlugin().prepare(config(), CONTEXT);
        assertThat(succeeding.intervene(InterventionRequest.builder("m").attempt(1, 1).lastError("down")
                .build(), LATER).message())
                .isEqualTo("synthetic attempt 1 succeeded");

        Alert alert = Alert.builder().id("a-1").monitor("m").colour(Colour.RED).title("t").summary("s")
                .incidentId("i-1").occurredAt(Instant.EPOCH).build();
        var notifier = new SyntheticCodePlugin().prepare(config("destination", "pager"), CONTEXT);
        assertThat(notifier.destination()).isEqualTo("pager");
        assertThat(notifier.deliver(alert, LATER).delivered()).isTrue();
        var failing = new SyntheticCodePlugin().prepare(config("failure_rate", 1), CONTEXT);
        assertThat(failing.deliver(alert, LATER)).satisfies(o -> {
            assertThat(o.delivered()).isFalse();
            assertThat(o.retryable()).isTrue();
        });
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> Latency.from(config("latency", "gaussian")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pulse_check.config.latency");
        assertThatThrownBy(() -> Latency.from(config("latency", "uniform", "min", "2s", "max", "1s")))
                .hasMessageContaining("pulse_check.config.max: must not be shorter than min");
        assertThatThrownBy(() -> FailureRate.from(config("failure_rate", 1.5)))
                .hasMessageContaining("pulse_check.config.failure_rate: must be between 0 and 1");
        assertThatThrownBy(() -> new SyntheticPulsePlugin().prepare(config("misbehave", "sulk"), CONTEXT))
                .hasMessageContaining("pulse_check.config.misbehave");
    }
}
