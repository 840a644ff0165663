package io.cpra.core.engine.pool;

/**
 * What a pool measured over one adaptation window. Immutable.
 *
 * @param windowNanos        the window's length
 * @param arrivals           jobs accepted into the pool's queue during the window
 * @param arrivalScv         squared coefficient of variation of inter-arrival times, estimated
 *                           as the index of dispersion of arrivals per engine tick (1 for Poisson,
 *                           larger for bursts)
 * @param completions        calls that finished (or were abandoned) during the window
 * @param serviceMeanNanos   mean service time of those calls
 * @param serviceScv         squared coefficient of variation of their service times
 *                           (variance / mean²; 1 for exponential, 0 for constant)
 * @param peakInFlight       the most calls in flight at once during the window
 * @param meanWaitNanos      mean time jobs waited in the queue before a worker took them
 */
public record LoadSample(long windowNanos,
                         long arrivals,
                         double arrivalScv,
                         long completions,
                         double serviceMeanNanos,
                         double serviceScv,
                         int peakInFlight,
                         double meanWaitNanos) {

    /**
     * Arrival rate.
     *
     * @return jobs per second
     */
    public double arrivalsPerSecond() {
        return windowNanos <= 0 ? 0 : arrivals * 1e9 / windowNanos;
    }
}
