package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.core.engine.store.EntityStore;
import io.cpra.plugin.api.PulseCheck;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Who depends on whom ({@code depends_on}), answered on the engine's rows: whether a monitor has
 * a parent that is down, and which monitors depend on a given one. A parent is down whenever its
 * stage is not {@link Stage#HEALTHY} (the lifecycle package's decision table says why).
 *
 * <p>Two indexes, built from the specs by one scan of the rows the first time they are needed
 * after the monitor set changed ({@link #stale()}): the rows of each group, and the dependents of
 * each parent name and {@code group:NAME}. Between changes of the set nothing moves rows, so a
 * built index is exact. A parent that no longer exists counts as up: its dependents speak for
 * themselves again at their next check.
 *
 * <p>Engine thread only.
 */
final class Dependencies {

    private static final int[] NONE = new int[0];
    private static final byte HEALTHY = (byte) Stage.HEALTHY.ordinal();

    private final EntityStore<PulseCheck, MonitorSpec> store;
    private final NameIndex names;
    private boolean stale = true;
    private Map<String, int[]> members = Map.of();
    private Map<String, int[]> dependents = Map.of();

    Dependencies(EntityStore<PulseCheck, MonitorSpec> store, NameIndex names) {
        this.store = store;
        this.names = names;
    }

    /** The monitor set changed: rebuild the indexes when next needed. */
    void stale() {
        stale = true;
    }

    /**
     * A parent of the monitor that is down.
     *
     * @param row  the monitor's row
     * @param spec its spec
     * @return the name of one of its parents, or of one monitor of a group it depends on, that is
     *         not healthy; {@code null} when all are up
     */
    String downParent(int row, MonitorSpec spec) {
        List<String> parents = spec.dependsOn();
        for (int i = 0; i < parents.size(); i++) {
            String parent = parents.get(i);
            if (parent.startsWith(MonitorSpec.GROUP_PREFIX)) {
                for (int member : index().members.getOrDefault(parent.substring(MonitorSpec.GROUP_PREFIX.length()), NONE)) {
                    if (member != row && down(member)) {
                        return store.name().get(member);
                    }
                }
            } else {
                int parentRow = names.find(parent);
                if (parentRow >= 0 && parentRow != row && down(parentRow)) {
                    return parent;
                }
            }
        }
        return null;
    }

    /**
     * Calls {@code action} for every monitor that names this one, or a group it is in, in its
     * {@code depends_on}.
     *
     * @param row    the parent's row
     * @param action receives each dependent's row; a row in several of the parent's groups comes more than once
     */
    void forEachDependent(int row, IntConsumer action) {
        Dependencies built = index();
        if (built.dependents.isEmpty()) {
            return;
        }
        for (int child : built.dependents.getOrDefault(store.name().get(row), NONE)) {
            action.accept(child);
        }
        for (String group : store.spec().get(row).groups()) {
            for (int child : built.dependents.getOrDefault(MonitorSpec.GROUP_PREFIX + group, NONE)) {
                if (child != row) {
                    action.accept(child);
                }
            }
        }
    }

    private boolean down(int row) {
        return store.stage().get(row) != HEALTHY;
    }

    private Dependencies index() {
        if (stale) {
            Map<String, int[]> groupRows = new HashMap<>();
            Map<String, int[]> dependentRows = new HashMap<>();
            store.forEachLive(row -> {
                MonitorSpec spec = store.spec().get(row);
                for (String group : spec.groups()) {
                    append(groupRows, group, row);
                }
                for (String parent : spec.dependsOn()) {
                    append(dependentRows, parent, row);
                }
            });
            groupRows.replaceAll((group, rows) -> trim(rows));
            dependentRows.replaceAll((parent, rows) -> trim(rows));
            members = groupRows;
            dependents = dependentRows;
            stale = false;
        }
        return this;
    }

    /** Appends to a growable array whose slot 0 holds the count; {@link #trim} drops the slack. */
    private static void append(Map<String, int[]> into, String key, int row) {
        int[] rows = into.get(key);
        if (rows == null) {
            rows = new int[4];
        } else if (rows[0] + 1 == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[++rows[0]] = row;
        into.put(key, rows);
    }

    private static int[] trim(int[] counted) {
        return Arrays.copyOfRange(counted, 1, counted[0] + 1);
    }
}
