package io.cpra.core.engine;

import io.cpra.core.engine.budget.BudgetLedger;
import io.cpra.core.engine.budget.BudgetLimits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intervention budgets of the whole monitor set: one {@link BudgetLedger} per budget name,
 * shared by every monitor that declares it, and the attempts waiting for room, first come first
 * served. An attempt needs room in every budget its monitor declares and takes a place in all of
 * them at once, or in none.
 *
 * <p>A waiting attempt is identified like an intervention job (handle, incident number, attempt),
 * so one whose episode ended meanwhile (maintenance, an unreachable parent, a reload) is dropped
 * rather than started. Engine thread only.
 */
final class Budgets {

    /** An attempt the lifecycle started that waits for room. */
    record Waiter(long handle, int incidentSeq, int attempt, long since, String cause, List<BudgetLimits> budgets) {
    }

    /** What to do with the waiters: start one, or give up on one whose wait is over. */
    interface Admission {
        /** Whether the waiter's attempt still belongs to the current episode of a live monitor. */
        boolean current(Waiter waiter);

        /** Starts the attempt; its places are taken already. */
        void start(Waiter waiter);

        /** The waiter waited too long for {@code budget}; the monitor's incident goes red. */
        void held(Waiter waiter, BudgetLimits budget);
    }

    private final Map<String, BudgetLedger> ledgers = new HashMap<>();
    private final Map<Long, Waiter> waiting = new LinkedHashMap<>();

    /**
     * Takes a place in every budget for an attempt starting now, if all have room.
     *
     * @param budgets the monitor's budgets
     * @param now     the time
     * @return true when the attempt may start; false leaves every ledger as it was
     */
    boolean tryTake(List<BudgetLimits> budgets, long now) {
        for (BudgetLimits limits : budgets) {
            if (!ledger(limits).hasRoom(now)) {
                return false;
            }
        }
        for (BudgetLimits limits : budgets) {
            ledger(limits).take(now);
        }
        return true;
    }

    /** Gives back the places an attempt took. */
    void give(List<BudgetLimits> budgets) {
        for (BudgetLimits limits : budgets) {
            BudgetLedger ledger = ledgers.get(limits.name());
            if (ledger != null) {
                ledger.give();
            }
        }
    }

    /** Queues an attempt that found no room; a later one for the same monitor replaces it. */
    void hold(Waiter waiter) {
        waiting.remove(waiter.handle());
        waiting.put(waiter.handle(), waiter);
    }

    /** The budget a monitor's attempt waits for, or {@code null} when none waits. */
    String heldBy(long handle, long now) {
        Waiter waiter = waiting.get(handle);
        if (waiter == null) {
            return null;
        }
        BudgetLimits full = firstFull(waiter.budgets(), now);
        return full == null ? waiter.budgets().getFirst().name() : full.name();
    }

    /** @return attempts waiting for room */
    int waiting() {
        return waiting.size();
    }

    /**
     * Goes through the waiting attempts in arrival order: drops those no longer current, starts
     * those that now have room, and gives up on those whose wait is over.
     *
     * @param now       the time
     * @param admission what to do with them
     * @return how many were started, dropped or given up on
     */
    int admit(long now, Admission admission) {
        if (waiting.isEmpty()) {
            return 0;
        }
        int moved = 0;
        List<Waiter> started = new ArrayList<>();
        List<Map.Entry<Waiter, BudgetLimits>> givenUp = new ArrayList<>();
        for (Iterator<Waiter> it = waiting.values().iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (!admission.current(waiter)) {
                it.remove();
                moved++;
            } else if (tryTake(waiter.budgets(), now)) {
                it.remove();
                started.add(waiter);
            } else {
                BudgetLimits full = firstFull(waiter.budgets(), now);
                if (full != null && now - waiter.since() >= full.waitNanos()) {
                    it.remove();
                    givenUp.add(Map.entry(waiter, full));
                }
            }
        }
        // acted on after the walk: starting or stepping a monitor may queue another waiter
        started.forEach(admission::start);
        givenUp.forEach(entry -> admission.held(entry.getKey(), entry.getValue()));
        return moved + started.size() + givenUp.size();
    }

    /** The ledger of a budget, created on first use; a reload's new limits replace the old ones. */
    private BudgetLedger ledger(BudgetLimits limits) {
        BudgetLedger ledger = ledgers.get(limits.name());
        if (ledger == null) {
            ledger = new BudgetLedger(limits);
            ledgers.put(limits.name(), ledger);
        } else if (!ledger.limits().equals(limits)) {
            ledger.limits(limits);
        }
        return ledger;
    }

    private BudgetLimits firstFull(List<BudgetLimits> budgets, long now) {
        for (BudgetLimits limits : budgets) {
            if (!ledger(limits).hasRoom(now)) {
                return limits;
            }
        }
        return null;
    }
}
