package io.cpra.core.engine;

import io.cpra.core.delivery.DeliverySettings;
import io.cpra.core.delivery.GuardedDelivery;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.DeliveryOutcome;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one home of a code's way through the engine, from the step that raised it to its
 * delivery or its dead letter. Engine thread only.
 *
 * <pre>
 *   raised ──► held until the journal has it in storage's outbox (write-ahead; see {@link #holdUntilDurable})
 *          ──► code pool (waits in a backlog while the pool's queue is full)
 *          ──► one attempt behind the destination's circuit breaker
 *          ──► delivered | failed and retryable: next attempt later, on {@link DeliverySettings}' schedule
 *                        | failed for good, or attempts used up: dead letter (an event and a metric)
 * </pre>
 *
 * <p>There is one retry policy: attempts and their spacing come from {@link DeliverySettings}
 * alone, whether an attempt failed, timed out, or met an open breaker; a restart continues the
 * same schedule from the attempt count storage kept ({@link #redeliver}). Codes raised in one
 * step travel as a chain and are delivered in order. Every code holds a lease on its notifier
 * from the moment it is raised until it is delivered or given up, so a reload that replaces
 * the notifier cannot close it under a pending code ({@link Leases}).
 */
final class Outbox {

    private final Backlog pool;
    private final GuardedDelivery delivery;
    private final DeliverySettings policy;
    private final long timeoutNanos;
    private final TickClock tick;
    private final InstantSource wall;
    private final EventSink events;
    private final EngineCounters counters;
    private final TypeCounts deliveryCounts;
    private final Leases leases;

    /** Codes raised but not yet durable, by alert id; each is the head of its step's chain. */
    private final Map<String, CodeJob> held = new LinkedHashMap<>();
    private boolean holding;
    /** Next attempts of codes whose last attempt failed, by when they are due. */
    private final PriorityQueue<CodeJob> retries =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos() - b.dueNanos(), 0));

    Outbox(Backlog pool, DeliverySettings policy, long timeoutNanos, TickClock tick, InstantSource wall,
           EventSink events, EngineCounters counters, TypeCounts deliveryCounts, Leases leases) {
        this.pool = pool;
        this.delivery = new GuardedDelivery(policy);
        this.policy = policy;
        this.timeoutNanos = timeoutNanos;
        this.tick = tick;
        this.wall = wall;
        this.events = events;
        this.counters = counters;
        this.deliveryCounts = deliveryCounts;
        this.leases = leases;
    }

    /** From now on, raised codes wait for {@link #release} before they go to the code pool. */
    void holdUntilDurable() {
        holding = true;
    }

    /** The first delivery attempt of a newly raised code. */
    CodeJob newCode(CodeRoute route, Alert alert) {
        return new CodeJob(delivery, route, alert, 1, tick.now(), timeoutNanos);
    }

    /** Codes raised by one step, chained in the order they must reach receivers. */
    void raise(CodeJob first) {
        for (CodeJob job = first; job != null; job = job.then) {
            leases.take(job.route.notifier());
        }
        if (holding) {
            held.put(first.alert.id(), first);
        } else {
            pool.submit(first);
        }
    }

    /** Storage's outbox holds these codes now: deliver them. Unknown ids are ignored. */
    int release(Iterable<String> alertIds) {
        int released = 0;
        for (String id : alertIds) {
            CodeJob job = held.remove(id);
            if (job != null) {
                pool.submit(job);
                released++;
            }
        }
        return released;
    }

    /**
     * Delivers again a code that was pending when the process stopped, continuing its schedule.
     *
     * @param pending the code and the attempts it has had
     * @param route   the monitor's route for the code's colour now, or {@code null} when gone
     */
    void redeliver(PendingCode pending, CodeRoute route) {
        Alert alert = pending.alert();
        if (route == null || !route.dispatch()) {
            counters.deadLetters.increment();
            events.publish(new EngineEvent.DeliveryFinished(wall.instant(), alert.monitor(), alert.colour(),
                    alert.id(), incidentOf(alert), "", "", pending.attempts(), false, null,
                    "the monitor or its codes." + alert.colour().key() + " block is gone; not delivered"));
            return;
        }
        leases.take(route.notifier());
        pool.submit(new CodeJob(delivery, route, alert, pending.attempts() + 1, tick.now(), timeoutNanos));
    }

    /** An attempt ended. */
    void onResult(CodeJob job) {
        DeliveryOutcome outcome = (DeliveryOutcome) job.outcome();
        Instant at = wall.instant();
        Instant next = null;
        if (outcome.delivered()) {
            counters.deliveries.increment();
            deliveryCounts.count(job.route.type(), DeliveryResult.DELIVERED.ordinal());
            leases.give(job.route.notifier());
        } else {
            counters.deliveryFailures.increment();
            long delay = outcome.retryable()
                    ? policy.retryDelayNanos(job.attempt, ThreadLocalRandom.current().nextDouble()) : -1;
            // one result per attempt, so that the results of cpra_delivery_attempts_total add up to the attempts
            if (delay >= 0) {
                deliveryCounts.count(job.route.type(), DeliveryResult.FAILED.ordinal());
                retries.add(job.next(tick.now() + delay));
                next = at.plusNanos(delay);
            } else {
                counters.deadLetters.increment();
                deliveryCounts.count(job.route.type(), DeliveryResult.DEAD_LETTERED.ordinal());
                leases.give(job.route.notifier());
            }
        }
        events.publish(new EngineEvent.DeliveryFinished(at, job.alert.monitor(), job.alert.colour(),
                job.alert.id(), incidentOf(job.alert), job.route.type(), PluginCalls.destination(job.route.notifier()),
                job.attempt, outcome.delivered(), next, outcome.message()));
        if (job.then != null) {
            pool.submit(job.then);
        }
    }

    /** Hands the retries that are due to the pool; returns how many. */
    int fireRetries(int limit) {
        int fired = 0;
        long now = tick.now();
        while (fired < limit && !retries.isEmpty() && retries.peek().dueNanos() - now <= 0) {
            pool.submit(retries.poll());
            fired++;
        }
        return fired;
    }

    /** Offers codes waiting for room in the pool; returns how many it took. */
    int drain() {
        return pool.drain();
    }

    /** Codes raised and not yet delivered or given up: held, waiting for the pool, or due for a retry. */
    int pending() {
        return held.size() + pool.size() + retries.size();
    }

    int held() {
        return held.size();
    }

    /** Codes waiting for room in the code pool. */
    int queued() {
        return pool.size();
    }

    /** The incident a code belongs to: its alert carries the id as text, empty for none. */
    private static long incidentOf(Alert alert) {
        return alert.incidentId().isEmpty() ? 0 : Long.parseLong(alert.incidentId());
    }
}
