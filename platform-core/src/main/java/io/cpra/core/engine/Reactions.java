package io.cpra.core.engine;

import io.cpra.core.delivery.AlertTemplates;
import io.cpra.core.delivery.CodeFacts;
import io.cpra.core.engine.lifecycle.Action;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Input;
import io.cpra.core.engine.lifecycle.Lifecycle;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.lifecycle.Transition;
import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the engine does with a finished job or a fired timer: record the outcome, step the
 * monitor's lifecycle, and carry out what the step asks for — open or close an incident, start
 * or schedule an intervention attempt, raise codes and hand those with a {@code codes.<colour>}
 * block to the code pool. Engine thread only.
 *
 * <p>The common case, a passing pulse of a healthy monitor, touches three columns and returns
 * without building a lifecycle state.
 */
final class Reactions {

    private static final Colour[] COLOURS = Colour.values();
    private static final byte HEALTHY = (byte) Stage.HEALTHY.ordinal();
    private static final Code[] CODES = Code.values();

    private final EngineLoop loop;
    private final EntityStore<?, MonitorSpec> store;
    private final Transition transition = Transition.create();
    /** When each open incident opened, for green's "healthy again after ...". */
    private final Map<Long, Instant> openedAt = new HashMap<>();

    Reactions(EngineLoop loop) {
        this.loop = loop;
        this.store = loop.store;
    }

    int openIncidents() {
        return openedAt.size();
    }

    /** A monitor with an open incident was removed: its incident is no longer tracked. */
    void forgetIncident(long incidentId) {
        openedAt.remove(incidentId);
    }

    /** A restart put back an open incident. */
    void rememberIncident(long incidentId, Instant opened) {
        openedAt.put(incidentId, opened);
    }

    /** Delivers again a code that was pending when the process stopped, if its route still exists. */
    void redeliver(PendingCode pending) {
        Alert alert = pending.alert();
        int row = loop.names.find(alert.monitor());
        CodeRoute route = row < 0 ? null : store.spec().get(row).route(alert.colour());
        if (route == null || !route.dispatch()) {
            loop.counters.deadLetters.increment();
            loop.events.publish(new EngineEvent.DeliveryFinished(loop.wall.instant(), alert.monitor(), alert.colour(),
                    alert.id(), incidentOf(alert), "", "", pending.attempts(), false, null,
                    "the monitor or its codes." + alert.colour().key() + " block is gone; not delivered"));
            return;
        }
        loop.submitCode(new CodeJob(loop.delivery, route, alert, pending.attempts() + 1, loop.now,
                loop.settings.codeTimeout().toNanos()));
    }

    void onResult(Job job) {
        switch (job) {
            case PulseJob pulse -> onPulse(pulse);
            case InterventionJob attempt -> onAttempt(attempt);
            case CodeJob code -> onDelivery(code);
            default -> throw new IllegalStateException("unknown job " + job);
        }
    }

    // ---- pulses -------------------------------------------------------------------------

    private void onPulse(PulseJob job) {
        loop.counters.checks.increment();
        int row = store.rowIfLive(job.handle);
        if (row < 0) {
            return;  // removed while its check ran
        }
        store.flags().lower(row, EntityStore.PULSE_IN_FLIGHT);
        PulseOutcome outcome = (PulseOutcome) job.outcome();
        store.lastStatus().set(row, (byte) (outcome.status().ordinal() + 1));
        long micros = (job.finishedNanos() - job.startedNanos()) / 1000;
        store.lastLatencyMicros().set(row, (int) Math.min(Integer.MAX_VALUE, micros));
        boolean healthy = store.stage().get(row) == HEALTHY;
        if (outcome.status() != PulseOutcome.Status.OK || !healthy || store.flags().has(row, EntityStore.HISTORY)) {
            if (loop.recent.record(job.handle, healthy, loop.wall.instant(), outcome, micros)) {
                store.flags().raise(row, EntityStore.HISTORY);
            } else {
                store.flags().lower(row, EntityStore.HISTORY);
            }
        }
        boolean passing = outcome.passing();
        if (!passing) {
            loop.counters.failedChecks.increment();
        }
        MonitorSpec spec = store.spec().get(row);
        loop.checkCounts.count(spec.pulseType(), outcome.status().ordinal());
        if (store.flags().has(row, EntityStore.MAINTENANCE)) {
            return;
        }
        if (passing && Lifecycle.passChangesNothing(Stage.ofOrdinal(store.stage().get(row)),
                store.successStreak().get(row), spec.policy())) {
            return;
        }
        step(row, spec, Input.pulse(passing), outcome.message());
    }

    // ---- interventions ------------------------------------------------------------------

