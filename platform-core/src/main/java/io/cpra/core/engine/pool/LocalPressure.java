package io.cpra.core.engine.pool;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Measures local pressure for every pool of the process: the scheduling lag of virtual threads,
 * CPU and GC time, file descriptors and heap. One per process; its own daemon thread starts a
 * tiny probe on a virtual thread every {@link #PROBE_EVERY_NANOS} and notes how long the probe
 * waited for a carrier, and closes a {@link PressureSample} every window. Thread-safe: any
 * thread reads {@link #latest()}.
 *
 * <p>Why lag: checks spend their time waiting on the network, and any number of virtual
 * threads can wait at no cost; what runs out on a busy box is the carriers' CPU, and the first
 * sign of it is ready threads waiting for a carrier. A slow target adds waiting threads, not
 * lag; a saturated CPU (ours, or another process's on the same box) adds lag at once.
 */
public final class LocalPressure implements AutoCloseable {

    /** How often a lag probe starts. */
    static final long PROBE_EVERY_NANOS = 5_000_000L;

    /** The host's meters, read once per window; replaced in tests. */
    public interface Meters {
        /** CPU time this process used since start, in nanoseconds; -1 when unknown. */
        long processCpuNanos();

        /** Time spent in garbage collection since start, in nanoseconds. */
        long gcNanos();

        /** Open file descriptors; -1 when unknown. */
        long openFds();

        /** The limit of open file descriptors; -1 when unknown. */
        long maxFds();

        /** Heap in use, in bytes. */
        long heapUsed();

        /** The largest heap, in bytes. */
        long heapMax();

        /** Processors available. */
        int processors();
    }

    private final Meters meters;
    private final LongSupplier clock;
    private final long windowNanos;
    private final LatenessHistogram lag = new LatenessHistogram();
    private volatile PressureSample latest = PressureSample.CALM;
    private volatile boolean running = true;
    private Thread thread;

    // the current window, touched by the sampling thread only
    private long windowStart;
    private long cpuAtStart;
    private long gcAtStart;
    private LatenessHistogram.Snapshot lagAtStart;

    private LocalPressure(Meters meters, LongSupplier clock, long windowNanos) {
        this.meters = meters;
        this.clock = clock;
        this.windowNanos = windowNanos;
        this.windowStart = clock.getAsLong();
        this.cpuAtStart = meters.processCpuNanos();
        this.gcAtStart = meters.gcNanos();
        this.lagAtStart = lag.snapshot();
    }

    /**
     * Starts measuring this JVM with its management beans.
     *
     * @param windowNanos how long each sample covers
     * @return the running gauge
     */
    public static LocalPressure start(long windowNanos) {
        LocalPressure pressure = new LocalPressure(jvm(), System::nanoTime, windowNanos);
        pressure.thread = Thread.ofPlatform().daemon().name("cpra-pressure").start(pressure::run);
        return pressure;
    }

    /**
     * A gauge driven by hand, for tests: nothing runs until {@link #probeLag} and
     * {@link #closeWindow} are called.
     *
     * @param meters the meters to read
     * @param clock  the clock
     * @return the gauge
     */
    static LocalPressure manual(Meters meters, LongSupplier clock) {
        return new LocalPressure(meters, clock, Long.MAX_VALUE);
    }

    /**
     * The last closed window's sample.
     *
     * @return the sample; {@link PressureSample#CALM} before the first window closes
     */
    public PressureSample latest() {
        return latest;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(PROBE_EVERY_NANOS);
            long asked = clock.getAsLong();
            Thread.ofVirtual().name("cpra-lag-probe").start(() -> probeLag(clock.getAsLong() - asked));
            if (clock.getAsLong() - windowStart >= windowNanos) {
                closeWindow();
            }
        }
    }

    /** Records one probe's wait for a carrier. */
    void probeLag(long nanos) {
        lag.record(Math.max(0, nanos));
    }

    /** Ends the current window and publishes its sample. */
    void closeWindow() {
        long now = clock.getAsLong();
        long window = Math.max(1, now - windowStart);
        long cpu = meters.processCpuNanos();
        long gc = meters.gcNanos();
        LatenessHistogram.Snapshot lags = lag.snapshot();
        LatenessHistogram.Snapshot inWindow = lags.since(lagAtStart);
        double cpuShare = cpu < 0 || cpuAtStart < 0 ? 0
                : Math.clamp((double) (cpu - cpuAtStart) / ((double) window * Math.max(1, meters.processors())), 0, 1);
        double gcShare = Math.clamp((double) (gc - gcAtStart) / window, 0, 1);
        latest = new PressureSample(window, inWindow.percentile(0.99), inWindow.max(), cpuShare, gcShare,
                meters.openFds(), meters.maxFds(), meters.heapUsed(), meters.heapMax());
        windowStart = now;
        cpuAtStart = cpu;
        gcAtStart = gc;
        lagAtStart = lags;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** This JVM's meters, through the platform's management beans. */
    static Meters jvm() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new Meters() {
            @Override
            public long processCpuNanos() {
                return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
            }

            @Override
            public long gcNanos() {
                long millis = 0;
                for (GarbageCollectorMXBean collector : collectors) {
                    millis += Math.max(0, collector.getCollectionTime());
                }
                return millis * 1_000_000L;
            }

            @Override
            public long openFds() {
                return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        ? unix.getOpenFileDescriptorCount() : -1;
            }

            @Override
            public long maxFds() {
                return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                        ? unix.getMaxFileDescriptorCount() : -1;
            }

            @Override
            public long heapUsed() {
                return memory.getHeapMemoryUsage().getUsed();
            }

            @Override
            public long heapMax() {
                MemoryUsage heap = memory.getHeapMemoryUsage();
                return heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
            }

            @Override
            public int processors() {
                return Runtime.getRuntime().availableProcessors();
            }
        };
    }
}
