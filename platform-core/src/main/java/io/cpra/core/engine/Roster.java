package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Input;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The monitor set and the operator's hold on it: add, change and remove monitors (a whole
 * manifest at once, or one from the API), pause and resume, maintenance windows, run-now, and
 * putting back what a restart found. Engine thread only; other threads reach it through
 * {@link Engine}'s commands.
 *
 * <p>Its reach is what it is given: the rows, the name index, the schedule
 * ({@link PulseAdmission}), the lifecycle ({@link Lifecycles}) for the steps that holds cause,
 * and the {@link Leases} that close instances a change gave up.
 *
 * <p><b>Reload.</b> Applying a set compares each monitor's fingerprint with the one loaded:
 * an unchanged monitor keeps its state and schedule and the instances prepared for the new
 * set are closed; a changed one gets the new instances and spec but keeps its lifecycle state,
 * and is rescheduled only when its interval changed; monitors missing from a full set are
 * removed. An instance given up is closed once nothing uses it any more: a check still
 * running, an intervention under way or a code still to deliver keeps it open until it ends.
 */
final class Roster {

    /** Flags under which a monitor gets no scheduled pulses. */
    static final int NOT_SCHEDULED = EntityStore.PAUSED | EntityStore.DISABLED | EntityStore.MAINTENANCE;

    /** The lifecycle, as far as the roster moves it: holds and restarts step it or put it back. */
    interface Lifecycles {
        /** Steps a row's lifecycle with an input and carries out the transition. */
        void step(int row, MonitorSpec spec, Input input, String cause);

        /** Puts a row's lifecycle state back as it was stored. */
        void write(int row, LifecycleState state);
    }

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final TimingWheel wheel;
    private final NameIndex names;
    private final StageCounts stageCounts;
    private final RecentOutcomes recent;
    private final OpenIncidents incidents;
    private final MaintenanceWindows windows;
    private final Timers timers;
    private final PulseAdmission schedule;
    private final Lifecycles lifecycles;
    private final Leases leases;
    private final TickClock tick;
    private final InstantSource wall;
    private final Dependencies dependencies;

    Roster(EntityStore<PulseCheck, MonitorSpec> store, TimingWheel wheel, NameIndex names, StageCounts stageCounts,
           RecentOutcomes recent, OpenIncidents incidents, MaintenanceWindows windows, Timers timers,
           PulseAdmission schedule, Lifecycles lifecycles, Leases leases, TickClock tick, InstantSource wall,
           Dependencies dependencies) {
        this.store = store;
        this.wheel = wheel;
        this.names = names;
        this.stageCounts = stageCounts;
        this.recent = recent;
        this.incidents = incidents;
        this.windows = windows;
        this.timers = timers;
        this.schedule = schedule;
        this.lifecycles = lifecycles;
        this.leases = leases;
        this.tick = tick;
        this.wall = wall;
        this.dependencies = dependencies;
    }

    // ---- the monitor set ----------------------------------------------------------------

