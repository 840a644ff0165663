package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.pool.WorkerPool;
import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The engine's answers to reads: one monitor, a page of monitors, the summary. Reads are
 * commands like any other (DESIGN.md, "Single writer"), answered on the engine thread from
 * what it alone writes, so no lock guards a row. Engine thread only.
 */
final class Reads {

    /** Rows looked at per listing command, so one request cannot hold a tick for long. */
    private static final int SCAN_BUDGET = 65_536;

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final TimingWheel wheel;
    private final NameIndex names;
    private final MaintenanceWindows windows;
    private final RecentOutcomes recent;
    private final StageCounts stageCounts;
    private final OpenIncidents incidents;
    private final EngineCounters counters;
    private final PulseAdmission admission;
    private final List<WorkerPool> pools;
    private final TickClock tick;
    private final InstantSource wall;
    private final Budgets budgets;

    Reads(EntityStore<PulseCheck, MonitorSpec> store, TimingWheel wheel, NameIndex names, MaintenanceWindows windows,
          RecentOutcomes recent, StageCounts stageCounts, OpenIncidents incidents, EngineCounters counters,
          PulseAdmission admission, List<WorkerPool> pools, TickClock tick, InstantSource wall, Budgets budgets) {
        this.store = store;
        this.wheel = wheel;
        this.names = names;
        this.windows = windows;
        this.recent = recent;
        this.stageCounts = stageCounts;
        this.incidents = incidents;
        this.counters = counters;
        this.admission = admission;
        this.pools = pools;
        this.tick = tick;
        this.wall = wall;
        this.budgets = budgets;
    }

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

    /**
     * The first {@code limit} matches in a stretch of rows in the sort's order, after its cursor.
     * A bounded heap holds the best so far, worst on top, so a stretch costs O(rows log limit)
     * and allocates a key only for a row that enters the heap; views are built for the
     * survivors alone.
     */
    SortedChunk sortedChunk(MonitorQuery query, MonitorSort sort, int fromRow, int limit) {
        PriorityQueue<MonitorSort.Key> worstFirst = new PriorityQueue<>(limit + 1,
                (a, b) -> sort.compare(b, a));
        Map<String, Integer> rows = new HashMap<>();
        int next = store.forEachLive(Math.max(0, fromRow), SCAN_BUDGET, row -> {
            Stage stage = Stage.ofOrdinal(store.stage().get(row));
            MonitorSpec spec = store.spec().get(row);
            String name = store.name().get(row);
            if (!query.matches(stage, spec, name)) {
                return;
            }
            long number = sort.number(stage, sort.field() == MonitorSort.Field.LAST_CHECK ? admission.lastStartNanos(row) : 0);
            String text = sort.text(spec.pulseType());
            if (!sort.isAfterCursor(number, text, name)) {
                return;
            }
            if (worstFirst.size() == limit && sort.compare(number, text, name, worstFirst.peek()) >= 0) {
                return;
            }
            MonitorSort.Key key = new MonitorSort.Key(number, text, name);
            worstFirst.add(key);
            rows.put(name, row);
            if (worstFirst.size() > limit) {
                rows.remove(worstFirst.poll().name());
            }
        });
        List<SortedChunk.Entry> best = new ArrayList<>(worstFirst.size());
        while (!worstFirst.isEmpty()) {
            MonitorSort.Key key = worstFirst.poll();
            best.add(new SortedChunk.Entry(key, view(rows.get(key.name()))));
        }
        return new SortedChunk(best.reversed(), next);
    }

    Optional<MonitorView> view(String name) {
        int row = names.find(name);
        return row < 0 ? Optional.empty() : Optional.of(view(row));
    }

    /**
     * A monitor's last outcomes, newest first: the ones {@link RecentOutcomes} keeps while it is
     * (or lately was) in trouble, else its last check from the columns, else none.
     */
    Optional<List<MonitorView.Outcome>> outcomes(String name, int limit) {
        int row = names.find(name);
        if (row < 0) {
            return Optional.empty();
        }
        List<MonitorView.Outcome> kept = recent.of(store.handleOf(row));
        if (!kept.isEmpty()) {
            List<MonitorView.Outcome> newestFirst = new ArrayList<>(kept.reversed());
            return Optional.of(List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size()))));
        }
        int status = store.lastStatus().get(row);
        long lastStart = admission.lastStartNanos(row);
        if (status == 0 || lastStart == Long.MIN_VALUE) {
            return Optional.of(List.of());
        }
        int micros = store.lastLatencyMicros().get(row);
        Instant ended = wall.instant().minusNanos(Math.max(0, tick.now() - lastStart)).plusNanos(micros * 1000L);
        return Optional.of(List.of(new MonitorView.Outcome(ended, PulseOutcome.Status.values()[status - 1], micros,
                "")));
    }

    private MonitorView view(int row) {
        String name = store.name().get(row);
        MonitorSpec spec = store.spec().get(row);
        int status = store.lastStatus().get(row);
        Instant now = wall.instant();
        Instant nextDue = wheel.isScheduled(row) ? now.plusNanos(wheel.dueOf(row) - tick.now()) : null;
        long lastStart = admission.lastStartNanos(row);
        Instant lastRun = lastStart == Long.MIN_VALUE ? null : now.minusNanos(Math.max(0, tick.now() - lastStart));
        return new MonitorView(name, spec.pulseType(), spec.intervalNanos(), spec.groups(),
                !store.flags().has(row, EntityStore.DISABLED), store.flags().has(row, EntityStore.PAUSED),
                Stage.ofOrdinal(store.stage().get(row)), store.consecutiveFailures().get(row),
                store.successStreak().get(row), store.interventionAttempts().get(row),
                store.verifyRemaining().get(row), incidents.of(row),
                status == 0 ? null : PulseOutcome.Status.values()[status - 1], store.lastLatencyMicros().get(row),
                store.flags().has(row, EntityStore.PULSE_IN_FLIGHT), nextDue, windows.until(row),
                store.flags().has(row, EntityStore.API_DEFINED) ? MonitorPlan.Origin.API : MonitorPlan.Origin.MANIFEST,
                recent.of(store.handleOf(row)), lastRun, admission.overdue(row), spec.dependsOn(),
                budgets.heldBy(store.handleOf(row), tick.now()), spec.notifyGroups());
    }

    EngineSummary summary() {
        long[] held = new long[3];
        store.forEachLive(row -> {
            if (store.flags().has(row, EntityStore.DISABLED)) {
                held[0]++;
            }
            if (store.flags().has(row, EntityStore.PAUSED)) {
                held[1]++;
            }
            if (admission.overdue(row)) {
                held[2]++;
            }
        });
        long deferrals = 0;
        List<EngineSummary.PoolLoad> loads = new ArrayList<>(pools.size());
        for (WorkerPool pool : pools) {
            deferrals += pool.deferrals();
            loads.add(Engine.load(pool));
        }
        EngineSummary.PulseBacklog pulses = new EngineSummary.PulseBacklog(admission.waiting(),
                admission.oldestWaitingNanos(), held[2], admission.sharing());
        return new EngineSummary(store.size(), stageCounts.snapshot(), held[0], held[1], incidents.size(),
                counters.checks.get(), counters.dueChecks.get(), counters.overruns.get(), counters.skipped.get(),
                deferrals, pulses, counters.faults.get(), counters.journalStalls.get(), loads);
    }
}
