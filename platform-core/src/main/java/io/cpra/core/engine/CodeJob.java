package io.cpra.core.engine;

import io.cpra.core.delivery.GuardedDelivery;
import io.cpra.core.engine.pool.Job;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;

/**
 * One delivery attempt of one code through its notifier, behind the destination's circuit
 * breaker ({@link GuardedDelivery}); its outcome is a {@link DeliveryOutcome}. A code still
 * undelivered is tried again later by the {@link Outbox} as a new job with the next
 * {@link #attempt}.
 */
final class CodeJob extends Job {

    final CodeRoute route;
    final Alert alert;
    final int attempt;
    /** A code raised in the same step, to deliver after this one so receivers see them in order. */
    CodeJob then;
    private final GuardedDelivery delivery;

    CodeJob(GuardedDelivery delivery, CodeRoute route, Alert alert, int attempt, long dueNanos, long timeoutNanos) {
        super(dueNanos, timeoutNanos);
        this.delivery = delivery;
        this.route = route;
        this.alert = alert;
        this.attempt = attempt;
    }

    /** The next attempt of the same code, due at {@code dueNanos}. */
    CodeJob next(long dueNanos) {
        return new CodeJob(delivery, route, alert, attempt + 1, dueNanos, timeoutNanos());
    }

    @Override
    protected Object call(Deadline deadline) throws Exception {
        return delivery.deliver(route.type(), route.notifier(), alert, deadline);
    }

    @Override
    protected Object timedOut(long elapsedNanos) {
        return DeliveryOutcome.retry("delivery timed out after " + Millis.text(elapsedNanos));
    }

    @Override
    protected Object failed(Throwable cause) {
        return DeliveryOutcome.retry("delivery failed: " + OneLine.of(cause));
    }
}