    /**
     * Applies plans; with {@code replacing} set, also removes the monitors of that origin that
     * are not among them.
     */
    ApplyReport apply(List<MonitorPlan> plans, MonitorPlan.Origin replacing) {
        dependencies.stale();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        long unchanged = 0;
        BitSet seen = new BitSet(store.rowBound());
        for (MonitorPlan plan : plans) {
            int row = names.find(plan.name());
            if (row < 0) {
                row = add(plan);
                added.add(plan.name());
            } else if (store.fingerprint().get(row) == plan.fingerprint()) {
                retire(plan.check(), plan.spec());
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
        int row = names.find(name);
        if (row < 0) {
            return false;
        }
        dependencies.stale();
        remove(row);
        return true;
    }

    private int add(MonitorPlan plan) {
        long handle = store.add(plan.name(), plan.check(), plan.spec());
        int row = EntityStore.rowOf(handle);
        wheel.ensureCapacity(store.rowBound());
        names.add(plan.name(), row);
        store.fingerprint().set(row, plan.fingerprint());
        stageCounts.add(Stage.HEALTHY, 1);
        if (!plan.enabled()) {
            store.flags().raise(row, EntityStore.DISABLED);
        }
        if (plan.origin() == MonitorPlan.Origin.API) {
            store.flags().raise(row, EntityStore.API_DEFINED);
        }
        schedule.added(row);
        schedule.scheduleFirst(row);
        return row;
    }

    private void change(int row, MonitorPlan plan) {
        PulseCheck oldCheck = store.check().get(row);
        MonitorSpec oldSpec = store.spec().get(row);
        boolean checkInUse = store.flags().hasAny(row, EntityStore.PULSE_IN_FLIGHT | EntityStore.PULSE_WAITING);
        schedule.removing(row);
        store.check().set(row, plan.check());
        store.spec().set(row, plan.spec());
        store.fingerprint().set(row, plan.fingerprint());
        schedule.added(row);
        if (plan.origin() == MonitorPlan.Origin.API) {
            store.flags().raise(row, EntityStore.API_DEFINED);
        } else {
            store.flags().lower(row, EntityStore.API_DEFINED);
        }
        boolean wasEnabled = !store.flags().has(row, EntityStore.DISABLED);
        if (plan.enabled()) {
            store.flags().lower(row, EntityStore.DISABLED);
        } else {
            store.flags().raise(row, EntityStore.DISABLED);
            schedule.unschedule(row);
        }
        if (plan.enabled() && (!wasEnabled || oldSpec.intervalNanos() != plan.spec().intervalNanos())) {
            wheel.cancel(row);
            schedule.scheduleFirst(row);
        }
        retire(oldCheck, oldSpec, checkInUse);
    }

    private void remove(int row) {
        String name = store.name().get(row);
        schedule.unschedule(row);
        schedule.removing(row);
        names.remove(name);
        windows.forget(row);
        incidents.close(row);
        stageCounts.add(Stage.ofOrdinal(store.stage().get(row)), -1);
        recent.forget(store.handleOf(row));
        retire(store.check().get(row), store.spec().get(row),
                store.flags().hasAny(row, EntityStore.PULSE_IN_FLIGHT | EntityStore.PULSE_WAITING));
        store.remove(store.handleOf(row));
    }

    /** Gives up the instances prepared for a plan that was never loaded: nothing used them. */
    private void retire(PulseCheck check, MonitorSpec spec) {
        retire(check, spec, false);
    }

    /** Gives up one monitor's instances; each is closed once nothing uses it. */
    private void retire(PulseCheck check, MonitorSpec spec, boolean checkInUse) {
        if (checkInUse) {
            leases.retireAfterCheck(check);
        } else {
            leases.retire(check);
        }
        if (spec.intervention() != null) {
            leases.retire(spec.intervention().intervention());
        }
        for (CodeRoute route : spec.codes()) {
            leases.retire(route.notifier());
        }
    }

    /**
     * Puts back what a restart found in storage. An intervention attempt that was running when
     * the process stopped counts as failed, and a retry that was waiting fires now, so no
     * monitor waits forever for a job that no longer exists.
     *
     * <p>Holds are written when they are acknowledged, lifecycle snapshots a batch later, so a
     * crash in between leaves a maintenance hold with a snapshot from before it. The hold is
     * what the operator was told is in force: the monitor enters maintenance again (its gray
     * code with it, since the one raised before the crash may never have been written).
     */
    int restore(List<MonitorRestore> restores) {
        int restored = 0;
        for (MonitorRestore restore : restores) {
            int row = names.find(restore.name());
            if (row < 0) {
                continue;
            }
            restored++;
            MonitorSpec spec = store.spec().get(row);
            if (restore.incidentId() != 0) {
                incidents.open(row, restore.incidentId(),
                        restore.incidentOpenedAt() == null ? wall.instant() : restore.incidentOpenedAt());
            }
            if (restore.paused()) {
                store.flags().raise(row, EntityStore.PAUSED);
                schedule.unschedule(row);
            }
            if (restore.state() != null) {
                Stage before = Stage.ofOrdinal(store.stage().get(row));
                lifecycles.write(row, restore.state());
                stageCounts.move(before, restore.state().stage());
                if (restore.state().attemptInFlight()) {
                    lifecycles.step(row, spec, Input.ATTEMPT_FAILED, "cpra restarted while the attempt ran");
                } else if (restore.state().retryPending()) {
                    timers.add(new Timers.Timer(tick.now(), Timers.Kind.RETRY_ATTEMPT, store.handleOf(row),
                            restore.state().incidentSeq(), restore.state().attempts(), "cpra restarted"));
                }
            }
            if (restore.maintenance()) {
                store.flags().raise(row, EntityStore.MAINTENANCE);
                schedule.unschedule(row);
                if (restore.maintenanceUntil() != null) {
                    endMaintenanceAt(row, restore.maintenanceUntil());
                }
                if (Stage.ofOrdinal(store.stage().get(row)) != Stage.MAINTENANCE) {
                    lifecycles.step(row, spec, Input.MAINTENANCE_ENTERED, "maintenance (put back after a restart)");
                }
            }
        }
        return restored;
    }

    // ---- the operator's hold ------------------------------------------------------------

    boolean pause(String name, boolean paused) {
        int row = names.find(name);
        if (row < 0) {
            return false;
        }
        if (paused) {
            store.flags().raise(row, EntityStore.PAUSED);
            schedule.unschedule(row);
        } else if (store.flags().has(row, EntityStore.PAUSED)) {
            store.flags().lower(row, EntityStore.PAUSED);
            schedule.scheduleFirst(row);
        }
        return true;
    }

    /**
     * Enters or leaves maintenance.
     *
     * @param until when maintenance ends by itself, or {@code null} for until it is left
     */
    boolean maintenance(String name, boolean enter, Instant until) {
        int row = names.find(name);
        if (row < 0) {
            return false;
        }
        if (enter) {
            windows.forget(row);
            if (until != null) {
                endMaintenanceAt(row, until);
            }
            if (!store.flags().has(row, EntityStore.MAINTENANCE)) {
                store.flags().raise(row, EntityStore.MAINTENANCE);
                schedule.unschedule(row);
                lifecycles.step(row, store.spec().get(row), Input.MAINTENANCE_ENTERED, "maintenance started");
            }
        } else {
            leave(row);
        }
        return true;
    }

    private void endMaintenanceAt(int row, Instant until) {
        long end = tick.now() + Math.max(0, until.toEpochMilli() - wall.millis()) * 1_000_000L;
        windows.endAt(row, end, until);
        timers.add(new Timers.Timer(end, Timers.Kind.MAINTENANCE_END, store.handleOf(row), end, 0, null));
    }

    /** A maintenance window's end came; it ends the window only if the window still ends then. */
    void maintenanceEnded(Timers.Timer timer) {
        int row = store.rowIfLive(timer.handle());
        if (row >= 0 && windows.endsAt(row, timer.tag())) {
            leave(row);
        }
    }

    private void leave(int row) {
        windows.forget(row);
        if (store.flags().has(row, EntityStore.MAINTENANCE)) {
            store.flags().lower(row, EntityStore.MAINTENANCE);
            // a paused monitor runs no check after maintenance, so it keeps the stage it had before
            lifecycles.step(row, store.spec().get(row), store.flags().has(row, EntityStore.PAUSED)
                    ? Input.MAINTENANCE_LEFT_PAUSED : Input.MAINTENANCE_LEFT, "maintenance ended");
            schedule.scheduleFirst(row);
        }
    }

    /** Runs a monitor's check now, outside its schedule; false when one is already running. */
    Optional<Boolean> runNow(String name) {
        int row = names.find(name);
        return row < 0 ? Optional.empty() : Optional.of(schedule.runNow(row));
    }

    /** The route a monitor has now for a colour, or null when the monitor or its block is gone. */
    CodeRoute routeOf(String name, io.cpra.plugin.api.Colour colour) {
        int row = names.find(name);
        return row < 0 ? null : store.spec().get(row).route(colour);
    }
}
