package io.cpra.core.events;

import io.cpra.core.engine.EngineEvent;
import io.cpra.core.engine.EventSink;
import io.cpra.core.engine.queue.RingQueue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Takes the engine's events off its thread and hands them to subscribers (the log, the live
 * stream, storage) on a thread of its own, so that no subscriber can slow the engine. The
 * engine's side is a lock-free offer; when the queue is full the event is dropped and counted
 * rather than blocking the engine. Subscribers see events in the order the engine published them.
 */
public final class EventBus implements EventSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());
    private static final int BATCH = 1024;

    private final RingQueue<EngineEvent> queue;
    private final List<Consumer<EngineEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts a bus.
     *
     * @param capacity events it holds before dropping
     */
    public EventBus(int capacity) {
        this.queue = RingQueue.mpsc(capacity);
        this.thread = Thread.ofPlatform().daemon().name("cpra-events").start(this::dispatch);
    }

    /**
     * Adds a subscriber; it is called on the bus's thread and should not block for long.
     *
     * @param subscriber receives every event published after this call
     */
    public void subscribe(Consumer<EngineEvent> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void publish(EngineEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Events dropped because subscribers fell behind.
     *
     * @return the count since start
     */
    public long dropped() {
        return dropped.get();
    }

    private void dispatch() {
        while (running || !queue.isEmpty()) {
            if (queue.drain(this::deliver, BATCH) == 0) {
                LockSupport.parkNanos(2_000_000);
            }
        }
    }

    private void deliver(EngineEvent event) {
        for (Consumer<EngineEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an event subscriber failed on " + event, e);
            }
        }
    }

    /** Delivers what is queued, then stops the bus's thread. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
