package io.cpra.core.journal;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.EventSink;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageBatch;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes what the engine does to storage, in batches, on a thread of its own: stage changes
 * (each monitor's lifecycle snapshot), incidents, codes and deliveries, interventions. Pulse
 * outcomes are never written one by one.
 *
 * <p><b>Write-ahead codes.</b> The engine holds every raised code until this journal has put it
 * in the outbox and the batch is durable, then {@link Engine#release releases} it to the code
 * pool. A crash at any moment therefore loses no code that could have been delivered: either
 * the step that raised it was never written (and happens again after the restart) or the code
 * is in the outbox and is delivered again with the same id.
 *
 * <p>The engine's side ({@link #publish}) is a lock-free hand-off that never drops an event and
 * never blocks the engine. It is bounded by back-pressure rather than by refusing: once
 * {@link #DEFAULT_BOUND} events wait, the journal reports itself {@linkplain #congested()
 * congested} and the engine stops applying results — the only thing that produces events in
 * numbers — until the backlog is below the bound again; the few events a step still publishes
 * past the bound are kept. While storage fails, batches are retried every second and
 * {@link #healthy()} says so; the backlog shows in {@code cpra_journal_backlog}, the engine's
 * pause in {@code cpra_engine_journal_stalls_total}.
 *
 * <p>A release of held codes is never lost: when the engine's command queue has no room, the
 * journal waits for room ({@link Engine#release}) rather than dropping it.
 */
public final class Journal implements EventSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Journal.class.getName());
    private static final int MAX_BATCH = 5_000;
    private static final long FLUSH_EVERY_NANOS = 20_000_000L;
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;
    /** Events waiting beyond which the journal asks the engine to hold back. */
    public static final int DEFAULT_BOUND = 200_000;

    private final Storage storage;
    private final int bound;
    private volatile Engine engine;
    private final Queue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final Thread thread;
    private final Timer writeTime;
    private volatile boolean running = true;
    private volatile String failure;

    private Journal(Storage storage, MeterRegistry metrics, int bound) {
        this.storage = storage;
        this.bound = bound;
        this.writeTime = metrics.getOrCreate(Timer.builder("cpra_storage_write")
                .description("Time to write one batch to storage").baseUnit("seconds"));
        metrics.getOrCreate(Gauge.builder("cpra_journal_backlog", backlog, AtomicLong::get)
                .description("Engine events waiting to be written to storage"));
        this.thread = Thread.ofPlatform().daemon().name("cpra-journal").unstarted(this::run);
    }

    /**
     * Starts a journal; {@link #attach} it to the engine whose events it receives.
     *
     * @param storage where to write
     * @param metrics where its meters go
     * @return the running journal
     */
    public static Journal start(Storage storage, MeterRegistry metrics) {
        return start(storage, metrics, DEFAULT_BOUND);
    }

    /**
     * Starts a journal with a bound of its own.
     *
     * @param storage where to write
     * @param metrics where its meters go
     * @param bound   events waiting beyond which the engine is asked to hold back, at least 1
     * @return the running journal
     */
    public static Journal start(Storage storage, MeterRegistry metrics, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1: " + bound);
        }
        Journal journal = new Journal(storage, metrics, bound);
        journal.thread.start();
        return journal;
    }

    /**
     * Tells the journal which engine's held codes to release; before the engine gets monitors.
     *
     * @param engine the engine publishing to this journal
     */
    public void attach(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void publish(EngineEvent event) {
        queue.add(event);
        backlog.incrementAndGet();
    }

    @Override
    public boolean congested() {
        return backlog.get() >= bound;
    }

    /**
     * Whether the last write succeeded.
     *
     * @return false while storage refuses writes
     */
    public boolean healthy() {
        return failure == null;
    }

    /**
     * Why writes fail.
     *
     * @return the last failure, or {@code null} when healthy
     */
    public String failure() {
        return failure;
    }

    /** Events not yet written. */
    long backlog() {
        return backlog.get();
    }

    private void run() {
        StorageBatch batch = null;
        List<String> released = new ArrayList<>();
        int taken = 0;
        while (running || !queue.isEmpty() || batch != null) {
            if (batch == null) {
                batch = new StorageBatch();
                released = new ArrayList<>();
                taken = 0;
                EngineEvent event;
                while (taken < MAX_BATCH && (event = queue.poll()) != null) {
                    Records.add(event, batch, released);
                    taken++;
                }
                if (taken == 0) {
                    batch = null;
                    LockSupport.parkNanos(FLUSH_EVERY_NANOS);
                    continue;
                }
            }
            long start = System.nanoTime();
            try {
                storage.write(batch);
            } catch (RuntimeException e) {
                if (failure == null) {
                    LOG.log(System.Logger.Level.ERROR, "writing to " + storage.describe() + " failed; retrying every second", e);
                }
                failure = String.valueOf(e.getMessage());
                LockSupport.parkNanos(RETRY_AFTER_NANOS);
                continue;
            }
            writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (failure != null) {
                LOG.log(System.Logger.Level.INFO, "writing to " + storage.describe() + " works again");
                failure = null;
            }
            backlog.addAndGet(-taken);
            Engine target = engine;
            if (!released.isEmpty() && target != null) {
                // waits for room in the engine's command queue rather than dropping the release
                target.release(released);
            }
            batch = null;
            if (taken < MAX_BATCH) {
                LockSupport.parkNanos(FLUSH_EVERY_NANOS);
            }
        }
    }

    /**
     * Writes what is queued, then stops; waits up to {@code grace}.
     *
     * @param grace how long to wait for the last writes
     */
    public void close(Duration grace) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
