package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.ValueType;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A latency distribution: how long a synthetic call takes. Immutable.
 *
 * <ul>
 *   <li>{@code fixed}: always {@code mean};</li>
 *   <li>{@code uniform}: between {@code min} and {@code max};</li>
 *   <li>{@code exponential}: mean {@code mean} (memoryless, like independent requests);</li>
 *   <li>{@code lognormal}: median {@code mean}, shape {@code sigma} (the long tail real
 *       services show).</li>
 * </ul>
 */
record Latency(Shape shape, long meanNanos, long minNanos, long maxNanos, double sigma) {

    enum Shape { FIXED, UNIFORM, EXPONENTIAL, LOGNORMAL }

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional("latency", ValueType.STRING, "fixed",
                    "latency distribution: fixed, uniform, exponential or lognormal"),
            ConfigKey.optional("mean", ValueType.DURATION, "0s",
                    "fixed: the latency; exponential: its mean; lognormal: its median"),
            ConfigKey.optional("min", ValueType.DURATION, "0s", "uniform: the shortest latency"),
            ConfigKey.optional("max", ValueType.DURATION, "0s", "uniform: the longest latency"),
            ConfigKey.optional("sigma", ValueType.NUMBER, "0.5", "lognormal: the shape (spread of the tail)"));

    static Latency from(PluginConfig config) {
        String name = config.string("latency", "fixed");
        Shape shape;
        try {
            shape = Shape.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw config.error("latency", "expected fixed, uniform, exponential or lognormal, got \"" + name + "\"");
        }
        long mean = nonNegative(config, "mean");
        long min = nonNegative(config, "min");
        long max = nonNegative(config, "max");
        if (shape == Shape.UNIFORM && max < min) {
            throw config.error("max", "must not be shorter than min");
        }
        double sigma = config.number("sigma", 0.5);
        if (!(sigma >= 0) || sigma > 10) {
            throw config.error("sigma", "must be between 0 and 10, got " + sigma);
        }
        return new Latency(shape, mean, min, max, sigma);
    }

    private static long nonNegative(PluginConfig config, String key) {
        Duration value = config.duration(key, Duration.ZERO);
        if (value.isNegative()) {
            throw config.error(key, "must not be negative");
        }
        return value.toNanos();
    }

    long sampleNanos(RandomGenerator random) {
        return switch (shape) {
            case FIXED -> meanNanos;
            case UNIFORM -> maxNanos == minNanos ? minNanos : random.nextLong(minNanos, maxNanos + 1);
            case EXPONENTIAL -> meanNanos == 0 ? 0 : (long) (random.nextExponential() * meanNanos);
            case LOGNORMAL -> meanNanos == 0 ? 0 : (long) (meanNanos * Math.exp(sigma * random.nextGaussian()));
        };
    }

    /** Sleeps for one sample of the distribution; interruptible, as plugins must be. */
    void pause(RandomGenerator random) throws InterruptedException {
        long nanos = sampleNanos(random);
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
