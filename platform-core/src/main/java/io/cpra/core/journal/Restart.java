package io.cpra.core.journal;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorRestore;
import io.cpra.core.engine.PendingCode;
import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.storage.IncidentQuery;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.MonitorHold;
import io.cpra.core.storage.MonitorSnapshot;
import io.cpra.core.storage.OutboxEntry;
import io.cpra.core.storage.Page;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts back, after a restart (a crash included), what storage kept: each monitor's lifecycle
 * state as of its last stage change, its open incident and the operator's hold; then delivers
 * again every code still pending in the outbox, with its alert id.
 */
public final class Restart {

    private Restart() {
    }

    /**
     * What a restart found.
     *
     * @param monitors monitors whose state, incident or hold was put back
     * @param open     open incidents
     * @param pending  codes delivered again
     */
    public record Summary(int monitors, int open, int pending) {

        /** @return true when there was nothing to resume */
        public boolean isEmpty() {
            return monitors == 0 && open == 0 && pending == 0;
        }

        @Override
        public String toString() {
            return monitors + " monitor(s), " + open + " open incident(s), " + pending + " pending code(s)";
        }
    }

    /**
     * Restores loaded monitors from storage and redelivers pending codes.
     *
     * @param storage the open store
     * @param engine  the engine, with its monitors applied
     * @param wall    the wall clock, to tell maintenance windows that are over
     * @return what was resumed
     */
    public static Summary resume(Storage storage, Engine engine, InstantSource wall) {
        Map<String, MonitorSnapshot> snapshots = new HashMap<>();
        storage.snapshots().forEach(s -> snapshots.put(s.name(), s));
        Map<String, MonitorHold> holds = new HashMap<>();
        StorageBatch ended = new StorageBatch();
        for (MonitorHold hold : storage.holds()) {
            MonitorHold current = withoutEndedMaintenance(hold, snapshots.get(hold.name()), wall.instant());
            if (current == hold) {
                holds.put(hold.name(), hold);
            } else if (current.paused()) {
                holds.put(hold.name(), current);
                ended.putHold(current);
            } else {
                ended.deleteHold(hold.name());
            }
        }
        if (!ended.isEmpty()) {
            storage.write(ended);
        }
        Map<Long, Instant> opened = new HashMap<>();
        String cursor = null;
        do {
            Page<IncidentRecord> page = storage.incidents(new IncidentQuery(null, true), cursor, 1000);
            page.items().forEach(i -> opened.put(i.id(), i.openedAt()));
            cursor = page.next();
        } while (cursor != null);

        Set<String> names = new LinkedHashSet<>(snapshots.keySet());
        names.addAll(holds.keySet());
        List<MonitorRestore> restores = new ArrayList<>();
        for (String name : names) {
            MonitorSnapshot snapshot = snapshots.get(name);
            MonitorHold hold = holds.get(name);
            LifecycleState state = snapshot == null ? null : state(snapshot);
            long incident = snapshot == null || state == null || !state.incidentOpen() ? 0 : snapshot.incidentId();
            restores.add(new MonitorRestore(name, state, incident, opened.get(incident),
                    hold != null && hold.paused(), hold != null && hold.maintenance(),
                    hold == null ? null : hold.maintenanceUntil()));
        }
        int restored = engine.restore(restores).join();

        List<PendingCode> pending = new ArrayList<>();
        for (OutboxEntry entry : storage.pendingCodes()) {
            pending.add(new PendingCode(Records.alert(entry.alert()), entry.attempts()));
        }
        engine.redeliver(pending).join();
        return new Summary(restored, opened.size(), pending.size());
    }

    /**
     * A maintenance window that ended while the server ran has left its hold row behind (the
     * window ends on the engine's timer, not through the control plane): the monitor's stage has
     * moved on since. Such a hold no longer holds. A window whose end passed while the server was
     * down still shows as the stored stage and is restored, so that it ends now, as it would have.
     */
    static MonitorHold withoutEndedMaintenance(MonitorHold hold, MonitorSnapshot snapshot, Instant now) {
        boolean over = hold.maintenance() && hold.maintenanceUntil() != null && !hold.maintenanceUntil().isAfter(now)
                && (snapshot == null || !Stage.MAINTENANCE.name().equals(snapshot.stage()));
        return over ? new MonitorHold(hold.name(), hold.paused(), false, null, hold.updatedAt()) : hold;
    }

    private static LifecycleState state(MonitorSnapshot s) {
        try {
            return new LifecycleState(Stage.valueOf(s.stage()), s.consecutiveFailures(), s.successStreak(), s.attempts(),
                    s.verifyRemaining(), s.incidentSeq(), s.lifecycleFlags(), 0, 0, 0, 0);
        } catch (IllegalArgumentException corrupt) {
            System.getLogger(Restart.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring the stored state of " + s.name() + ": " + corrupt.getMessage());
            return null;
        }
    }

    /**
     * Publishes the outbox depth, read from storage at most every five seconds.
     *
     * @param metrics where to register
     * @param storage the open store
     */
    public static void registerMetrics(MeterRegistry metrics, Storage storage) {
        AtomicLong depth = new AtomicLong();
        AtomicLong readAt = new AtomicLong(Long.MIN_VALUE / 2);
        metrics.getOrCreate(Gauge.builder("cpra_outbox_depth", storage, s -> {
            long now = System.nanoTime();
            if (now - readAt.get() > 5_000_000_000L) {
                readAt.set(now);
                try {
                    depth.set(s.outboxDepth());
                } catch (RuntimeException unavailable) {
                    // keep the last value; readiness reports the outage
                }
            }
            return depth.get();
        }).description("Codes in the outbox still to deliver"));
    }
}
