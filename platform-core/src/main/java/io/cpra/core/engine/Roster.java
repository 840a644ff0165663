package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Input;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.schedule.FixedRate;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor set and the operator's hold on it: add, change and remove monitors (a whole
 * manifest at once, or one from the API), pause and resume, maintenance windows, run-now, and
 * the reads. Engine thread only; other threads reach it through {@link Engine}'s commands.
 *
 * <p><b>Reload.</b> Applying a set compares each monitor's fingerprint with the one loaded:
 * an unchanged monitor keeps its state and schedule and the instances prepared for the new
 * set are closed; a changed one gets the new instances and spec but keeps its lifecycle state,
 * and is rescheduled only when its interval changed; monitors missing from a full set are
 * removed. Prepared instances are closed exactly once each, on the engine thread.
 */
final class Roster {

    /** Flags under which a monitor gets no scheduled pulses. */
    static final int NOT_SCHEDULED = EntityStore.PAUSED | EntityStore.DISABLED | EntityStore.MAINTENANCE;

    private static final System.Logger LOG = System.getLogger(Roster.class.getName());

    private final EngineLoop loop;
    private final EntityStore<PulseCheck, MonitorSpec> store;
    /** Rows in a maintenance window with an end: row -> the end on the engine's clock. */
    private final Map<Integer, Long> maintenanceEnds = new HashMap<>();
    private final Map<Integer, Instant> maintenanceEndsWall = new HashMap<>();

    Roster(EngineLoop loop) {
        this.loop = loop;
        this.store = loop.store;
    }

    // ---- the monitor set ----------------------------------------------------------------

