package io.cpra.core.engine.pool;

/**
 * How many calls a pool should run at once, from what checks are: mostly waiting on the
 * network. Pure: no clock, no threads; driven by hand in tests with synthetic samples.
 *
 * <h2>The model</h2>
 * <p>Two different things make calls take long, and they need opposite answers:
 * <ul>
 *   <li><b>A slow remote</b> (a target answering after seconds, a filtered port waiting for its
 *       timeout) needs <em>more</em> concurrency. By Little's law the calls in flight are the
 *       arrival rate times the time in system, {@code a = λ·W}: 3,000 checks a second that each
 *       wait 2 s need 6,000 calls in flight, and waiting virtual threads cost next to nothing.</li>
 *   <li><b>A saturated local CPU</b> needs <em>less</em>: more calls in flight only queue for the
 *       same carriers, stretch every call, and by Little's law ask for still more concurrency —
 *       the spiral that collapses a box.</li>
 * </ul>
 * So the two signals are kept apart. Demand comes from the schedule, not from what the pool
 * managed to accept: the engine passes the offered load {@code a = Σ λ_d·W_d} over the
 * destinations of the due checks ({@link Demand#offered()}), where {@code λ_d} is what the
 * monitors' intervals ask for. Pressure is measured locally ({@link PressureSample}): the
 * scheduling lag of virtual threads, GC time, heap; never from call durations.
 *
 * <h2>Each window</h2>
 * <pre>
 *   need  = ⌈a + 2·√a⌉ + 1             square-root staffing (β = 2: about 2 % of calls wait),
 *                                       or, without an offered load, Allen–Cunneen from the
 *                                       pool's own arrivals and service times ({@link AllenCunneenLimit})
 *   room  = min(max, inFlight + (freeFds − fdReserve) / fdPerCall,
 *                    inFlight + (freeHeap − heapReserve) / bytesPerCall)
 *   pressed  when lag p99 ≥ lagHigh, or GC share ≥ gcHigh, or heap share ≥ heapHigh
 *   calm     when lag p99 &lt; lagLow, GC share &lt; gcLow and heap share &lt; heapCalm
 *
 *   pressed:  next = ¾ · min(current, peak in flight)               multiplicative decrease
 *   neither:  next = min(current, room)                             hold
 *   calm:     target = min(need, room)
 *             rising: only when the limit was used (peak ≥ current, or jobs waited outside
 *                     the pool), at most to max(4·current, current + 16)
 *             falling: at most a quarter per window
 *   next is clamped to [min, max]
 * </pre>
 * The reasons, and what they guard against: a quick rise (×4 a window) because a slow target
 * must not starve everyone while the limit ramps; a rise only when used, so an estimate
 * inflated by a transient does not open the gates; a decrease on pressure that does not wait
 * for latency to show it; the hold band between lagLow and lagHigh, so the limit does not
 * oscillate around one threshold; room from file descriptors and heap, so a flood of slow
 * targets cannot exhaust the process's descriptors or memory.
 */
public final class ConcurrencyModel {

    /** Why the limit is what it is, for metrics and the summary. */
    public enum Reason {
        /** Calm; the limit follows the demand. */
        DEMAND,
        /** Calm, but the demand needs more than file descriptors allow. */
        FILE_DESCRIPTORS,
        /** Calm, but the demand needs more than the heap allows. */
        MEMORY,
        /** Between calm and pressed: held. */
        HOLD,
        /** Virtual threads waited for a carrier: the CPU is saturated. */
        CPU_PRESSURE,
        /** Garbage collection took too much of the window. */
        GC_PRESSURE,
        /** The heap is nearly full. */
        HEAP_PRESSURE
    }

    /**
     * A decision.
     *
     * @param limit  the limit for the next window
     * @param need   what the demand alone asks for
     * @param room   what resources allow
     * @param reason why
     */
    public record Decision(int limit, int need, int room, Reason reason) {
    }

    /**
     * What the engine knows of the demand beyond the pool's own measurements.
     *
     * @param offered mean calls in flight needed to keep up with the schedule ({@code Σ λ_d·W_d});
     *                NaN when unknown
     * @param waiting jobs that are due and wait outside the pool (in the engine)
     */
    public record Demand(double offered, long waiting) {
        /** Nothing known beyond the pool's own measurements. */
        public static final Demand UNKNOWN = new Demand(Double.NaN, 0);
    }

