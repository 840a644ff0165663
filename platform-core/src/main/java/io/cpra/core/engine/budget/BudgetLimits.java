package io.cpra.core.engine.budget;

import java.util.Objects;

/**
 * The limits of one intervention budget, as a monitor's {@code intervention.budgets} entry
 * declares them. Monitors that declare the same {@link #name()} share one budget. Immutable.
 *
 * @param name       {@code GROUP/TYPE}, with {@code *} for a side that is not limited, such as
 *                   {@code payments/docker} or {@code * /docker} (without the space)
 * @param concurrent attempts running at once, at least 1, or 0 for no such limit
 * @param max        attempts started within any window of {@code perNanos}, at least 1, or 0 for no such limit
 * @param perNanos   the window of {@code max}, positive when {@code max} is set, else 0
 * @param waitNanos  how long an attempt may wait for room before the incident goes red; not negative
 */
public record BudgetLimits(String name, int concurrent, int max, long perNanos, long waitNanos) {

    /** How long an attempt waits for room unless the budget says otherwise: five minutes. */
    public static final long DEFAULT_WAIT_NANOS = 300_000_000_000L;

    /** Checks the ranges. */
    public BudgetLimits {
        Objects.requireNonNull(name, "name");
        if (concurrent < 0 || max < 0 || waitNanos < 0 || (max > 0) != (perNanos > 0) || (concurrent == 0 && max == 0)) {
            throw new IllegalArgumentException("budget " + name + " needs concurrent >= 1 or max >= 1 with a positive "
                    + "window, and a wait >= 0; got concurrent " + concurrent + ", max " + max + " per " + perNanos
                    + " ns, wait " + waitNanos + " ns");
        }
    }

    /**
     * The name of the budget of a group and an action type.
     *
     * @param group the group, or {@code null} for every group
     * @param type  the action type, or {@code null} for every type
     * @return {@code group/type}, {@code *} standing for a missing side
     */
    public static String name(String group, String type) {
        return (group == null ? "*" : group) + "/" + (type == null ? "*" : type);
    }

    /** @return the limits in words, for messages: {@code 5 at once, 20 per 10m} */
    public String describe(String window) {
        StringBuilder text = new StringBuilder();
        if (concurrent > 0) {
            text.append(concurrent).append(" at once");
        }
        if (max > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(max).append(" per ").append(window);
        }
        return text.toString();
    }
}
