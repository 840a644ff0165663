package io.cpra.core.engine;

import java.util.PriorityQueue;

/**
 * The engine's rare timers: intervention retries after their backoff and the end of a
 * maintenance window. Pulses do not use these (the timing wheel carries them), nor do delivery
 * retries (the {@link Outbox} keeps its own); these are few, so a priority queue serves.
 * Engine thread only.
 */
final class Timers {

    enum Kind { RETRY_ATTEMPT, MAINTENANCE_END }

    /**
     * One timer.
     *
     * @param dueNanos when it fires
     * @param kind     what it is for
     * @param handle   the monitor's handle (retry, maintenance)
     * @param tag      the incident number (retry) or the window's end (maintenance), to spot stale timers
     * @param attempt  the attempt to start (retry)
     * @param payload  the cause message (retry)
     */
    record Timer(long dueNanos, Kind kind, long handle, long tag, int attempt, Object payload) {
    }

    interface Handler {
        void fire(Timer timer);
    }

    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos() - b.dueNanos(), 0));

    void add(Timer timer) {
        queue.add(timer);
    }

    int size() {
        return queue.size();
    }

    /** Fires the timers due at {@code now}, at most {@code limit}; returns how many fired. */
    int fire(long now, Handler handler, int limit) {
        int fired = 0;
        while (fired < limit && !queue.isEmpty() && queue.peek().dueNanos() - now <= 0) {
            handler.fire(queue.poll());
            fired++;
        }
        return fired;
    }
}