    /**
     * The thresholds. Immutable.
     *
     * @param lagHighNanos  lag p99 at or above which the CPU counts as saturated
     * @param lagLowNanos   lag p99 below which it counts as calm
     * @param gcHigh        GC share of the window counted as pressure
     * @param gcLow         GC share below which it counts as calm
     * @param heapHigh      heap share counted as pressure
     * @param heapCalm      heap share below which it counts as calm
     * @param fdPerCall     file descriptors one call may hold
     * @param bytesPerCall  heap one call may hold, in bytes
     */
    public record Tuning(long lagHighNanos, long lagLowNanos, double gcHigh, double gcLow, double heapHigh,
                         double heapCalm, int fdPerCall, long bytesPerCall) {

        /** 20 ms / 5 ms of lag, 25 % / 10 % GC, 90 % / 80 % heap, one descriptor and 64 KiB per call. */
        public static final Tuning DEFAULTS = new Tuning(20_000_000L, 5_000_000L, 0.25, 0.10, 0.90, 0.80, 1, 64 << 10);

        /** Checks the ranges. */
        public Tuning {
            if (lagLowNanos <= 0 || lagHighNanos < lagLowNanos || gcLow < 0 || gcHigh < gcLow || heapCalm <= 0
                    || heapHigh < heapCalm || heapHigh > 1 || fdPerCall < 1 || bytesPerCall < 1) {
                throw new IllegalArgumentException("tuning out of range: " + this);
            }
        }
    }

    private final int min;
    private final int max;
    private final AllenCunneenLimit fallback;
    private final Tuning tuning;

    /**
     * Creates the model.
     *
     * @param min             the lowest limit, at least 1
     * @param max             the highest limit, at least {@code min}
     * @param targetWaitNanos the mean queueing wait Allen–Cunneen aims for when no offered load is known
     * @param tuning          the thresholds
     */
    public ConcurrencyModel(int min, int max, long targetWaitNanos, Tuning tuning) {
        this.fallback = new AllenCunneenLimit(min, max, targetWaitNanos);
        this.min = min;
        this.max = max;
        this.tuning = tuning;
    }

    /**
     * The limit for the next window.
     *
     * @param current  the limit in force during the window
     * @param inFlight calls running now
     * @param load     what the pool measured over the window
     * @param demand   what the engine knows of the demand
     * @param pressure local pressure over the window
     * @return the decision
     */
    public Decision next(int current, int inFlight, LoadSample load, Demand demand, PressureSample pressure) {
        int need = need(load, demand);
        int room = room(inFlight, pressure);
        Reason pressed = pressed(pressure);
        int next;
        Reason reason;
        if (pressed != null) {
            int used = Math.min(current, Math.max(1, load.peakInFlight()));
            next = (int) ((long) used * 3 / 4);
            reason = pressed;
        } else if (!calm(pressure)) {
            next = Math.min(current, room);
            reason = Reason.HOLD;
        } else {
            int target = Math.min(need, room);
            reason = need <= room ? Reason.DEMAND : roomReason(inFlight, pressure);
            if (target > current) {
                boolean used = load.peakInFlight() >= current || demand.waiting() > 0;
                long ceiling = Math.max(4L * current, current + 16L);
                next = used ? (int) Math.min(target, ceiling) : current;
            } else {
                next = Math.max(target, current - Math.max(1, current / 4));
            }
        }
        return new Decision(Math.clamp(next, min, max), need, room, reason);
    }

    /** Calls in flight the demand alone needs. */
    int need(LoadSample load, Demand demand) {
        double offered = demand.offered();
        if (Double.isNaN(offered)) {
            return fallback.required(load);
        }
        if (offered <= 0) {
            return min;
        }
        double staffed = Math.ceil(offered + 2 * Math.sqrt(offered)) + 1;
        return staffed >= max ? max : Math.max(min, (int) staffed);
    }

    /** Calls in flight the process's file descriptors and heap allow. */
    int room(int inFlight, PressureSample pressure) {
        return (int) Math.max(min, Math.min(max, Math.min(byFds(inFlight, pressure), byHeap(inFlight, pressure))));
    }

    private long byFds(int inFlight, PressureSample pressure) {
        long free = pressure.freeFds();
        if (free == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long reserve = Math.max(64, pressure.maxFds() / 10);
        return inFlight + Math.max(0, free - reserve) / tuning.fdPerCall();
    }

    private long byHeap(int inFlight, PressureSample pressure) {
        if (pressure.heapMax() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long reserve = (long) (pressure.heapMax() * (1 - tuning.heapCalm()));
        return inFlight + Math.max(0, pressure.freeHeap() - reserve) / tuning.bytesPerCall();
    }

    private Reason roomReason(int inFlight, PressureSample pressure) {
        return byFds(inFlight, pressure) <= byHeap(inFlight, pressure) ? Reason.FILE_DESCRIPTORS : Reason.MEMORY;
    }

    private Reason pressed(PressureSample pressure) {
        if (pressure.lagP99Nanos() >= tuning.lagHighNanos()) {
            return Reason.CPU_PRESSURE;
        }
        if (pressure.gcShare() >= tuning.gcHigh()) {
            return Reason.GC_PRESSURE;
        }
        if (pressure.heapShare() >= tuning.heapHigh()) {
            return Reason.HEAP_PRESSURE;
        }
        return null;
    }

    private boolean calm(PressureSample pressure) {
        return pressure.lagP99Nanos() < tuning.lagLowNanos() && pressure.gcShare() < tuning.gcLow()
                && pressure.heapShare() < tuning.heapCalm();
    }
}
