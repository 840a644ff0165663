package io.cpra.core.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one delivery attempt of one alert through a notifier, behind a circuit breaker per
 * destination ({@code type} plus {@link Notifier#destination()}), so that a dead receiver fails
 * fast instead of holding workers of the code pool. Retrying is not done here: the engine's
 * outbox owns the one retry policy ({@link DeliverySettings#retryDelayNanos}), so a code is
 * retried the same way whether its attempt failed, timed out, or was never made because the
 * breaker was open. Thread-safe.
 *
 * <p>Only retryable failures (timeouts, refused connections, 5xx — what a notifier reports as
 * {@link DeliveryOutcome#retry}, or throws) count against the breaker; a permanent rejection (a
 * 400) leaves it alone, since the receiver answered.
 */
public final class GuardedDelivery {

    private final DeliverySettings settings;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    /**
     * Creates the delivery guard.
     *
     * @param settings the breaker's settings
     */
    public GuardedDelivery(DeliverySettings settings) {
        this.settings = settings;
    }

    /**
     * Makes one delivery attempt.
     *
     * @param type     the notifier's plugin type, part of the breaker's key
     * @param notifier the prepared notifier
     * @param alert    what to deliver
     * @param deadline when this call must have returned
     * @return the outcome; never throws for a failed delivery
     * @throws InterruptedException when interrupted, at the deadline or at shutdown
     */
    public DeliveryOutcome deliver(String type, Notifier notifier, Alert alert, Deadline deadline)
            throws InterruptedException {
        String destination = destinationOf(type, notifier);
        CircuitBreaker breaker = breakers.computeIfAbsent(destination, this::newBreaker);
        if (deadline.remainingNanos() <= 0) {
            return DeliveryOutcome.retry("no time left to deliver to " + destination);
        }
        try {
            return breaker.invoke(() -> attempt(notifier, alert, deadline));
        } catch (FailedAttempt failed) {
            return failed.outcome;
        } catch (CircuitBreakerOpenException open) {
            return DeliveryOutcome.retry("circuit breaker open for " + destination + " after repeated failures");
        } catch (Interrupted interrupted) {
            throw interrupted.original;
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
        String destination;
        try {
            destination = notifier.destination();
        } catch (RuntimeException | LinkageError e) {
            destination = "";  // a notifier whose destination() throws shares its type's breaker
        }
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

    /** A retryable failure, thrown so that the breaker sees it. */
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
}
