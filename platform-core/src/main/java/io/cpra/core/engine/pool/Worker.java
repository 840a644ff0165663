package io.cpra.core.engine.pool;

import io.cpra.plugin.api.Deadline;

/**
 * One virtual thread that takes jobs from its pool's queue and runs them, one at a time, until
 * the pool retires it, stops, or abandons its call.
 */
final class Worker implements Runnable {

    private final WorkerPool pool;
    Thread thread;
    /** The job being run, for the supervisor's deadline checks; null between jobs. */
    volatile Job current;

    Worker(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public void run() {
        try {
            while (pool.awaitJob(this)) {
                Job job = pool.takeJob();
                if (!execute(job)) {
                    return;  // abandoned: a replacement already took this worker's place
                }
            }
        } finally {
            pool.workerExited(this);
        }
    }

    /** Runs one job; false when the supervisor abandoned it meanwhile. */
    private boolean execute(Job job) {
        Thread.interrupted();  // a job starts uninterrupted, whatever came before
        long started = pool.now();
        job.start(started);
        current = job;
        pool.started(job, started);
        Object result;
        try {
            // on the engine's clock, so a test's hand-driven clock moves the plugin's deadline too
            result = job.call(Deadline.after(java.time.Duration.ofNanos(job.timeoutNanos()), pool.clock()));
            if (result == null) {
                result = job.failed(new IllegalStateException("the plugin returned no outcome"));
            }
        } catch (InterruptedException deadlineOrShutdown) {
            result = null;
        } catch (Exception | LinkageError | StackOverflowError pluginFault) {
            result = job.failed(pluginFault);
        }
        current = null;
        if (!job.transition(Job.RUNNING, Job.DONE)) {
            // the supervisor interrupted this call: wait until its interrupt has landed, then drop it
            while (job.state() == Job.INTERRUPTING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            if (!job.transition(Job.INTERRUPTED, Job.DONE)) {
                return false;
            }
        }
        long finished = pool.now();
        long elapsed = finished - started;
        if (result == null || elapsed > job.timeoutNanos()) {
            result = job.timedOut(elapsed);
        }
        job.end(result, finished);
        pool.finished(job, elapsed);
        return true;
    }
}
