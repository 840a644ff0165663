package io.cpra.bench.manifest;

import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.ManifestResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures load + validate of generated manifests: wall time and peak heap, for the budget
 * "load + validate a 1M-monitor manifest in at most 10 s" (DESIGN, Performance budgets). The
 * consumer drops every definition, so the heap figures are the reader's own: "peak heap used" sums
 * the pools' peaks (garbage included, so it mostly shows the heap size the collector chose),
 * "most heap live after a GC" bounds the working set (non-heap and metaspace are not counted).
 *
 * <p>Run, after {@code mvn -pl benchmarks/jmh -am package -DskipTests}:
 * <pre>
 * java -Xmx4g -cp benchmarks/jmh/target/benchmarks.jar io.cpra.bench.manifest.ManifestLoadMain 100000 1000000
 * </pre>
 * Arguments: monitor counts (default 100000 1000000), then optionally {@code --runs N} (default 3)
 * and {@code --inline} to parse on the caller's thread instead of the pipeline. Files are
 * generated once into the temporary directory and reused.
 */
public final class ManifestLoadMain {

    /** The largest heap occupancy right after a collection since the last reset: a bound of the live set. */
    private static final java.util.concurrent.atomic.AtomicLong AFTER_GC = new java.util.concurrent.atomic.AtomicLong();

    private ManifestLoadMain() {
    }

    private static void watchCollections() {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(
                            com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    long used = 0;
                    for (java.lang.management.MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        used += usage.getUsed();
                    }
                    AFTER_GC.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    /**
     * Runs the measurement.
     *
     * @param args counts and options
     * @throws IOException when a manifest cannot be generated
     */
    public static void main(String[] args) throws IOException {
        java.util.List<Integer> counts = new java.util.ArrayList<>();
        int runs = 3;
        boolean pipelined = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--inline" -> pipelined = false;
                default -> counts.add(Integer.parseInt(args[i].replace("_", "")));
            }
        }
        if (counts.isEmpty()) {
            counts = java.util.List.of(100_000, 1_000_000);
        }
        watchCollections();
        ManifestReader reader = ManifestReader.builder(FakeCatalog.create()).pipelined(pipelined).build();
        System.out.printf("cpus %d, max heap %d MiB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, pipelined ? "pipelined" : "inline");
        for (int count : counts) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "cpra-manifest-" + count + ".yaml");
            if (!Files.exists(file)) {
                ManifestGenerator.write(count, file);
            }
            long bytes = Files.size(file);
            for (int run = 1; run <= runs; run++) {
                System.gc();
                resetPeaks();
                AFTER_GC.set(0);
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                ManifestResult result = reader.read(file, monitor -> { });
                long nanos = System.nanoTime() - start;
                long cpu = processCpuNanos() - cpuStart;
                if (!result.ok()) {
                    System.out.println(result.describe());
                    System.exit(1);
                }
                System.out.printf("%,d monitors (%,d MB): run %d: %,d ms wall, %,d ms cpu (all threads, GC and JIT"
                                + " included), %,.0f monitors/s, %.1f MB/s, peak heap used %,d MiB, most heap"
                                + " live after a GC %,d MiB%n",
                        result.monitors(), bytes / 1_000_000, run, nanos / 1_000_000, cpu / 1_000_000,
                        result.monitors() / (nanos / 1e9), bytes / 1e6 / (nanos / 1e9), peakHeap() >> 20,
                        AFTER_GC.getAndSet(0) >> 20);
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper bound of the true peak, since pools peak at different times. */
    private static long peakHeap() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}
