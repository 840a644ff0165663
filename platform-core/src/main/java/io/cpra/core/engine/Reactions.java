package io.cpra.core.engine;

import io.cpra.core.delivery.AlertTemplates;
import io.cpra.core.delivery.CodeFacts;
import io.cpra.core.engine.budget.BudgetLimits;
import io.cpra.core.engine.lifecycle.Action;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Input;
import io.cpra.core.engine.lifecycle.Lifecycle;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.lifecycle.Transition;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What the engine does with a finished pulse or intervention job, or a due retry: record the
 * outcome, step the monitor's lifecycle, and carry out what the step asks for — open or close
 * an incident, start or schedule an intervention attempt, raise codes and hand those with a
 * {@code codes.<colour>} block to the {@link Outbox}. Engine thread only.
 *
 * <p>Its reach is what it is given: the store's rows, the recent outcomes, the counters, the
 * intervention backlog, the outbox and the timers; it never calls back into the loop or the
 * roster. The common case, a passing pulse of a healthy monitor, touches three columns and
 * returns without building a lifecycle state.
 */
final class Reactions implements Roster.Lifecycles {

    private static final Colour[] COLOURS = Colour.values();
    private static final byte HEALTHY = (byte) Stage.HEALTHY.ordinal();
    private static final byte UNREACHABLE = (byte) Stage.UNREACHABLE.ordinal();
    private static final byte INTERVENING = (byte) Stage.INTERVENING.ordinal();
    private static final Code[] CODES = Code.values();

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final TickClock tick;
    private final InstantSource wall;
    private final EventSink events;
    private final Ids ids;
    private final EngineCounters counters;
    private final StageCounts stageCounts;
    private final TypeCounts checkCounts;
    private final RecentOutcomes recent;
    private final MinuteCounts minutes;
    private final OpenIncidents incidents;
    private final MaintenanceWindows windows;
    private final Timers timers;
    private final Backlog interventions;
    private final Outbox outbox;
    private final Leases leases;
    private final PulseAdmission admission;
    private final Dependencies dependencies;
    private final Budgets budgets;
    private final Budgets.Admission admission2 = new HeldAttempts();
    private final Transition transition = Transition.create();
    /** Monitors that just became healthy, whose unreachable dependents are to be told. */
    private final ArrayDeque<Integer> recovered = new ArrayDeque<>();
    private boolean tellingDependents;

    Reactions(EntityStore<PulseCheck, MonitorSpec> store, TickClock tick, InstantSource wall, EventSink events, Ids ids,
              EngineCounters counters, StageCounts stageCounts, TypeCounts checkCounts, RecentOutcomes recent,
              MinuteCounts minutes, OpenIncidents incidents, MaintenanceWindows windows, Timers timers,
              Backlog interventions, Outbox outbox, Leases leases, PulseAdmission admission, Dependencies dependencies,
              Budgets budgets) {
        this.store = store;
        this.tick = tick;
        this.wall = wall;
        this.events = events;
        this.ids = ids;
        this.counters = counters;
        this.stageCounts = stageCounts;
        this.checkCounts = checkCounts;
        this.recent = recent;
        this.minutes = minutes;
        this.incidents = incidents;
        this.windows = windows;
        this.timers = timers;
        this.interventions = interventions;
        this.outbox = outbox;
        this.leases = leases;
        this.admission = admission;
        this.dependencies = dependencies;
        this.budgets = budgets;
    }

    // ---- pulses -------------------------------------------------------------------------

