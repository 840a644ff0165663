package io.cpra.core.engine.pool;

/**
 * How hard this process and its host were pressed over one window, measured locally — never
 * inferred from how long plugin calls took, since a slow remote answer is not local congestion.
 * Immutable.
 *
 * @param windowNanos the window's length
 * @param lagP99Nanos 99th percentile of the scheduling lag of virtual threads: how long a
 *                    virtual thread that was ready to run waited for a carrier. It stays near
 *                    zero however many calls wait on the network, and grows only when the
 *                    carriers (the CPU) are busy — the direct measure of local CPU pressure
 * @param lagMaxNanos the largest lag seen
 * @param cpuShare    this process's CPU time over the window divided by the window times the
 *                    processors, 0 to 1
 * @param gcShare     share of the window spent in garbage collection pauses, 0 to 1
 * @param openFds     file descriptors open at the end of the window; -1 when unknown
 * @param maxFds      the process's limit of open file descriptors; -1 when unknown
 * @param heapUsed    heap in use at the end of the window, in bytes
 * @param heapMax     the most heap the JVM may use, in bytes
 */
public record PressureSample(long windowNanos,
                             long lagP99Nanos,
                             long lagMaxNanos,
                             double cpuShare,
                             double gcShare,
                             long openFds,
                             long maxFds,
                             long heapUsed,
                             long heapMax) {

    /** No pressure and no resource limit known: what a pool assumes before the first window. */
    public static final PressureSample CALM = new PressureSample(1, 0, 0, 0, 0, -1, -1, 0, Long.MAX_VALUE);

    /**
     * File descriptors still free under the limit.
     *
     * @return free descriptors, or {@link Long#MAX_VALUE} when unknown
     */
    public long freeFds() {
        return openFds < 0 || maxFds < 0 ? Long.MAX_VALUE : Math.max(0, maxFds - openFds);
    }

    /**
     * Heap still free.
     *
     * @return bytes
     */
    public long freeHeap() {
        return Math.max(0, heapMax - heapUsed);
    }

    /**
     * Share of the heap in use.
     *
     * @return 0 to 1
     */
    public double heapShare() {
        return heapMax <= 0 || heapMax == Long.MAX_VALUE ? 0 : (double) heapUsed / heapMax;
    }
}
