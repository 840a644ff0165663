package io.cpra.core.engine;

import io.cpra.core.engine.pool.Job;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

/** One pulse check of one monitor; its outcome is a {@link PulseOutcome}. */
final class PulseJob extends Job {

    final long handle;
    /** The destination it goes to, as {@link Destinations} numbers them. */
    final int destination;
    /** Set once its destination got its place back, so that happens only once. */
    boolean returned;
    /** Asked for by an operator ("run now"), outside the monitor's schedule. */
    final boolean manual;
    private final PulseCheck check;

    PulseJob(long handle, int destination, PulseCheck check, long dueNanos, long timeoutNanos, boolean manual) {
        super(dueNanos, timeoutNanos);
        this.handle = handle;
        this.destination = destination;
        this.check = check;
        this.manual = manual;
    }

    PulseCheck check() {
        return check;
    }

    @Override
    protected Object call(Deadline deadline) throws Exception {
        return PluginCalls.check(check, deadline);
    }

    @Override
    protected Object timedOut(long elapsedNanos) {
        return PulseOutcome.critical("timed out after " + Millis.text(elapsedNanos));
    }

    @Override
    protected Object failed(Throwable cause) {
        return PulseOutcome.unknown("the check failed: " + OneLine.of(cause));
    }
}
