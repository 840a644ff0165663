package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Fans the event bus out to live-stream subscribers. The bus calls {@link #accept} on its one
 * thread; each subscriber has a bounded queue that its own request thread drains onto the
 * network. The hub only ever offers — it never waits — so a subscriber whose client reads
 * slowly fills its queue and is then dropped (its stream ends with a comment saying so), while
 * the bus and every other subscriber go on.
 *
 * <p>Thread-safety: {@link #accept} runs on the bus thread only (it is the single producer of
 * events into every queue); {@link #subscribe}, {@link Subscription#next} and
 * {@link Subscription#cancel} run on request threads; {@link #close} on the thread stopping
 * the server.
 */
final class EventHub implements Consumer<EngineEvent> {

    /** Open streams at once; each holds a request thread and a queue. */
    static final int MAX_SUBSCRIBERS = 256;
    /** Events a subscriber may fall behind by before it is dropped. */
    static final int DEFAULT_BUFFER = 1024;

    static final String FELL_BEHIND = "dropped: this stream fell more than %d events behind; reconnect to resume";
    static final String STOPPING = "the server is stopping";

    /** Wakes a waiting subscriber to look at why it ended; never an event. */
    private static final Object END = new Object();

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final int buffer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    EventHub(int buffer) {
        if (buffer < 1) {
            throw new IllegalArgumentException("the buffer holds at least 1 event: " + buffer);
        }
        this.buffer = buffer;
    }

    /**
     * Opens a subscription; events published from now on that pass the filter are queued for it.
     *
     * @param filter which events it wants
     * @return the subscription, or {@code null} when the hub is closed or has
     *         {@link #MAX_SUBSCRIBERS} already
     */
    Subscription subscribe(Predicate<EngineEvent> filter) {
        if (closed || subscriptions.size() >= MAX_SUBSCRIBERS) {
            return null;
        }
        Subscription subscription = new Subscription(filter);
        subscriptions.add(subscription);
        if (closed) {
            subscription.end(STOPPING);
        }
        return subscription;
    }

    @Override
    public void accept(EngineEvent event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.filter.test(event) && !subscription.offer(event)) {
                subscriptions.remove(subscription);
                dropped.incrementAndGet();
                subscription.end(String.format(FELL_BEHIND, buffer));
            }
        }
    }

    /** Ends every stream; later subscriptions are refused. */
    void close() {
        closed = true;
        for (Subscription subscription : subscriptions) {
            subscriptions.remove(subscription);
            subscription.end(STOPPING);
        }
    }

    /** Open subscriptions now. */
    int subscribers() {
        return subscriptions.size();
    }

    /** Subscribers dropped for falling behind since start. */
    long dropped() {
        return dropped.get();
    }

    /** One subscriber's queue and its end. */
    final class Subscription {

        private final Predicate<EngineEvent> filter;
        // one slot more than the buffer, so END always fits behind a full queue
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(buffer + 1);
        private final AtomicReference<String> ended = new AtomicReference<>();

        private Subscription(Predicate<EngineEvent> filter) {
            this.filter = filter;
        }

        /** Bus thread only: the single producer, so the size check cannot race another offer. */
        private boolean offer(EngineEvent event) {
            return queue.size() < buffer && queue.offer(event);
        }

        private void end(String why) {
            if (ended.compareAndSet(null, why)) {
                queue.offer(END);
            }
        }

        /**
         * The next event, waiting up to {@code nanos} for one.
         *
         * @return the event; {@code null} when none came in time or the subscription ended
         *         (see {@link #endedBecause()})
         * @throws InterruptedException when the request thread is interrupted
         */
        EngineEvent next(long nanos) throws InterruptedException {
            if (ended.get() != null) {
                return null;
            }
            Object item = queue.poll(nanos, TimeUnit.NANOSECONDS);
            return item instanceof EngineEvent event && ended.get() == null ? event : null;
        }

        /** Why the hub ended this subscription, or {@code null} while it is open. */
        String endedBecause() {
            return ended.get();
        }

        /** The client left: stop queueing for it. */
        void cancel() {
            subscriptions.remove(this);
            ended.compareAndSet(null, "cancelled");
        }
    }
}