    private void onAttempt(InterventionJob job) {
        InterventionOutcome outcome = (InterventionOutcome) job.outcome();
        int row = store.rowIfLive(job.handle);
        if (row < 0) {
            return;
        }
        store.flags().lower(row, EntityStore.INTERVENTION_IN_FLIGHT);
        MonitorSpec spec = store.spec().get(row);
        String action = spec.intervention() == null ? "" : spec.intervention().type();
        loop.events.publish(new EngineEvent.InterventionFinished(loop.wall.instant(), store.name().get(row),
                store.incidentId().get(row), action, job.attempt, outcome.success(), outcome.message()));
        boolean current = store.incidentSeq().get(row) == job.incidentSeq
                && store.interventionAttempts().get(row) == job.attempt
                && (store.lifecycleFlags().get(row) & LifecycleState.ATTEMPT_IN_FLIGHT) != 0;
        if (!current) {
            loop.counters.lateResults.increment();  // maintenance or a reload ended its episode
            return;
        }
        Input input = outcome.success() ? Input.ATTEMPT_SUCCEEDED
                : job.timedOut ? Input.ATTEMPT_TIMED_OUT : Input.ATTEMPT_FAILED;
        step(row, spec, input, outcome.message());
    }

    private void startAttempt(int row, MonitorSpec spec, int attempt, String cause) {
        InterventionSpec intervention = spec.intervention();
        long incidentId = store.incidentId().get(row);
        String name = store.name().get(row);
        InterventionRequest request = InterventionRequest.builder(name).attempt(attempt, intervention.maxAttempts())
                .lastError(cause).incidentId(incidentId == 0 ? "" : Long.toString(incidentId)).build();
        store.flags().raise(row, EntityStore.INTERVENTION_IN_FLIGHT);
        loop.submitIntervention(new InterventionJob(store.handleOf(row), store.incidentSeq().get(row),
                intervention.intervention(), request, loop.now, intervention.timeoutNanos()));
        loop.events.publish(new EngineEvent.InterventionStarted(loop.wall.instant(), name, incidentId,
                intervention.type(), attempt));
    }

    // ---- timers -------------------------------------------------------------------------

    void onTimer(Timers.Timer timer) {
        switch (timer.kind()) {
            case RETRY_ATTEMPT -> {
                int row = store.rowIfLive(timer.handle());
                if (row >= 0 && store.incidentSeq().get(row) == timer.tag()) {
                    step(row, store.spec().get(row), Input.RETRY_DUE, (String) timer.payload());
                }
            }
            case MAINTENANCE_END -> loop.roster.maintenanceEnded(timer.handle(), timer.tag());
            case REDELIVER -> loop.submitCode((CodeJob) timer.payload());
        }
    }

    // ---- the lifecycle ------------------------------------------------------------------

    /** Steps a monitor's lifecycle and carries out the transition. */
    void step(int row, MonitorSpec spec, Input input, String cause) {
        Lifecycle.step(read(row), input, loop.now, spec.policy(), transition);
        act(row, spec, cause);
    }

    private void act(int row, MonitorSpec spec, String cause) {
        Transition t = transition;
        if (t.has(Action.IGNORED)) {
            loop.counters.ignoredInputs.increment();
        }
        if (t.stateChanged()) {
            if (t.from() != t.to()) {
                loop.stageCounts.move(t.from(), t.to());
            }
            write(row, t.state());
        }
        String name = store.name().get(row);
        if (t.has(Action.OPEN_INCIDENT)) {
            long id = loop.ids.nextIncident();
            store.incidentId().set(row, id);
            openedAt.put(id, loop.wall.instant());
            loop.counters.incidentsOpened.increment();
            loop.events.publish(new EngineEvent.IncidentOpened(loop.wall.instant(), name, id, cause,
                    loop.recent.takeAll(store.handleOf(row))));
        }
        if (t.has(Action.START_ATTEMPT) && spec.intervention() != null) {
            startAttempt(row, spec, t.attempt(), cause);
        }
        if (t.has(Action.SCHEDULE_ATTEMPT)) {
            loop.timers.add(new Timers.Timer(loop.now + t.delayNanos(), Timers.Kind.RETRY_ATTEMPT,
                    store.handleOf(row), store.incidentSeq().get(row), t.attempt(), cause));
        }
        CodeJob first = null;
        CodeJob last = null;
        for (Code code : CODES) {
            if (t.raised(code) || t.suppressed(code)) {
                CodeJob job = raise(row, spec, COLOURS[code.ordinal()], t.suppressed(code), cause);
                if (job != null) {
                    if (first == null) {
                        first = job;
                    } else {
                        last.then = job;
                    }
                    last = job;
                }
            }
        }
        if (first != null) {
            loop.raised(first);
        }
        if (t.has(Action.CLOSE_INCIDENT)) {
            long id = store.incidentId().get(row);
            Instant opened = openedAt.remove(id);
            store.incidentId().set(row, 0);
            loop.counters.incidentsClosed.increment();
            loop.events.publish(new EngineEvent.IncidentClosed(loop.wall.instant(), name, id,
                    opened == null ? Duration.ZERO : Duration.between(opened, loop.wall.instant())));
        }
        if (t.has(Action.STAGE_CHANGED)) {
            loop.events.publish(new EngineEvent.StageChanged(loop.wall.instant(), name, t.from(), t.to(),
                    store.incidentId().get(row), cause, t.state(), loop.recent.takeUnreported(store.handleOf(row))));
        }
    }

