package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;

/**
 * Which monitors to list; every field that is not {@code null} must match. Evaluated on the
 * engine's columns, so filtering a million monitors builds views only for the matches.
 * Immutable.
 *
 * @param stage      the lifecycle stage
 * @param colour     the colour the monitor shows ({@link Stage#colour()})
 * @param group      a group the monitor belongs to
 * @param pulseType  the pulse plugin's type
 * @param namePrefix  the start of the name
 * @param notifyGroup a notification group the monitor names ({@link MonitorSpec#notifyGroups()})
 */
public record MonitorQuery(Stage stage, Code colour, String group, String pulseType, String namePrefix,
                           String notifyGroup) {

    /** Every monitor. */
    public static final MonitorQuery ALL = new MonitorQuery(null, null, null, null, null, null);

    /**
     * A query without a notification-group filter.
     *
     * @param stage      the lifecycle stage
     * @param colour     the colour the monitor shows
     * @param group      a group the monitor belongs to
     * @param pulseType  the pulse plugin's type
     * @param namePrefix the start of the name
     */
    public MonitorQuery(Stage stage, Code colour, String group, String pulseType, String namePrefix) {
        this(stage, colour, group, pulseType, namePrefix, null);
    }

    boolean matches(Stage rowStage, MonitorSpec spec, String name) {
        return (stage == null || stage == rowStage)
                && (colour == null || colour == rowStage.colour())
                && (pulseType == null || pulseType.equals(spec.pulseType()))
                && (group == null || spec.groups().contains(group))
                && (notifyGroup == null || spec.notifyGroups().contains(notifyGroup))
                && (namePrefix == null || name.startsWith(namePrefix));
    }
}
