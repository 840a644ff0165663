package io.cpra.core.engine;

import io.cpra.core.engine.pool.Job;
import io.cpra.core.engine.pool.WorkerPool;

import java.util.ArrayDeque;

/**
 * The jobs of one pool that found its queue full: they wait here, in order, and are offered
 * again each tick before anything newer. Used for interventions and code deliveries, which are
 * few; pulses wait in the timing wheel instead ({@link PulseAdmission}). Engine thread only.
 */
final class Backlog {

    private final WorkerPool pool;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Job[] one = new Job[1];

    Backlog(WorkerPool pool) {
        this.pool = pool;
    }

    /** Hands a job to the pool, or keeps it until the pool has room; order is kept either way. */
    void submit(Job job) {
        if (waiting.isEmpty() && offer(job)) {
            return;
        }
        waiting.add(job);
    }

    /** Offers the waiting jobs, oldest first, until the pool refuses one; returns how many it took. */
    int drain() {
        int offered = 0;
        while (!waiting.isEmpty() && offer(waiting.peek())) {
            waiting.poll();
            offered++;
        }
        return offered;
    }

    int size() {
        return waiting.size();
    }

    private boolean offer(Job job) {
        one[0] = job;
        boolean accepted = pool.offer(one, 0, 1) == 1;
        one[0] = null;
        return accepted;
    }
}
