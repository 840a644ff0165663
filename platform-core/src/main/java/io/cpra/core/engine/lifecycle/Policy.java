package io.cpra.core.engine.lifecycle;

import java.util.Arrays;
import java.util.Locale;

/**
 * One monitor's lifecycle settings, taken from its manifest entry. Immutable and thread-safe;
 * equal policies are interchangeable, so the engine can share one instance between all the
 * monitors that have the same settings.
 *
 * <p>Durations are nanoseconds, in the unit of the {@code now} the engine passes to
 * {@link Lifecycle#step}. Ranges and defaults:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>manifest key</th><th>range</th><th>default</th></tr>
 *   <tr><td>{@link #unhealthyThreshold()}</td><td>{@code unhealthy_threshold} / {@code max_failures}</td>
 *       <td>&ge; 1</td><td>{@value #DEFAULT_UNHEALTHY_THRESHOLD}</td></tr>
 *   <tr><td>{@link #healthyThreshold()}</td><td>{@code healthy_threshold}</td>
 *       <td>&ge; 1</td><td>{@value #DEFAULT_HEALTHY_THRESHOLD}</td></tr>
 *   <tr><td>{@link #interventionConfigured()}</td><td>an {@code intervention} block</td>
 *       <td></td><td>false</td></tr>
 *   <tr><td>{@link #maxAttempts()}</td><td>{@code intervention.retries}</td>
 *       <td>&ge; 1</td><td>{@value #DEFAULT_MAX_ATTEMPTS}</td></tr>
 *   <tr><td>{@link #retryBaseDelayNanos()}</td><td></td><td>&ge; 0</td><td>10 s</td></tr>
 *   <tr><td>{@link #retryMaxDelayNanos()}</td><td></td><td>&ge; base</td><td>5 min</td></tr>
 *   <tr><td>{@link #verificationPulses()}</td><td></td><td>&ge; 1</td><td>the healthy threshold</td></tr>
 *   <tr><td>{@link #cooldownNanos(Code)}</td><td>{@code codes.<colour>}</td><td>&ge; 0; none for green</td>
 *       <td>0 (no cooldown)</td></tr>
 * </table>
 *
 * <p>The backoff defaults follow Kubernetes' restart backoff (10 s doubling to 5 min), which
 * operators already know from crash-looping containers.
 */
public final class Policy {

    /** Failing pulses in a row that open an incident. */
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 1;
    /** Passing pulses in a row that recover a failing monitor or close an incident. */
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    /** Intervention attempts per incident. */
    public static final int DEFAULT_MAX_ATTEMPTS = 1;
    /** Delay before the second attempt: 10 s. */
    public static final long DEFAULT_RETRY_BASE_DELAY_NANOS = 10_000_000_000L;
    /** Cap of the doubling retry delay: 5 min. */
    public static final long DEFAULT_RETRY_MAX_DELAY_NANOS = 300_000_000_000L;

    private static final Policy DEFAULTS = builder().build();

    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private final boolean interventionConfigured;
    private final int maxAttempts;
    private final long retryBaseDelayNanos;
    private final long retryMaxDelayNanos;
    private final int verificationPulses;
    private final long[] cooldownNanos;

    private Policy(Builder builder) {
        this.unhealthyThreshold = builder.unhealthyThreshold;
        this.healthyThreshold = builder.healthyThreshold;
        this.interventionConfigured = builder.interventionConfigured;
        this.maxAttempts = builder.maxAttempts;
        this.retryBaseDelayNanos = builder.retryBaseDelayNanos;
        this.retryMaxDelayNanos = builder.retryMaxDelayNanos;
        this.verificationPulses = builder.verificationPulses == 0 ? builder.healthyThreshold : builder.verificationPulses;
        this.cooldownNanos = builder.cooldownNanos.clone();
    }

    /**
     * The policy of a monitor that sets nothing: every value at its default, no intervention.
     *
     * @return a shared instance
     */
    public static Policy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Failing pulses in a row that open an incident ({@code unhealthy_threshold}).
     *
     * @return at least 1
     */
    public int unhealthyThreshold() {
        return unhealthyThreshold;
    }

    /**
     * Passing pulses in a row that turn yellow back to green or close an incident
     * ({@code healthy_threshold}).
     *
     * @return at least 1
     */
    public int healthyThreshold() {
        return healthyThreshold;
    }

    /**
     * Whether the monitor has an intervention.
     *
     * @return true when an {@code intervention} block is configured
     */
    public boolean interventionConfigured() {
        return interventionConfigured;
    }

    /**
     * Intervention attempts per incident, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Delay before the second attempt; each later attempt waits twice as long as the one
     * before, up to {@link #retryMaxDelayNanos()}.
     *
     * @return nanoseconds, at least 0
     */
    public long retryBaseDelayNanos() {
        return retryBaseDelayNanos;
    }

    /**
     * Cap of the retry delay.
     *
     * @return nanoseconds, at least {@link #retryBaseDelayNanos()}
     */
    public long retryMaxDelayNanos() {
        return retryMaxDelayNanos;
    }

    /**
     * Passing pulses after a successful attempt that confirm the recovery.
     *
     * @return at least 1; the healthy threshold unless set
     */
    public int verificationPulses() {
        return verificationPulses;
    }

    /**
     * The window within which {@code colour} is not raised again.
     *
     * @param colour any colour
     * @return nanoseconds, 0 for none; always 0 for green
     */
    public long cooldownNanos(Code colour) {
        return cooldownNanos[colour.ordinal()];
    }

