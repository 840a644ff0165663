package io.cpra.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The destinations ({@code host:port}) of pulse checks, what each asks of the pulse pool, and
 * a fair share of the pool for each when the pool cannot give everyone what they ask. Engine
 * thread only.
 *
 * <h2>Demand</h2>
 * <p>Each scheduled monitor asks its destination for {@code 1/interval} checks a second; the
 * sum {@code λ_d} is kept as monitors are scheduled and unscheduled — from the schedule, not
 * from what ran, so a pool that falls behind cannot make the demand look smaller. Each check
 * that comes back adds to the destination's service time {@code W_d} (start to end, timeouts
 * included); before the first comes back, the monitors' timeouts stand in for it. A
 * destination's offered load is {@code a_d = λ_d · W_d}, the calls it keeps in flight when
 * everything keeps up (Little's law); their sum is what the pool's limit is sized for
 * ({@link io.cpra.core.engine.pool.ConcurrencyModel}).
 *
 * <h2>Fair shares</h2>
 * <p>While the pool's limit {@code L} covers the staffed need of the total load, nobody is
 * limited here. When it does not — while the limit ramps up, or local pressure or file
 * descriptors hold it down — a destination with a load of a call or more in flight
 * ("heavy": a slow target, a port that swallows connections) gets a share of {@code L} by
 * max-min fairness over the heavy loads, after a reserve for all light destinations together.
 * So 3,000 monitors of a target that answers in 5 s cannot take the calls that 1,000 quick
 * checks of other hosts need: those run, and the slow target's checks beyond its share wait
 * here, the monitors that missed their last turn first, until a call of that destination ends
 * or their slot has passed (then the slot is skipped and counted). Checks without a
 * destination are never held here.
 */
final class Destinations {

    /** The id of "no destination": such checks are only limited by the pool. */
    static final int NONE = 0;
    /** A destination keeping at least this many calls in flight on average is heavy. */
    private static final double HEAVY = 1.0;

    /** Jobs of one destination waiting for its share: the monitors that missed their last turn first. */
    private static final class Parking {
        final ArrayDeque<PulseJob> starved = new ArrayDeque<>();
        final ArrayDeque<PulseJob> fresh = new ArrayDeque<>();

        boolean isEmpty() {
            return starved.isEmpty() && fresh.isEmpty();
        }

        PulseJob poll() {
            return starved.isEmpty() ? fresh.poll() : starved.poll();
        }
    }

    // per destination, in plain arrays grown by doubling: a million destinations cost a few
    // dozen bytes each, and nothing per check
    private final Map<String, Integer> ids = new HashMap<>();
    private int count = 1;
    private String[] names = new String[16];
    private double[] demand = new double[16];
    private double[] priorWork = new double[16];
    private int[] inFlight = new int[16];
    private int[] cap = new int[16];
    private int[] completions = new int[16];
    private double[] serviceNanos = new double[16];
    private float[] meanService = new float[16];
    private double[] load = new double[16];
    /** Destinations with jobs waiting for their share. */
    private final Map<Integer, Parking> parked = new HashMap<>();
    private int parkedJobs;
    private boolean scarce;

    /** Rows whose demand is counted in their destination's. */
    private final BitSet counted = new BitSet();
    /** Rows whose last slot was skipped while they waited for their destination's share. */
    private final BitSet starvedRows = new BitSet();

    Destinations() {
        names[NONE] = "";
        Arrays.fill(cap, Integer.MAX_VALUE);
    }

    // ---- rows ------------------------------------------------------------------------------

    /** The id of a destination, numbering it if it is new; {@link #NONE} for the empty string. */
    int idOf(String destination) {
        return intern(destination);
    }

    /** The row is scheduled: it asks destination {@code d} for {@code perSecond} checks. Idempotent. */
    void count(int row, int d, double perSecond, long timeoutNanos) {
        if (!counted.get(row)) {
            counted.set(row);
            demand[d] += perSecond;
            priorWork[d] += perSecond * timeoutNanos;
        }
    }

    /** The row is no longer scheduled (paused, disabled, in maintenance, removed, changed). Idempotent. */
    void uncount(int row, int d, double perSecond, long timeoutNanos) {
        if (counted.get(row)) {
            counted.clear(row);
            demand[d] = Math.max(0, demand[d] - perSecond);
            priorWork[d] = Math.max(0, priorWork[d] - perSecond * timeoutNanos);
        }
        starvedRows.clear(row);
    }

    // ---- admission -------------------------------------------------------------------------

    /**
     * Admits a job within its destination's share, or parks it until the destination has room.
     *
     * @return true when admitted: the caller offers it to the pool
     */
    boolean admit(PulseJob job, int row) {
        int d = job.destination;
        if (d == NONE || inFlight[d] < cap[d]) {
            inFlight[d]++;
            starvedRows.clear(row);
            return true;
        }
        Parking parking = parked.computeIfAbsent(d, k -> new Parking());
        (starvedRows.get(row) ? parking.starved : parking.fresh).add(job);
        parkedJobs++;
        return false;
    }

    /** An admitted job came back (or was dropped before it ran: {@code ran} false). */
    void returned(PulseJob job, boolean ran) {
        int d = job.destination;
        inFlight[d] = Math.max(0, inFlight[d] - 1);
        if (ran) {
            completions[d]++;
            serviceNanos[d] += job.finishedNanos() - job.startedNanos();
        }
    }

    /** Jobs of destinations now within their share, starved monitors first, up to {@code room}. */
    int admitParked(Admitted into, int room) {
        if (parked.isEmpty()) {
            return 0;
        }
        int moved = 0;
        for (var i = parked.entrySet().iterator(); i.hasNext() && moved < room; ) {
            var entry = i.next();
            int d = entry.getKey();
            Parking parking = entry.getValue();
            while (moved < room && inFlight[d] < cap[d] && !parking.isEmpty()) {
                PulseJob job = parking.poll();
                parkedJobs--;
                inFlight[d]++;
                moved++;
                into.admitted(job);
            }
            if (parking.isEmpty()) {
                i.remove();
            }
        }
        return moved;
    }

    /** Gives up parked jobs whose slot has passed; the sink says which are late and takes them. */
    int expire(long now, Expired sink) {
        if (parked.isEmpty()) {
            return 0;
        }
        int expired = 0;
        for (var i = parked.values().iterator(); i.hasNext(); ) {
            Parking parking = i.next();
            expired += expire(parking.starved, now, sink);
            expired += expire(parking.fresh, now, sink);
            if (parking.isEmpty()) {
                i.remove();
            }
        }
        return expired;
    }

    private int expire(ArrayDeque<PulseJob> queue, long now, Expired sink) {
        int expired = 0;
        // jobs are parked in due order, so the late ones are at the head; a job of a longer
        // interval there may hide a late one behind it until it goes itself
        while (!queue.isEmpty() && sink.late(queue.peek(), now)) {
            PulseJob job = queue.poll();
            parkedJobs--;
            expired++;
            sink.expired(job);
        }
        return expired;
    }

    /** The row missed its slot waiting here: it goes first next time. */
    void starved(int row) {
        starvedRows.set(row);
    }

    /** Drops parked jobs the predicate rejects (their monitor was removed or held), handing them to the sink. */
    void dropParked(Expired sink, java.util.function.Predicate<PulseJob> keep) {
        for (var i = parked.values().iterator(); i.hasNext(); ) {
            Parking parking = i.next();
            for (ArrayDeque<PulseJob> queue : List.of(parking.starved, parking.fresh)) {
                int before = queue.size();
                queue.removeIf(job -> {
                    if (keep.test(job)) {
                        return false;
                    }
                    sink.expired(job);
                    return true;
                });
                parkedJobs -= before - queue.size();
            }
            if (parking.isEmpty()) {
                i.remove();
            }
        }
    }

    /** Jobs waiting for their destination's share. */
    int parkedJobs() {
        return parkedJobs;
    }

    /** The earliest due time among parked jobs, or {@code fallback} when none is earlier. */
    long oldestParkedDue(long fallback) {
        long oldest = fallback;
        for (Parking parking : parked.values()) {
            for (PulseJob head : new PulseJob[] {parking.starved.peek(), parking.fresh.peek()}) {
                if (head != null && head.dueNanos() - oldest < 0) {
                    oldest = head.dueNanos();
                }
            }
        }
        return oldest;
    }

    boolean scarce() {
        return scarce;
    }

    // ---- shares ------------------------------------------------------------------------------

    /**
     * Closes a window: updates each destination's service time and sets the shares for the
     * pool's current limit.
     *
     * @param limit the pool's concurrency limit now
     * @return the total offered load {@code Σ λ_d·W_d}, in calls in flight
     */
    double adapt(int limit) {
        double total = 0;
        double light = 0;
        List<Integer> heavy = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            if (completions[d] > 0) {
                meanService[d] = (float) (serviceNanos[d] / completions[d]);
            } else if (meanService[d] == 0 && demand[d] > 0) {
                meanService[d] = (float) (priorWork[d] / demand[d]);  // the timeouts, until a check comes back
            }
            completions[d] = 0;
            serviceNanos[d] = 0;
            load[d] = demand[d] * meanService[d] / 1e9;
            total += load[d];
            if (d == NONE || load[d] < HEAVY) {
                light += load[d];
            } else {
                heavy.add(d);
            }
        }
        boolean wasScarce = scarce;
        double staffed = Math.ceil(total + 2 * Math.sqrt(total)) + 1;
        scarce = staffed > limit && !heavy.isEmpty();
        if (!scarce) {
            if (wasScarce) {
                Arrays.fill(cap, 0, count, Integer.MAX_VALUE);
            }
            return total;
        }
        Arrays.fill(cap, 0, count, Integer.MAX_VALUE);
        long reserve = Math.max(0, Math.min(limit - heavy.size(), (long) Math.ceil(light + 2 * Math.sqrt(light)) + 1));
        long left = Math.max(heavy.size(), limit - reserve);
        // max-min fairness: the lightest heavy loads get what they ask, the rest split what is left
        heavy.sort((a, b) -> Double.compare(load[a], load[b]));
        for (int i = 0; i < heavy.size(); i++) {
            int d = heavy.get(i);
            long fair = left / (heavy.size() - i);
            long asked = (long) Math.ceil(load[d] + 2 * Math.sqrt(load[d])) + 1;
            int share = (int) Math.max(1, Math.min(asked, fair));
            cap[d] = share;
            left -= share;
        }
        return total;
    }

    /** The destination's share now, or {@link Integer#MAX_VALUE} when it is not limited. */
    int cap(int d) {
        return cap[d];
    }

    int inFlight(int d) {
        return inFlight[d];
    }

    String name(int d) {
        return names[d];
    }

    int size() {
        return count;
    }

    // ---- inside ------------------------------------------------------------------------------

    private int intern(String destination) {
        if (destination.isEmpty()) {
            return NONE;
        }
        Integer id = ids.get(destination);
        if (id != null) {
            return id;
        }
        int d = count++;
        if (d == names.length) {
            int size = names.length * 2;
            names = Arrays.copyOf(names, size);
            demand = Arrays.copyOf(demand, size);
            priorWork = Arrays.copyOf(priorWork, size);
            inFlight = Arrays.copyOf(inFlight, size);
            cap = Arrays.copyOf(cap, size);
            Arrays.fill(cap, d, size, Integer.MAX_VALUE);
            completions = Arrays.copyOf(completions, size);
            serviceNanos = Arrays.copyOf(serviceNanos, size);
            meanService = Arrays.copyOf(meanService, size);
            load = Arrays.copyOf(load, size);
        }
        ids.put(destination, d);
        names[d] = destination;
        return d;
    }

    /** Receives a job admitted from the parked ones. */
    interface Admitted {
        void admitted(PulseJob job);
    }

    /** Decides whether a parked job's slot has passed, and takes the jobs given up. */
    interface Expired {
        boolean late(PulseJob job, long now);

        void expired(PulseJob job);
    }
}
