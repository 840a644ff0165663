package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;

import java.util.Locale;

/**
 * Which monitors to list; every field that is not {@code null} must match. Evaluated on the
 * engine's columns, so filtering a million monitors builds views only for the matches.
 * Immutable.
 *
 * @param stage       the lifecycle stage
 * @param colour      the colour the monitor shows ({@link Stage#colour()})
 * @param group       a group the monitor belongs to
 * @param pulseType   the pulse plugin's type
 * @param namePrefix  the start of the name
 * @param notifyGroup a notification group the monitor names ({@link MonitorSpec#notifyGroups()})
 * @param search      text the name contains, ignoring case (the dashboard's search box); held in
 *                    lower case
 */
public record MonitorQuery(Stage stage, Code colour, String group, String pulseType, String namePrefix,
                           String notifyGroup, String search) {

    /** Every monitor. */
    public static final MonitorQuery ALL = new MonitorQuery(null, null, null, null, null, null, null);

    /** Folds the search text to lower case once, so each row compares without allocating a copy of it. */
    public MonitorQuery {
        search = search == null || search.isEmpty() ? null : search.toLowerCase(Locale.ROOT);
    }

    /**
     * A query without a notification-group filter or a search text.
     *
     * @param stage      the lifecycle stage
     * @param colour     the colour the monitor shows
     * @param group      a group the monitor belongs to
     * @param pulseType  the pulse plugin's type
     * @param namePrefix the start of the name
     */
    public MonitorQuery(Stage stage, Code colour, String group, String pulseType, String namePrefix) {
        this(stage, colour, group, pulseType, namePrefix, null, null);
    }

    boolean matches(Stage rowStage, MonitorSpec spec, String name) {
        return (stage == null || stage == rowStage)
                && (colour == null || colour == rowStage.colour())
                && (pulseType == null || pulseType.equals(spec.pulseType()))
                && (group == null || spec.groups().contains(group))
                && (notifyGroup == null || spec.notifyGroups().contains(notifyGroup))
                && (namePrefix == null || name.startsWith(namePrefix))
                && (search == null || containsIgnoringCase(name, search));
    }

    /** Whether {@code name} contains {@code lower} (already lower case), ignoring case, without allocating. */
    static boolean containsIgnoringCase(String name, String lower) {
        int last = name.length() - lower.length();
        for (int start = 0; start <= last; start++) {
            if (name.regionMatches(true, start, lower, 0, lower.length())) {
                return true;
            }
        }
        return false;
    }
}