    /**
     * Applies plans; with {@code replacing} set, also removes the monitors of that origin that
     * are not among them.
     */
    ApplyReport apply(List<MonitorPlan> plans, MonitorPlan.Origin replacing) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        long unchanged = 0;
        BitSet seen = new BitSet(store.rowBound());
        for (MonitorPlan plan : plans) {
            int row = loop.names.find(plan.name());
            if (row < 0) {
                row = add(plan);
                added.add(plan.name());
            } else if (store.fingerprint().get(row) == plan.fingerprint()) {
                close(plan.check(), plan.spec());
                unchanged++;
            } else {
                change(row, plan);
                changed.add(plan.name());
            }
            seen.set(row);
        }
        List<String> removed = new ArrayList<>();
        if (replacing != null) {
            boolean api = replacing == MonitorPlan.Origin.API;
            List<Integer> gone = new ArrayList<>();
            store.forEachLive(row -> {
                if (!seen.get(row) && store.flags().has(row, EntityStore.API_DEFINED) == api) {
                    gone.add(row);
                }
            });
            for (int row : gone) {
                removed.add(store.name().get(row));
                remove(row);
            }
        }
        return new ApplyReport(added, changed, unchanged, removed);
    }

    boolean remove(String name) {
        int row = loop.names.find(name);
        if (row < 0) {
            return false;
        }
        remove(row);
        return true;
    }

    private int add(MonitorPlan plan) {
        long handle = store.add(plan.name(), plan.check(), plan.spec());
        int row = EntityStore.rowOf(handle);
        loop.wheel.ensureCapacity(store.rowBound());
        loop.names.add(plan.name(), row);
        store.fingerprint().set(row, plan.fingerprint());
        loop.stageCounts.add(Stage.HEALTHY, 1);
        if (!plan.enabled()) {
            store.flags().raise(row, EntityStore.DISABLED);
        }
        if (plan.origin() == MonitorPlan.Origin.API) {
            store.flags().raise(row, EntityStore.API_DEFINED);
        }
        scheduleFirst(row);
        return row;
    }

    private void change(int row, MonitorPlan plan) {
        PulseCheck oldCheck = store.check().get(row);
        MonitorSpec oldSpec = store.spec().get(row);
        store.check().set(row, plan.check());
        store.spec().set(row, plan.spec());
        store.fingerprint().set(row, plan.fingerprint());
        if (plan.origin() == MonitorPlan.Origin.API) {
            store.flags().raise(row, EntityStore.API_DEFINED);
        } else {
            store.flags().lower(row, EntityStore.API_DEFINED);
        }
        boolean wasEnabled = !store.flags().has(row, EntityStore.DISABLED);
        if (plan.enabled()) {
            store.flags().lower(row, EntityStore.DISABLED);
        } else {
            loop.withdrew();
            store.flags().raise(row, EntityStore.DISABLED);
            loop.wheel.cancel(row);
        }
        if (plan.enabled() && (!wasEnabled || oldSpec.intervalNanos() != plan.spec().intervalNanos())) {
            loop.wheel.cancel(row);
            scheduleFirst(row);
        }
        close(oldCheck, oldSpec);
    }

    private void remove(int row) {
        loop.withdrew();
        String name = store.name().get(row);
        loop.wheel.cancel(row);
        loop.names.remove(name);
        maintenanceEnds.remove(row);
        maintenanceEndsWall.remove(row);
        long incident = store.incidentId().get(row);
        if (incident != 0) {
            loop.reactions.forgetIncident(incident);
        }
        loop.stageCounts.add(Stage.ofOrdinal(store.stage().get(row)), -1);
        loop.recent.forget(store.handleOf(row));
        close(store.check().get(row), store.spec().get(row));
        store.remove(store.handleOf(row));
    }

    /** Schedules a row's first pulse, spread over its interval by its name, unless it is held. */
    private void scheduleFirst(int row) {
        if (store.flags().hasAny(row, NOT_SCHEDULED | EntityStore.PULSE_WAITING)) {
            return;
        }
        MonitorSpec spec = store.spec().get(row);
        loop.wheel.schedule(row, FixedRate.firstDue(loop.now, spec.intervalNanos(), store.name().get(row)));
    }

    /** Closes the instances prepared for one monitor; plugins count their users. */
    private static void close(PulseCheck check, MonitorSpec spec) {
        closeQuietly(check);
        if (spec.intervention() != null) {
            closeQuietly(spec.intervention().intervention());
        }
        for (CodeRoute route : spec.codes()) {
            closeQuietly(route.notifier());
        }
    }

    private static void closeQuietly(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + instance.getClass().getName() + " failed", e);
        }
    }

    /**
     * Puts back what a restart found in storage. An intervention attempt that was running when
     * the process stopped counts as failed, and a retry that was waiting fires now, so no
     * monitor waits forever for a job that no longer exists.
     */
    int restore(List<MonitorRestore> restores) {
        int restored = 0;
        for (MonitorRestore restore : restores) {
            int row = loop.names.find(restore.name());
            if (row < 0) {
                continue;
            }
            restored++;
            MonitorSpec spec = store.spec().get(row);
            if (restore.incidentId() != 0) {
                store.incidentId().set(row, restore.incidentId());
                loop.reactions.rememberIncident(restore.incidentId(),
                        restore.incidentOpenedAt() == null ? loop.wall.instant() : restore.incidentOpenedAt());
            }
            if (restore.paused() || restore.maintenance()) {
                loop.withdrew();
            }
            if (restore.paused()) {
                store.flags().raise(row, EntityStore.PAUSED);
                loop.wheel.cancel(row);
            }
            if (restore.maintenance()) {
                store.flags().raise(row, EntityStore.MAINTENANCE);
                loop.wheel.cancel(row);
                if (restore.maintenanceUntil() != null) {
                    endMaintenanceAt(row, restore.maintenanceUntil());
                }
            }
            if (restore.state() != null) {
                Stage before = Stage.ofOrdinal(store.stage().get(row));
                loop.reactions.write(row, restore.state());
                loop.stageCounts.move(before, restore.state().stage());
                if (restore.state().attemptInFlight()) {
                    loop.reactions.step(row, spec, Input.ATTEMPT_FAILED, "cpra restarted while the attempt ran");
                } else if (restore.state().retryPending()) {
                    loop.timers.add(new Timers.Timer(loop.now, Timers.Kind.RETRY_ATTEMPT, store.handleOf(row),
                            restore.state().incidentSeq(), restore.state().attempts(), "cpra restarted"));
                }
            }
        }
        return restored;
    }

    // ---- the operator's hold ------------------------------------------------------------

    boolean pause(String name, boolean paused) {
        int row = loop.names.find(name);
        if (row < 0) {
            return false;
        }
        if (paused) {
            loop.withdrew();
            store.flags().raise(row, EntityStore.PAUSED);
            loop.wheel.cancel(row);
        } else if (store.flags().has(row, EntityStore.PAUSED)) {
            store.flags().lower(row, EntityStore.PAUSED);
            scheduleFirst(row);
        }
        return true;
    }

    /**
     * Enters or leaves maintenance.
     *
     * @param until when maintenance ends by itself, or {@code null} for until it is left
     */
    boolean maintenance(String name, boolean enter, Instant until) {
        int row = loop.names.find(name);
        if (row < 0) {
            return false;
        }
        if (enter) {
            maintenanceEnds.remove(row);
            maintenanceEndsWall.remove(row);
            if (until != null) {
                endMaintenanceAt(row, until);
            }
            if (!store.flags().has(row, EntityStore.MAINTENANCE)) {
                loop.withdrew();
                store.flags().raise(row, EntityStore.MAINTENANCE);
                loop.wheel.cancel(row);
                loop.reactions.step(row, store.spec().get(row), Input.MAINTENANCE_ENTERED, "maintenance started");
            }
        } else {
            leave(row);
        }
        return true;
    }

    private void endMaintenanceAt(int row, Instant until) {
        long end = loop.now + Math.max(0, until.toEpochMilli() - loop.wall.millis()) * 1_000_000L;
        maintenanceEnds.put(row, end);
        maintenanceEndsWall.put(row, until);
        loop.timers.add(new Timers.Timer(end, Timers.Kind.MAINTENANCE_END, store.handleOf(row), end, 0, null));
    }

    void maintenanceEnded(long handle, long end) {
        int row = store.rowIfLive(handle);
        Long current = row < 0 ? null : maintenanceEnds.get(row);
        if (current != null && current == end) {
            leave(row);
        }
    }

    private void leave(int row) {
        maintenanceEnds.remove(row);
        maintenanceEndsWall.remove(row);
        if (store.flags().has(row, EntityStore.MAINTENANCE)) {
            store.flags().lower(row, EntityStore.MAINTENANCE);
            loop.reactions.step(row, store.spec().get(row), Input.MAINTENANCE_LEFT, "maintenance ended");
            scheduleFirst(row);
        }
    }

    Instant maintenanceUntil(int row) {
        return maintenanceEndsWall.get(row);
    }

    /** Runs a monitor's check now, outside its schedule; false when one is already running. */
    Optional<Boolean> runNow(String name) {
        int row = loop.names.find(name);
        if (row < 0) {
            return Optional.empty();
        }
        if (store.flags().hasAny(row, EntityStore.PULSE_IN_FLIGHT | EntityStore.PULSE_WAITING) || !loop.roomToWait()) {
            return Optional.of(false);
        }
        MonitorSpec spec = store.spec().get(row);
        loop.waitFor(new PulseJob(store.handleOf(row), store.check().get(row), loop.now, spec.timeoutNanos(), true), row);
        return Optional.of(true);
    }

    // ---- reads --------------------------------------------------------------------------

    /** Rows looked at per listing command, so one request cannot hold a tick for long. */
    private static final int SCAN_BUDGET = 65_536;

    MonitorPage page(MonitorQuery query, int fromRow, int limit) {
        List<MonitorView> found = new ArrayList<>();
        int[] resume = {-1};
        int next = store.forEachLive(Math.max(0, fromRow), SCAN_BUDGET, row -> {
            if (found.size() >= limit) {
                if (resume[0] < 0) {
                    resume[0] = row;
                }
                return;
            }
            if (query.matches(Stage.ofOrdinal(store.stage().get(row)), store.spec().get(row), store.name().get(row))) {
                found.add(view(row));
            }
        });
        return new MonitorPage(found, resume[0] >= 0 ? resume[0] : next);
    }

    Optional<MonitorView> view(String name) {
        int row = loop.names.find(name);
        return row < 0 ? Optional.empty() : Optional.of(view(row));
    }

    private MonitorView view(int row) {
        String name = store.name().get(row);
        MonitorSpec spec = store.spec().get(row);
        int status = store.lastStatus().get(row);
        Instant nextDue = loop.wheel.isScheduled(row)
                ? loop.wall.instant().plusNanos(Math.max(0, loop.wheel.dueOf(row) - loop.now)) : null;
        return new MonitorView(name, spec.pulseType(), spec.intervalNanos(), spec.groups(),
                !store.flags().has(row, EntityStore.DISABLED), store.flags().has(row, EntityStore.PAUSED),
                Stage.ofOrdinal(store.stage().get(row)), store.consecutiveFailures().get(row),
                store.successStreak().get(row), store.interventionAttempts().get(row),
                store.verifyRemaining().get(row), store.incidentId().get(row),
                status == 0 ? null : PulseOutcome.Status.values()[status - 1], store.lastLatencyMicros().get(row),
                store.flags().has(row, EntityStore.PULSE_IN_FLIGHT), nextDue, maintenanceEndsWall.get(row),
                store.flags().has(row, EntityStore.API_DEFINED) ? MonitorPlan.Origin.API : MonitorPlan.Origin.MANIFEST,
                loop.recent.of(store.handleOf(row)));
    }

    EngineSummary summary() {
        long[] held = new long[2];
        store.forEachLive(row -> {
            if (store.flags().has(row, EntityStore.DISABLED)) {
                held[0]++;
            }
            if (store.flags().has(row, EntityStore.PAUSED)) {
                held[1]++;
            }
        });
        EngineCounters c = loop.counters;
        return new EngineSummary(store.size(), loop.stageCounts.snapshot(), held[0], held[1],
                loop.reactions.openIncidents(), c.checks.get(), c.dueChecks.get(), c.overruns.get(),
                c.skipped.get(), loop.pulses.deferrals() + loop.interventions.deferrals() + loop.codes.deferrals(),
                List.of(Engine.load(loop.pulses), Engine.load(loop.interventions), Engine.load(loop.codes)));
    }
}