    // ---- codes --------------------------------------------------------------------------

    /** Raises one code; returns its delivery job when it is to be delivered, for the caller to submit. */
    private CodeJob raise(int row, MonitorSpec spec, Colour colour, boolean suppressed, String cause) {
        CodeRoute route = spec.route(colour);
        boolean dispatched = !suppressed && route != null && route.dispatch();
        long incidentId = store.incidentId().get(row);
        Instant at = loop.wall.instant();
        Instant opened = incidentId == 0 ? null : openedAt.get(incidentId);
        InterventionSpec intervention = spec.intervention();
        CodeFacts facts = new CodeFacts(loop.ids.nextAlert(), store.name().get(row), colour, at,
                incidentId == 0 ? "" : Long.toString(incidentId), cause, spec.groups(), spec.pulseType(),
                store.consecutiveFailures().get(row),
                intervention == null ? "" : intervention.type(), store.interventionAttempts().get(row),
                intervention == null ? 0 : intervention.maxAttempts(), spec.policy().verificationPulses(),
                colour == Colour.GREEN && opened != null ? Duration.between(opened, at) : Duration.ZERO,
                colour == Colour.GRAY ? loop.roster.maintenanceUntil(row) : null);
        Alert alert = AlertTemplates.render(facts);
        if (suppressed) {
            loop.counters.codesSuppressed.increment();
        } else {
            loop.counters.codesRaised.increment();
        }
        loop.events.publish(new EngineEvent.CodeRaised(at, alert.monitor(), colour, alert.id(), incidentId,
                suppressed, dispatched, route == null ? "" : route.type(), alert.summary(), alert));
        return dispatched
                ? new CodeJob(loop.delivery, route, alert, 1, loop.now, loop.settings.codeTimeout().toNanos())
                : null;
    }

    private void onDelivery(CodeJob job) {
        DeliveryOutcome outcome = (DeliveryOutcome) job.outcome();
        Instant at = loop.wall.instant();
        Instant next = null;
        if (outcome.delivered()) {
            loop.counters.deliveries.increment();
            loop.deliveryCounts.count(job.route.type(), DeliveryResult.DELIVERED.ordinal());
        } else {
            loop.counters.deliveryFailures.increment();
            loop.deliveryCounts.count(job.route.type(), DeliveryResult.FAILED.ordinal());
            if (outcome.retryable() && job.attempt < loop.settings.deliveryAttempts()) {
                long delay = redeliveryDelay(job.attempt);
                loop.timers.add(new Timers.Timer(loop.now + delay, Timers.Kind.REDELIVER, 0, 0, 0,
                        job.next(loop.now + delay)));
                next = at.plusNanos(delay);
            } else {
                loop.counters.deadLetters.increment();
                loop.deliveryCounts.count(job.route.type(), DeliveryResult.DEAD_LETTERED.ordinal());
            }
        }
        loop.events.publish(new EngineEvent.DeliveryFinished(at, job.alert.monitor(), job.alert.colour(),
                job.alert.id(), incidentOf(job.alert), job.route.type(), job.route.notifier().destination(), job.attempt,
                outcome.delivered(), next, outcome.message()));
        if (job.then != null) {
            loop.submitCode(job.then);
        }
    }

    /** The incident a code belongs to: its alert carries the id as text, empty for none. */
    private static long incidentOf(Alert alert) {
        return alert.incidentId().isEmpty() ? 0 : Long.parseLong(alert.incidentId());
    }

    private long redeliveryDelay(int attempt) {
        long base = loop.settings.redeliveryBackoff().toNanos();
        long cap = loop.settings.redeliveryBackoffMax().toNanos();
        int doublings = Math.min(attempt - 1, 40);
        return base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
    }

    // ---- state <-> columns --------------------------------------------------------------

    LifecycleState read(int row) {
        return new LifecycleState(Stage.ofOrdinal(store.stage().get(row)),
                store.consecutiveFailures().get(row), store.successStreak().get(row),
                store.interventionAttempts().get(row), store.verifyRemaining().get(row),
                store.incidentSeq().get(row), store.lifecycleFlags().get(row) & 0xFF,
                store.raisedAt(0).get(row), store.raisedAt(1).get(row),
                store.raisedAt(2).get(row), store.raisedAt(3).get(row));
    }

    void write(int row, LifecycleState state) {
        store.stage().set(row, (byte) state.stage().ordinal());
        store.consecutiveFailures().set(row, state.consecutiveFailures());
        store.successStreak().set(row, state.successStreak());
        store.interventionAttempts().set(row, (short) Math.min(Short.MAX_VALUE, state.attempts()));
        store.verifyRemaining().set(row, state.verifyRemaining());
        store.incidentSeq().set(row, state.incidentSeq());
        store.lifecycleFlags().set(row, (byte) state.flags());
        store.raisedAt(0).set(row, state.yellowAt());
        store.raisedAt(1).set(row, state.redAt());
        store.raisedAt(2).set(row, state.cyanAt());
        store.raisedAt(3).set(row, state.grayAt());
    }
}
