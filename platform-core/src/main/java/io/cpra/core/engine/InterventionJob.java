package io.cpra.core.engine;

import io.cpra.core.engine.budget.BudgetLimits;
import io.cpra.core.engine.pool.Job;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;

import java.util.List;

/**
 * One intervention attempt; its outcome is an {@link InterventionOutcome}. Tagged with the
 * incident number and attempt it belongs to, so an outcome that arrives after maintenance or a
 * reload reset the episode is recognised as late and dropped.
 */
final class InterventionJob extends Job {

    final long handle;
    final int incidentSeq;
    final int attempt;
    final Intervention intervention;
    private final InterventionRequest request;
    /** Set by the worker or supervisor before the job is posted back; read by the engine after. */
    boolean timedOut;
    /** The budgets whose places the attempt took, to give back when it ends; engine thread only. */
    List<BudgetLimits> budgets = List.of();

    InterventionJob(long handle, int incidentSeq, Intervention intervention, InterventionRequest request,
                    long dueNanos, long timeoutNanos) {
        super(dueNanos, timeoutNanos);
        this.handle = handle;
        this.incidentSeq = incidentSeq;
        this.attempt = request.attempt();
        this.intervention = intervention;
        this.request = request;
    }

    @Override
    protected Object call(Deadline deadline) throws Exception {
        return PluginCalls.intervene(intervention, request, deadline);
    }

    @Override
    protected Object timedOut(long elapsedNanos) {
        timedOut = true;
        return InterventionOutcome.failed("timed out after " + Millis.text(elapsedNanos));
    }

    @Override
    protected Object failed(Throwable cause) {
        return InterventionOutcome.failed("the intervention failed: " + OneLine.of(cause));
    }
}
