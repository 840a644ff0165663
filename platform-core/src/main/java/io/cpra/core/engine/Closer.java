package io.cpra.core.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes plugin instances that no monitor and no job uses any more, one at a time and in the
 * order they were handed over, on a virtual thread of its own: a {@code close()} that flushes a
 * file or waits for a connection never holds the engine thread, and one that throws is logged
 * and forgotten. Any thread may hand instances over.
 */
final class Closer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Closer.class.getName());

    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("cpra-closer").factory());
    private final AtomicInteger pending = new AtomicInteger();

    void close(AutoCloseable instance) {
        pending.incrementAndGet();
        thread.execute(() -> {
            try {
                PluginCalls.close(instance);
            } catch (Exception | LinkageError | StackOverflowError e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + instance.getClass().getName() + " failed", e);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    /** Instances handed over and not closed yet. */
    int pending() {
        return pending.get();
    }

    /** Closes what was handed over, waiting up to a few seconds, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, pending.get() + " plugin instance(s) still closing at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
