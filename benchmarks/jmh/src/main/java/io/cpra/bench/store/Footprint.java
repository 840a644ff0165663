package io.cpra.bench.store;

import io.cpra.core.engine.schedule.TimingWheel;
import io.cpra.core.engine.store.EntityStore;
import java.lang.ref.Reference;

/**
 * Approximate heap bytes per monitor of the entity store and the timing wheel at
 * {@code rows} monitors (default 1,000,000): used heap after repeated {@link System#gc()}
 * before and after loading, divided by the rows. Names and specs are shared objects so that
 * only the structures are counted; a monitor's own name, spec and prepared check come on top.
 *
 * <p>Run: {@code java -cp benchmarks/jmh/target/benchmarks.jar -Xmx2g io.cpra.bench.store.Footprint [rows]}
 */
public final class Footprint {

    private Footprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long[] handles = new long[rows];
        String name = "shared-name";
        Object spec = new Object();
        long start = System.nanoTime();
        long interval = 10_000_000_000L;

        long empty = usedHeap();
        EntityStore<Object, Object> store = EntityStore.create();
        store.addAll(rows, (i, row) -> {
            store.name().set(row, name);
            store.check().set(row, spec);
            store.spec().set(row, spec);
        }, handles, 0);
        long withStore = usedHeap();
        TimingWheel wheel = TimingWheel.create(start);
        for (int row = 0; row < rows; row++) {
            wheel.schedule(row, start + (row * 7_919L) % interval);
        }
        long withWheel = usedHeap();

        System.out.printf("rows:                 %,d%n", rows);
        System.out.printf("store bytes/monitor:  %.1f%n", (withStore - empty) / (double) rows);
        System.out.printf("wheel bytes/monitor:  %.1f%n", (withWheel - withStore) / (double) rows);
        System.out.printf("total bytes/monitor:  %.1f%n", (withWheel - empty) / (double) rows);
        Reference.reachabilityFence(store);
        Reference.reachabilityFence(wheel);
        Reference.reachabilityFence(handles);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // let a concurrent collector finish its cycle
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
