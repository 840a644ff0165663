package io.cpra.bench.realtarget;

import java.util.List;

/**
 * Every monitor of a run, numbered: a group's monitors take consecutive numbers, in the order of
 * the groups. A monitor's name ({@code h0001234}) maps back to its number without a table, since
 * each group's names are its target's letter and its index. Immutable.
 */
final class Roster {

    private final List<MonitorGroup> groups;
    private final int[] offsets;
    private final MonitorGroup[] byPrefix = new MonitorGroup[128];
    private final int[] offsetByPrefix = new int[128];

    /**
     * @param groups the run's monitors; at most one group per target
     */
    Roster(List<MonitorGroup> groups) {
        this.groups = List.copyOf(groups);
        this.offsets = new int[groups.size() + 1];
        for (int g = 0; g < groups.size(); g++) {
            MonitorGroup group = groups.get(g);
            char prefix = group.target().prefix();
            if (byPrefix[prefix] != null) {
                throw new IllegalArgumentException("two groups of " + group.target() + "; a run has at most one per target");
            }
            byPrefix[prefix] = group;
            offsetByPrefix[prefix] = offsets[g];
            offsets[g + 1] = offsets[g] + group.count();
        }
    }

    List<MonitorGroup> groups() {
        return groups;
    }

    /** @return how many monitors in all */
    int size() {
        return offsets[groups.size()];
    }

    /** @return the number of the group's first monitor */
    int offset(MonitorGroup group) {
        return offsets[groups.indexOf(group)];
    }

    /** @return the group the monitor numbered {@code number} belongs to */
    MonitorGroup groupOf(int number) {
        for (int g = 0; g < groups.size(); g++) {
            if (number < offsets[g + 1]) {
                return groups.get(g);
            }
        }
        throw new IndexOutOfBoundsException(number);
    }

    /**
     * @param text characters holding a name at {@code [from, to)}
     * @return the monitor's number, or -1 when the name is none of this roster's
     */
    int number(String text, int from, int to) {
        if (to - from != MonitorGroup.DIGITS + 1) {
            return -1;
        }
        char prefix = text.charAt(from);
        MonitorGroup group = prefix < 128 ? byPrefix[prefix] : null;
        if (group == null) {
            return -1;
        }
        long index = AccessLog.digits(text, from + 1, to);
        return index < 0 || index >= group.count() ? -1 : offsetByPrefix[prefix] + (int) index;
    }

    /** @return the monitor's number, or -1 */
    int number(String name) {
        return number(name, 0, name.length());
    }
}