    /**
     * How long to wait before intervention attempt {@code attempt}:
     * {@code min(base * 2^(attempt - 2), max)}. The first attempt never waits.
     *
     * @param attempt an attempt number, at least 2
     * @return nanoseconds
     * @throws IllegalArgumentException when {@code attempt < 2}
     */
    public long retryDelayNanos(int attempt) {
        if (attempt < 2) {
            throw new IllegalArgumentException("attempt " + attempt + " is not a retry; retries start at attempt 2");
        }
        // Clamped because shift distances wrap at 64. Comparing against max >> doublings, not
        // shifting base up, keeps base << doublings from overflowing.
        int doublings = Math.min(attempt - 2, Long.SIZE - 1);
        if (retryBaseDelayNanos > (retryMaxDelayNanos >> doublings)) {
            return retryMaxDelayNanos;
        }
        return retryBaseDelayNanos << doublings;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Policy that
                && unhealthyThreshold == that.unhealthyThreshold
                && healthyThreshold == that.healthyThreshold
                && interventionConfigured == that.interventionConfigured
                && maxAttempts == that.maxAttempts
                && retryBaseDelayNanos == that.retryBaseDelayNanos
                && retryMaxDelayNanos == that.retryMaxDelayNanos
                && verificationPulses == that.verificationPulses
                && Arrays.equals(cooldownNanos, that.cooldownNanos);
    }

    @Override
    public int hashCode() {
        int hash = unhealthyThreshold;
        hash = 31 * hash + healthyThreshold;
        hash = 31 * hash + Boolean.hashCode(interventionConfigured);
        hash = 31 * hash + maxAttempts;
        hash = 31 * hash + Long.hashCode(retryBaseDelayNanos);
        hash = 31 * hash + Long.hashCode(retryMaxDelayNanos);
        hash = 31 * hash + verificationPulses;
        return 31 * hash + Arrays.hashCode(cooldownNanos);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Policy[unhealthy_threshold=").append(unhealthyThreshold)
                .append(" healthy_threshold=").append(healthyThreshold);
        if (interventionConfigured) {
            text.append(" intervention max_attempts=").append(maxAttempts)
                    .append(" backoff=").append(retryBaseDelayNanos).append("..").append(retryMaxDelayNanos).append("ns")
                    .append(" verification_pulses=").append(verificationPulses);
        }
        for (Code colour : Code.values()) {
            if (cooldownNanos(colour) > 0) {
                text.append(" cooldown.").append(colour.name().toLowerCase(Locale.ROOT)).append('=')
                        .append(cooldownNanos(colour)).append("ns");
            }
        }
        return text.append(']').toString();
    }

    /**
     * Builds a {@link Policy}; starts from the defaults. Each setter checks its range at once
     * and names the manifest key in its error. Not thread-safe.
     */
    public static final class Builder {
        private int unhealthyThreshold = DEFAULT_UNHEALTHY_THRESHOLD;
        private int healthyThreshold = DEFAULT_HEALTHY_THRESHOLD;
        private boolean interventionConfigured;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private long retryBaseDelayNanos = DEFAULT_RETRY_BASE_DELAY_NANOS;
        private long retryMaxDelayNanos = DEFAULT_RETRY_MAX_DELAY_NANOS;
        private int verificationPulses;
        private final long[] cooldownNanos = new long[Code.values().length];

        private Builder() {
        }

        /**
         * Sets {@code unhealthy_threshold}.
         *
         * @param failures failing pulses in a row that open an incident, at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder unhealthyThreshold(int failures) {
            this.unhealthyThreshold = atLeastOne("unhealthy_threshold", failures);
            return this;
        }

        /**
         * Sets {@code healthy_threshold}.
         *
         * @param successes passing pulses in a row that recover, at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder healthyThreshold(int successes) {
            this.healthyThreshold = atLeastOne("healthy_threshold", successes);
            return this;
        }

        /**
         * Declares an intervention with the given number of attempts per incident.
         *
         * @param maxAttempts attempts, the first included, at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder intervention(int maxAttempts) {
            this.maxAttempts = atLeastOne("intervention.retries", maxAttempts);
            this.interventionConfigured = true;
            return this;
        }

        /**
         * Sets the retry backoff: the delay before attempt 2, doubling per attempt up to a cap.
         *
         * @param baseNanos delay before the second attempt, at least 0
         * @param maxNanos  cap, at least {@code baseNanos}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder retryBackoff(long baseNanos, long maxNanos) {
            if (baseNanos < 0) {
                throw new IllegalArgumentException("intervention retry delay must be at least 0, was " + baseNanos + "ns");
            }
            if (maxNanos < baseNanos) {
                throw new IllegalArgumentException("intervention retry delay cap " + maxNanos
                        + "ns is below the base delay " + baseNanos + "ns");
            }
            this.retryBaseDelayNanos = baseNanos;
            this.retryMaxDelayNanos = maxNanos;
            return this;
        }

        /**
         * Sets how many passing pulses confirm a successful intervention.
         *
         * @param pulses at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder verificationPulses(int pulses) {
            this.verificationPulses = atLeastOne("verification pulses", pulses);
            return this;
        }

        /**
         * Sets the cooldown of one colour.
         *
         * @param colour    a colour other than green
         * @param windowNanos window within which the colour is suppressed after it was raised, at least 0
         * @return this builder
         * @throws IllegalArgumentException for green, or for a negative window
         */
        public Builder cooldownNanos(Code colour, long windowNanos) {
            String key = "codes." + colour.name().toLowerCase(Locale.ROOT) + " cooldown";
            if (colour == Code.GREEN) {
                throw new IllegalArgumentException(key + ": green always passes, it has no cooldown");
            }
            if (windowNanos < 0) {
                throw new IllegalArgumentException(key + " must be at least 0, was " + windowNanos + "ns");
            }
            cooldownNanos[colour.ordinal()] = windowNanos;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return an immutable policy
         */
        public Policy build() {
            return new Policy(this);
        }

        private static int atLeastOne(String key, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(key + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
