package io.cpra.core.manifest;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Intervention budgets are shared by name ({@code group/type}): every monitor that declares one
 * must declare the same limits, or which limits hold would depend on the order of the manifest.
 * Remembers the first declaration of each name and reports a different one where it is written.
 * Not thread-safe; one per load, fed by the reading thread.
 */
final class BudgetAgreement {

    private record Declared(MonitorDefinition.Budget budget, ManifestPosition at, String monitor) {
    }

    private final Map<String, Declared> first = new HashMap<>();

    /**
     * Checks one valid monitor's budgets against those seen before; call while its position
     * table is still attached.
     *
     * @param definition the monitor
     * @param problems   where a disagreement goes
     */
    void add(MonitorDefinition definition, Problems problems) {
        if (definition.intervention().isEmpty()) {
            return;
        }
        var budgets = definition.intervention().get().budgets();
        for (int j = 0; j < budgets.size(); j++) {
            MonitorDefinition.Budget budget = budgets.get(j);
            String path = "intervention.budgets[" + j + "]";
            Declared seen = first.get(budget.name());
            if (seen == null) {
                first.put(budget.name(), new Declared(budget, definition.positionOf(path), definition.name()));
            } else if (!sameLimits(seen.budget, budget)) {
                problems.add(definition.error(path, "intervention budget " + budget.name() + " is declared with other "
                        + "limits by monitor \"" + seen.monitor + "\" at line " + seen.at.line() + ", column "
                        + seen.at.column() + "; every monitor that shares a budget declares the same concurrent, "
                        + "max, per and wait"));
            }
        }
    }

    private static boolean sameLimits(MonitorDefinition.Budget a, MonitorDefinition.Budget b) {
        return a.concurrent() == b.concurrent() && a.max() == b.max() && Objects.equals(a.per(), b.per())
                && a.maxWait().equals(b.maxWait());
    }
}
