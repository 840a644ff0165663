package io.cpra.core.engine.budget;

/**
 * The accounting of one intervention budget: attempts running now and the start times of the
 * last {@code max} attempts, so that neither limit is ever exceeded. Pure: time comes in as an
 * argument (nanoseconds of any origin, compared by difference), nothing here waits or schedules.
 *
 * <p>Invariants, after every call: {@link #running()} &le; {@code concurrent} (when set) and, for
 * every instant t, the starts in {@code (t - per, t]} number at most {@code max} (when set).
 *
 * <p>Not thread-safe; the engine thread owns it.
 */
public final class BudgetLedger {

    private BudgetLimits limits;
    private int running;
    /** Start times of the last {@code max} starts, a ring; {@code starts} of them are valid. */
    private long[] startedAt;
    private int next;
    private int starts;

    /**
     * A ledger with nothing running.
     *
     * @param limits the budget's limits
     */
    public BudgetLedger(BudgetLimits limits) {
        this.limits = limits;
        this.startedAt = new long[Math.max(1, limits.max())];
    }

    /** @return the limits in force */
    public BudgetLimits limits() {
        return limits;
    }

    /**
     * Changes the limits (a reload); what runs keeps running, and the starts already counted count
     * against the new window as far as they are remembered.
     *
     * @param changed the new limits
     */
    public void limits(BudgetLimits changed) {
        if (changed.max() != limits.max()) {
            long[] kept = new long[Math.max(1, changed.max())];
            int keep = Math.min(starts, kept.length);
            for (int i = 0; i < keep; i++) {
                // newest first from the old ring into the new one's newest slots
                kept[(keep - 1 - i) % kept.length] = startedAt[Math.floorMod(next - 1 - i, startedAt.length)];
            }
            startedAt = kept;
            starts = keep;
            next = keep % kept.length;
        }
        limits = changed;
    }

    /** @return attempts taken and not yet given back */
    public int running() {
        return running;
    }

    /**
     * Whether an attempt may start now.
     *
     * @param now the time
     * @return true when neither limit would be exceeded by one more start
     */
    public boolean hasRoom(long now) {
        if (limits.concurrent() > 0 && running >= limits.concurrent()) {
            return false;
        }
        return limits.max() == 0 || starts < limits.max() || now - oldest() >= limits.perNanos();
    }

    /**
     * Counts a start; call only after {@link #hasRoom} said yes at the same {@code now}.
     *
     * @param now the time of the start
     * @throws IllegalStateException when there is no room: the caller broke the contract
     */
    public void take(long now) {
        if (!hasRoom(now)) {
            throw new IllegalStateException("budget " + limits.name() + " has no room");
        }
        running++;
        if (limits.max() > 0) {
            startedAt[next] = now;
            next = (next + 1) % startedAt.length;
            starts = Math.min(starts + 1, startedAt.length);
        }
    }

    /** Gives back a running attempt's place; never below zero. */
    public void give() {
        if (running > 0) {
            running--;
        }
    }

    /**
     * Starts counted within the window ending at {@code now}.
     *
     * @param now the time
     * @return how many of the remembered starts are younger than the window
     */
    public int startedWithin(long now) {
        int count = 0;
        for (int i = 0; i < starts; i++) {
            if (now - startedAt[Math.floorMod(next - 1 - i, startedAt.length)] < limits.perNanos()) {
                count++;
            }
        }
        return count;
    }

    private long oldest() {
        return startedAt[Math.floorMod(next - starts, startedAt.length)];
    }
}
