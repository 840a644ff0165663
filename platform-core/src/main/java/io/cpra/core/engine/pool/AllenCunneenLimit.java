package io.cpra.core.engine.pool;

/**
 * The concurrency limit a pool needs so that jobs wait no longer than a target, from the
 * measured arrival rate and service-time distribution. Pure: no clock, no threads.
 *
 * <p>With arrival rate λ and mean service time E[S], the offered load is a = λ·E[S]
 * (Little's law: the mean number of calls in flight). For c parallel servers, the M/M/c mean
 * wait in queue is Erlang C:
 * <pre>
 *   Wq(M/M/c) = C(c, a) / (c·μ − λ),  μ = 1/E[S]
 * </pre>
 * and the Allen–Cunneen approximation carries it to general arrivals and service times:
 * <pre>
 *   Wq(G/G/c) ≈ Wq(M/M/c) · (ca² + cs²) / 2
 * </pre>
 * where ca² and cs² are the squared coefficients of variation of inter-arrival and service
 * times. The limit is the smallest c > a whose Wq is within the target, clamped to the
 * configured bounds. C(c, a) comes from the Erlang B recursion, which stays numerically stable
 * for thousands of servers.
 *
 * <p>Two guards keep the limit calm: it rises at most to twice its current value per window,
 * and never while the current limit was not fully used (peak in-flight below it), so a
 * transient estimate cannot inflate it; it falls at most by a quarter per window.
 */
public final class AllenCunneenLimit {

    private final int min;
    private final int max;
    private final double targetWaitNanos;

    /**
     * Creates the algorithm.
     *
     * @param min             the lowest limit, at least 1
     * @param max             the highest limit, at least {@code min}
     * @param targetWaitNanos the mean queueing wait to stay within, positive
     */
    public AllenCunneenLimit(int min, int max, long targetWaitNanos) {
        if (min < 1 || max < min || targetWaitNanos <= 0) {
            throw new IllegalArgumentException("need 1 <= min <= max and a positive target; got min=" + min
                    + " max=" + max + " target=" + targetWaitNanos + "ns");
        }
        this.min = min;
        this.max = max;
        this.targetWaitNanos = targetWaitNanos;
    }

    /**
     * The next limit.
     *
     * @param current the limit in force during the sample's window
     * @param sample  what the window measured
     * @return the limit for the next window, within [min, max]
     */
    public int next(int current, LoadSample sample) {
        int wanted = required(sample);
        int next;
        if (wanted > current) {
            boolean used = sample.peakInFlight() >= current;
            next = used ? Math.min(wanted, saturatedDouble(current)) : current;
        } else {
            next = Math.max(wanted, current - Math.max(1, current / 4));
        }
        return Math.clamp(next, min, max);
    }

    /**
     * The smallest c meeting the target for the sample's load, ignoring the guards.
     *
     * @param sample the measured load
     * @return c, within [min, max]
     */
    public int required(LoadSample sample) {
        double lambda = sample.arrivalsPerSecond() / 1e9;        // per nanosecond
        double service = sample.serviceMeanNanos();
        if (lambda <= 0 || service <= 0 || sample.completions() == 0) {
            return min;
        }
        double load = lambda * service;                          // a, in Erlangs
        double variability = Math.max(0, sample.arrivalScv() + sample.serviceScv()) / 2;
        int low = Math.max(min, (int) Math.floor(load) + 1);
        if (low >= max) {
            return max;
        }
        // Wq falls as c grows: gallop up to a c that meets the target, then bisect for the smallest
        int step = 1;
        int high = low;
        while (!meets(high, load, lambda, service, variability)) {
            low = high + 1;
            if (high >= max) {
                return max;
            }
            high = (int) Math.min(max, (long) high + step);
            step *= 2;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (meets(mid, load, lambda, service, variability)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return high;
    }

    private boolean meets(int c, double load, double lambda, double service, double variability) {
        return waitNanos(c, load, lambda, service) * variability <= targetWaitNanos;
    }

    /** Erlang C mean wait for c servers at load a; requires c > a. */
    static double waitNanos(int c, double load, double lambda, double service) {
        double erlangC = erlangC(c, load);
        double mu = 1 / service;
        return erlangC / (c * mu - lambda);
    }

    /** Probability of waiting in M/M/c, via the Erlang B recursion. */
    static double erlangC(int c, double load) {
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = load * b / (k + load * b);
        }
        double rho = load / c;
        return b / (1 - rho + rho * b);
    }

    private static int saturatedDouble(int value) {
        return value > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : value * 2;
    }
}