    void onPulse(PulseJob job) {
        counters.checks.increment();
        leases.checkEnded(job.check());
        int row = admission.ended(job);
        if (row < 0) {
            return;  // removed while its check ran
        }
        PulseOutcome outcome = (PulseOutcome) job.outcome();
        store.lastStatus().set(row, (byte) (outcome.status().ordinal() + 1));
        long micros = (job.finishedNanos() - job.startedNanos()) / 1000;
        store.lastLatencyMicros().set(row, (int) Math.min(Integer.MAX_VALUE, micros));
        boolean healthy = store.stage().get(row) == HEALTHY;
        if (outcome.status() != PulseOutcome.Status.OK || !healthy || store.flags().has(row, EntityStore.HISTORY)) {
            if (recent.record(job.handle, healthy, wall.instant(), outcome, micros)) {
                store.flags().raise(row, EntityStore.HISTORY);
            } else {
                store.flags().lower(row, EntityStore.HISTORY);
            }
        }
        boolean passing = outcome.passing();
        if (!passing) {
            counters.failedChecks.increment();
        }
        minutes.count(row, outcome.status() != PulseOutcome.Status.OK, micros);
        MonitorSpec spec = store.spec().get(row);
        checkCounts.count(spec.pulseType(), outcome.status().ordinal());
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

    void onAttempt(InterventionJob job) {
        leases.give(job.intervention);
        // before anything else: a monitor removed while its attempt ran still held a place
        budgets.give(job.budgets);
        InterventionOutcome outcome = (InterventionOutcome) job.outcome();
        int row = store.rowIfLive(job.handle);
        if (row < 0) {
            return;
        }
        store.flags().lower(row, EntityStore.INTERVENTION_IN_FLIGHT);
        MonitorSpec spec = store.spec().get(row);
        String action = spec.intervention() == null ? "" : spec.intervention().type();
        events.publish(new EngineEvent.InterventionFinished(wall.instant(), store.name().get(row),
                incidents.of(row), action, job.attempt, outcome.success(), outcome.message()));
        boolean current = store.incidentSeq().get(row) == job.incidentSeq
                && store.interventionAttempts().get(row) == job.attempt
                && (store.lifecycleFlags().get(row) & LifecycleState.ATTEMPT_IN_FLIGHT) != 0;
        if (!current) {
            counters.lateResults.increment();  // maintenance or a reload ended its episode
            return;
        }
        Input input = outcome.success() ? Input.ATTEMPT_SUCCEEDED
                : job.timedOut ? Input.ATTEMPT_TIMED_OUT : Input.ATTEMPT_FAILED;
        step(row, spec, input, outcome.message());
    }

    private void startAttempt(int row, MonitorSpec spec, int attempt, String cause) {
        List<BudgetLimits> limits = spec.intervention().budgets();
        if (!limits.isEmpty() && !budgets.tryTake(limits, tick.now())) {
            budgets.hold(new Budgets.Waiter(store.handleOf(row), store.incidentSeq().get(row), attempt, tick.now(), cause,
                    limits));
            counters.interventionsHeld.increment();
            return;
        }
        launch(row, spec, attempt, cause, limits);
    }

    private void launch(int row, MonitorSpec spec, int attempt, String cause, List<BudgetLimits> taken) {
        InterventionSpec intervention = spec.intervention();
        long incidentId = incidents.of(row);
        String name = store.name().get(row);
        InterventionRequest request = InterventionRequest.builder(name).attempt(attempt, intervention.maxAttempts())
                .lastError(cause).incidentId(incidentId == 0 ? "" : Long.toString(incidentId)).build();
        store.flags().raise(row, EntityStore.INTERVENTION_IN_FLIGHT);
        leases.take(intervention.intervention());
        InterventionJob job = new InterventionJob(store.handleOf(row), store.incidentSeq().get(row),
                intervention.intervention(), request, tick.now(), intervention.timeoutNanos());
        job.budgets = taken;
        interventions.submit(job);
        events.publish(new EngineEvent.InterventionStarted(wall.instant(), name, incidentId,
                intervention.type(), attempt));
    }

    /**
     * Starts the held attempts that now have room in their budgets, drops those whose episode
     * ended, and turns those that waited longer than their budget's {@code wait} into red.
     *
     * @return how many moved
     */
    int admitHeld() {
        return budgets.admit(tick.now(), admission2);
    }

    /** The engine's side of {@link Budgets.Admission}: what a held attempt's row says and does. */
    private final class HeldAttempts implements Budgets.Admission {
        @Override
        public boolean current(Budgets.Waiter waiter) {
            int row = store.rowIfLive(waiter.handle());
            return row >= 0 && store.incidentSeq().get(row) == waiter.incidentSeq()
                    && store.interventionAttempts().get(row) == waiter.attempt()
                    && store.stage().get(row) == INTERVENING
                    && (store.lifecycleFlags().get(row) & LifecycleState.ATTEMPT_IN_FLIGHT) != 0
                    && store.spec().get(row).intervention() != null;
        }

        @Override
        public void start(Budgets.Waiter waiter) {
            int row = store.rowIfLive(waiter.handle());
            launch(row, store.spec().get(row), waiter.attempt(), waiter.cause(), waiter.budgets());
        }

        @Override
        public void held(Budgets.Waiter waiter, BudgetLimits budget) {
            int row = store.rowIfLive(waiter.handle());
            step(row, store.spec().get(row), Input.ATTEMPT_HELD, "intervention budget " + budget.name() + " ("
                    + budget.describe(Durations.format(Duration.ofNanos(budget.perNanos()))) + ") held attempt "
                    + waiter.attempt() + " back for " + Durations.format(Duration.ofNanos(tick.now() - waiter.since()))
                    + "; the intervention did not run (" + waiter.cause() + ")");
        }
    }

    /** An intervention retry's backoff ended. */
    void retryDue(Timers.Timer timer) {
        int row = store.rowIfLive(timer.handle());
        if (row >= 0 && store.incidentSeq().get(row) == timer.tag()) {
            step(row, store.spec().get(row), Input.RETRY_DUE, (String) timer.payload());
        }
    }

    // ---- the lifecycle ------------------------------------------------------------------

    /** Steps a monitor's lifecycle and carries out the transition. */
    @Override
    public void step(int row, MonitorSpec spec, Input input, String cause) {
        LifecycleState state = read(row);
        if (!spec.dependsOn().isEmpty() && input.underDownParent(state) != input) {
            String parent = dependencies.downParent(row, spec);
            if (parent != null) {
                input = Input.PARENT_DOWN;
                cause = "unreachable: parent " + parent + " is down (" + cause + ")";
            }
        }
        Lifecycle.step(state, input, tick.now(), spec.policy(), transition);
        act(row, spec, cause);
        if (!tellingDependents && !recovered.isEmpty()) {
            tellDependents();
        }
    }

    /**
     * Tells the unreachable dependents of each monitor that just became healthy that their
     * parents are up, if all of them are; they are re-checked at once. A dependent that becomes
     * healthy in turn tells its own: the queue, not recursion, carries the chain.
     */
    private void tellDependents() {
        tellingDependents = true;
        try {
            while (!recovered.isEmpty()) {
                int parent = recovered.poll();
                String cause = "parent " + store.name().get(parent) + " recovered";
                dependencies.forEachDependent(parent, child -> {
                    if (store.stage().get(child) == UNREACHABLE) {
                        MonitorSpec spec = store.spec().get(child);
                        if (dependencies.downParent(child, spec) == null) {
                            step(child, spec, Input.PARENT_RECOVERED, cause);
                        }
                    }
                });
            }
        } finally {
            tellingDependents = false;
        }
    }

    private void act(int row, MonitorSpec spec, String cause) {
        Transition t = transition;
        if (t.has(Action.IGNORED)) {
            counters.ignoredInputs.increment();
        }
        if (t.stateChanged()) {
            if (t.from() != t.to()) {
                stageCounts.move(t.from(), t.to());
                minutes.stageChanged(row);
                if (t.to() == Stage.HEALTHY) {
                    recovered.add(row);
                }
            }
            write(row, t.state());
        }
        if (t.has(Action.RECHECK)) {
            admission.checkSoon(row);
        }
        String name = store.name().get(row);
        if (t.has(Action.OPEN_INCIDENT)) {
            long id = ids.nextIncident();
            incidents.open(row, id, wall.instant());
            counters.incidentsOpened.increment();
            events.publish(new EngineEvent.IncidentOpened(wall.instant(), name, id, cause,
                    recent.takeAll(store.handleOf(row))));
        }
        if (t.has(Action.START_ATTEMPT) && spec.intervention() != null) {
            startAttempt(row, spec, t.attempt(), cause);
        }
        if (t.has(Action.SCHEDULE_ATTEMPT)) {
            timers.add(new Timers.Timer(tick.now() + t.delayNanos(), Timers.Kind.RETRY_ATTEMPT,
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
            outbox.raise(first);
        }
        if (t.has(Action.CLOSE_INCIDENT)) {
            long id = incidents.of(row);
            Instant opened = incidents.close(row);
            counters.incidentsClosed.increment();
            events.publish(new EngineEvent.IncidentClosed(wall.instant(), name, id,
                    opened == null ? Duration.ZERO : Duration.between(opened, wall.instant())));
        }
        if (t.has(Action.STAGE_CHANGED)) {
            events.publish(new EngineEvent.StageChanged(wall.instant(), name, t.from(), t.to(),
                    incidents.of(row), cause, t.state(), recent.takeUnreported(store.handleOf(row))));
        }
    }

    /** Raises one code; returns its delivery job when it is to be delivered, for the caller to chain. */
    private CodeJob raise(int row, MonitorSpec spec, Colour colour, boolean suppressed, String cause) {
        CodeRoute route = spec.route(colour);
        boolean dispatched = !suppressed && route != null && route.dispatch();
        long incidentId = incidents.of(row);
        Instant at = wall.instant();
        Instant opened = incidentId == 0 ? null : incidents.openedAt(incidentId);
        InterventionSpec intervention = spec.intervention();
        CodeFacts facts = new CodeFacts(ids.nextAlert(), store.name().get(row), colour, at,
                incidentId == 0 ? "" : Long.toString(incidentId), cause, spec.groups(), spec.pulseType(),
                store.consecutiveFailures().get(row),
                intervention == null ? "" : intervention.type(), store.interventionAttempts().get(row),
                intervention == null ? 0 : intervention.maxAttempts(), spec.policy().verificationPulses(),
                colour == Colour.GREEN && opened != null ? Duration.between(opened, at) : Duration.ZERO,
                colour == Colour.GRAY ? windows.until(row) : null);
        Alert alert = AlertTemplates.render(facts);
        if (suppressed) {
            counters.codesSuppressed.increment();
        } else {
            counters.codesRaised.increment();
        }
        events.publish(new EngineEvent.CodeRaised(at, alert.monitor(), colour, alert.id(), incidentId,
                suppressed, dispatched, route == null ? "" : route.type(), alert.summary(), alert));
        return dispatched ? outbox.newCode(route, alert) : null;
    }

    // ---- state <-> columns --------------------------------------------------------------

    LifecycleState read(int row) {
        return new LifecycleState(Stage.ofOrdinal(store.stage().get(row)),
                store.consecutiveFailures().get(row), store.successStreak().get(row),
                store.interventionAttempts().get(row), store.verifyRemaining().get(row),
                store.incidentSeq().get(row), store.lifecycleFlags().get(row) & 0xFFFF,
                tick.nanos(store.raisedAt(0).get(row)), tick.nanos(store.raisedAt(1).get(row)),
                tick.nanos(store.raisedAt(2).get(row)), tick.nanos(store.raisedAt(3).get(row)));
    }

    @Override
    public void write(int row, LifecycleState state) {
        store.stage().set(row, (byte) state.stage().ordinal());
        store.consecutiveFailures().set(row, state.consecutiveFailures());
        store.successStreak().set(row, state.successStreak());
        store.interventionAttempts().set(row, (short) Math.min(Short.MAX_VALUE, state.attempts()));
        store.verifyRemaining().set(row, state.verifyRemaining());
        store.incidentSeq().set(row, state.incidentSeq());
        store.lifecycleFlags().set(row, (short) state.flags());
        // a tenth of a second is precision enough for cooldowns of seconds and minutes
        store.raisedAt(0).set(row, tick.units(state.yellowAt()));
        store.raisedAt(1).set(row, tick.units(state.redAt()));
        store.raisedAt(2).set(row, tick.units(state.cyanAt()));
        store.raisedAt(3).set(row, tick.units(state.grayAt()));
    }
}
