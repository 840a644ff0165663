package io.cpra.plugin.api;

import java.util.Objects;

/**
 * What the platform tells an {@link Intervention} about the attempt it asks for. Immutable and
 * thread-safe.
 *
 * <p>Made by the platform with {@link #builder(String)}; plugins read it through its
 * accessors, and their tests build one the same way. New attributes arrive as new accessors
 * and builder setters with a default.
 */
public final class InterventionRequest {

    private final String monitor;
    private final int attempt;
    private final int maxAttempts;
    private final String lastError;
    private final String incidentId;

    private InterventionRequest(Builder builder) {
        this.monitor = builder.monitor;
        this.attempt = builder.attempt;
        this.maxAttempts = builder.maxAttempts;
        this.lastError = builder.lastError;
        this.incidentId = builder.incidentId;
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is outside 1.." + maxAttempts);
        }
    }

    /**
     * A builder for a request about a monitor: the first of one attempt, with no last error
     * and no incident until set.
     *
     * @param monitor the monitor's name
     * @return a builder
     */
    public static Builder builder(String monitor) {
        return new Builder(monitor);
    }

    /**
     * The monitor's name.
     *
     * @return the name as written in the manifest
     */
    public String monitor() {
        return monitor;
    }

    /**
     * This attempt's number.
     *
     * @return from 1 to {@link #maxAttempts()}
     */
    public int attempt() {
        return attempt;
    }

    /**
     * How many attempts the manifest allows.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The message of the pulse outcome that led here.
     *
     * @return the message; never null
     */
    public String lastError() {
        return lastError;
    }

    /**
     * The open incident's id.
     *
     * @return the id, or an empty string when none is open
     */
    public String incidentId() {
        return incidentId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InterventionRequest that
                && monitor.equals(that.monitor) && attempt == that.attempt && maxAttempts == that.maxAttempts
                && lastError.equals(that.lastError) && incidentId.equals(that.incidentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(monitor, attempt, maxAttempts, lastError, incidentId);
    }

    @Override
    public String toString() {
        return "InterventionRequest[" + monitor + " attempt " + attempt + "/" + maxAttempts + "]";
    }

    /** Collects a request's values; not thread-safe, used by one thread at a time. */
    public static final class Builder {
        private final String monitor;
        private int attempt = 1;
        private int maxAttempts = 1;
        private String lastError = "";
        private String incidentId = "";

        private Builder(String monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
        }

        /**
         * This attempt's number and how many the manifest allows.
         *
         * @param attempt     from 1 to {@code maxAttempts}
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder attempt(int attempt, int maxAttempts) {
            this.attempt = attempt;
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The message of the pulse outcome that led here.
         *
         * @param lastError the message
         * @return this builder
         */
        public Builder lastError(String lastError) {
            this.lastError = Objects.requireNonNull(lastError, "lastError");
            return this;
        }

        /**
         * The open incident's id.
         *
         * @param incidentId the id, or an empty string when none is open
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = Objects.requireNonNull(incidentId, "incidentId");
            return this;
        }

        /**
         * Makes the request.
         *
         * @return the request
         * @throws IllegalArgumentException when the attempt is not within {@code 1..maxAttempts}
         */
        public InterventionRequest build() {
            return new InterventionRequest(this);
        }
    }
}
