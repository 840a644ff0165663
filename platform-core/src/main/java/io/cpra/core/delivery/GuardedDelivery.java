package io.cpra.core.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.Retry;
import io.helidon.faulttolerance.RetryTimeoutException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one alert through a notifier under Helidon Fault Tolerance: quick retries with
 * exponential, jittered backoff inside the call's deadline, and a circuit breaker per
 * destination ({@code type} plus {@link Notifier#destination()}), so that a dead receiver
 * fails fast instead of holding workers of the code pool. Thread-safe.
 *
 * <p>Only retryable failures (timeouts, refused connections, 5xx — what a notifier reports as
 * {@link DeliveryOutcome#retry}, or throws) are retried and count against the breaker; a
 * permanent rejection (a 400) returns at once and leaves the breaker alone, since the receiver
 * answered. What is still undelivered when this returns is the caller's to schedule again.
 */
public final class GuardedDelivery {

    private final DeliverySettings settings;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    /**
     * Creates the delivery guard.
     *
     * @param settings retries and breaker settings
     */
    public GuardedDelivery(DeliverySettings settings) {
        this.settings = settings;
    }

    /**
     * Delivers an alert, retrying within the deadline.
     *
     * @param type     the notifier's plugin type, part of the breaker's key
     * @param notifier the prepared notifier
     * @param alert    what to deliver
     * @param deadline when this call must have returned
     * @return the final outcome; never throws for a failed delivery
     * @throws InterruptedException when interrupted, at the deadline or at shutdown
     */
    public DeliveryOutcome deliver(String type, Notifier notifier, Alert alert, Deadline deadline)
            throws InterruptedException {
        String destination = destinationOf(type, notifier);
        CircuitBreaker breaker = breakers.computeIfAbsent(destination, this::newBreaker);
        long budget = deadline.remainingNanos();
        if (budget <= 0) {
            return DeliveryOutcome.retry("no time left to deliver to " + destination);
        }
        Retry retry = Retry.builder()
                .retryPolicy(new ExponentialJitter(settings))
                .overallTimeout(Duration.ofNanos(budget))
                .applyOn(Set.of(FailedAttempt.class))
                .build();
        try {
            return retry.invoke(() -> breaker.invoke(() -> attempt(notifier, alert, deadline)));
        } catch (FailedAttempt failed) {
            return failed.outcome;
        } catch (CircuitBreakerOpenException open) {
            return DeliveryOutcome.retry("circuit breaker open for " + destination + " after repeated failures");
        } catch (RetryTimeoutException timeout) {
            return timeout.lastRetryException() instanceof FailedAttempt failed
                    ? failed.outcome
                    : DeliveryOutcome.retry("delivery to " + destination + " did not finish before its deadline");
        } catch (Interrupted interrupted) {
            throw interrupted.original;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;  // Retry wraps an interrupt during its backoff sleep
            }
            throw e;
        }
    }

    /**
     * The breaker's state for one destination, for metrics and tests.
     *
     * @param type     the notifier's plugin type
     * @param notifier the prepared notifier
     * @return the state, or empty when nothing was delivered there yet
     */
    public Optional<CircuitBreaker.State> breakerState(String type, Notifier notifier) {
        return Optional.ofNullable(breakers.get(destinationOf(type, notifier))).map(CircuitBreaker::state);
    }

    private static String destinationOf(String type, Notifier notifier) {
        String destination = notifier.destination();
        return destination == null || destination.isEmpty() ? type : type + " " + destination;
    }

    private CircuitBreaker newBreaker(String destination) {
        return CircuitBreaker.builder()
                .name(destination)
                .volume(settings.breakerVolume())
                .errorRatio(settings.breakerErrorRatio())
                .delay(settings.breakerDelay())
                .successThreshold(1)
                .applyOn(Set.of(FailedAttempt.class))
                .build();
    }

    /** One call into the plugin; anything it throws becomes a retryable failure. */
    private static DeliveryOutcome attempt(Notifier notifier, Alert alert, Deadline deadline) {
        DeliveryOutcome outcome;
        try {
            outcome = notifier.deliver(alert, deadline);
        } catch (InterruptedException e) {
            throw new Interrupted(e);
        } catch (RuntimeException | LinkageError e) {
            throw new FailedAttempt(DeliveryOutcome.retry("notifier threw " + e));
        }
        if (outcome == null) {
            throw new FailedAttempt(DeliveryOutcome.retry("notifier returned no outcome"));
        }
        if (!outcome.delivered() && outcome.retryable()) {
            throw new FailedAttempt(outcome);
        }
        return outcome;
    }

    /** A retryable failure, thrown so that Retry and the breaker see it. */
    private static final class FailedAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient DeliveryOutcome outcome;

        FailedAttempt(DeliveryOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** Carries an interrupt through the suppliers, which cannot throw it. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final InterruptedException original;

        Interrupted(InterruptedException original) {
            super(original);
            this.original = original;
        }
    }

    /** Delay before retry n (from 1): first·2^(n-1), each randomised by ±jitter. */
    private record ExponentialJitter(DeliverySettings settings) implements Retry.RetryPolicy {
        @Override
        public Optional<Long> nextDelayMillis(long startedMillis, long lastDelayMillis, int call) {
            if (call >= settings.attempts()) {
                return Optional.empty();
            }
            double base = settings.firstRetryDelay().toMillis() * Math.pow(2, Math.max(0, call - 1));
            double spread = base * settings.jitter();
            double delay = base - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
            return Optional.of(Math.max(0L, Math.round(delay)));
        }
    }
}
