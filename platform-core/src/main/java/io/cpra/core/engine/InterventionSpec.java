package io.cpra.core.engine;

import io.cpra.core.engine.budget.BudgetLimits;
import io.cpra.plugin.api.Intervention;

import java.util.List;
import java.util.Objects;

/**
 * A monitor's remediation. Immutable.
 *
 * @param type         the intervention plugin's type ({@code action})
 * @param intervention the prepared instance
 * @param timeoutNanos deadline of one attempt, positive
 * @param maxAttempts  attempts per incident, at least 1
 * @param budgets      the intervention budgets an attempt needs room in ({@code intervention.budgets})
 */
public record InterventionSpec(String type, Intervention intervention, long timeoutNanos, int maxAttempts,
                               List<BudgetLimits> budgets) {

    /**
     * A remediation held by no budget.
     *
     * @param type         the plugin's type
     * @param intervention the prepared instance
     * @param timeoutNanos deadline of one attempt
     * @param maxAttempts  attempts per incident
     */
    public InterventionSpec(String type, Intervention intervention, long timeoutNanos, int maxAttempts) {
        this(type, intervention, timeoutNanos, maxAttempts, List.of());
    }

    /** Checks the ranges. */
    public InterventionSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(intervention, "intervention");
        budgets = List.copyOf(budgets);
        if (timeoutNanos <= 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("need a positive timeout and at least one attempt");
        }
    }
}
