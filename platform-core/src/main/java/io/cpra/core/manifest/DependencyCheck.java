package io.cpra.core.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest's {@code depends_on} graph, checked once every monitor is read: each name must
 * name a monitor of the manifest, each {@code group:NAME} a group some monitor has, and no chain
 * of dependencies may come back to where it started. A cycle is reported once, at the
 * {@code depends_on} entry that closes it, with its whole path.
 *
 * <p>Only monitors that have a {@code depends_on} are kept, with the positions of their entries:
 * a monitor without one has no edge out and cannot be on a cycle. Of the others only the group
 * names are kept. So a million monitors of which a hundred thousand depend on a parent cost a
 * hundred thousand small entries, for the duration of the load.
 *
 * <p>Not thread-safe; one per load, fed by the reading thread.
 */
final class DependencyCheck {

    /** How a {@code depends_on} entry names a whole group. */
    static final String GROUP_PREFIX = "group:";

    /** Unknown names get a "did you mean" over all names only this often: it scans every name. */
    private static final int SUGGESTIONS = 10;

    private final Set<String> groups = new HashSet<>();
    private final Map<String, Dependent> dependents = new LinkedHashMap<>();
    /** Dependents by the groups they belong to, for the edges a group:NAME entry makes. */
    private final Map<String, List<Dependent>> dependentsByGroup = new HashMap<>();

    private record Entry(String target, ManifestPosition position, String path) {
    }

    private static final class Dependent {
        final String name;
        final List<Entry> entries;
        int colour;  // 0 not visited, 1 on the current path, 2 done

        Dependent(String name, List<Entry> entries) {
            this.name = name;
            this.entries = entries;
        }
    }

    /**
     * Records one valid monitor; call while its position table is still attached.
     *
     * @param definition the monitor
     */
    void add(MonitorDefinition definition) {
        groups.addAll(definition.groups());
        List<String> parents = definition.dependsOn();
        if (parents.isEmpty()) {
            return;
        }
        List<Entry> entries = new ArrayList<>(parents.size());
        for (int i = 0; i < parents.size(); i++) {
            String path = "depends_on[" + i + "]";
            entries.add(new Entry(parents.get(i), definition.positionOf(path), path));
        }
        Dependent dependent = new Dependent(definition.name(), entries);
        dependents.put(definition.name(), dependent);
        for (String group : definition.groups()) {
            dependentsByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(dependent);
        }
    }

    /**
     * Checks every recorded dependency.
     *
     * @param names    the manifest's monitor names
     * @param problems where the errors go
     */
    void check(NameTable names, Problems problems) {
        int suggestions = 0;
        List<String> allNames = null;
        for (Dependent dependent : dependents.values()) {
            for (Entry entry : dependent.entries) {
                String target = entry.target;
                if (target.startsWith(GROUP_PREFIX)) {
                    String group = target.substring(GROUP_PREFIX.length());
                    if (!groups.contains(group)) {
                        problems.add(new ManifestError(entry.position, dependent.name, entry.path, "no monitor of this "
                                + "manifest is in group \"" + group + "\"" + Suggestions.didYouMean(group, groups)));
                    }
                } else if (!names.contains(target)) {
                    String hint = "";
                    if (suggestions++ < SUGGESTIONS) {
                        allNames = allNames == null ? names.names() : allNames;
                        hint = Suggestions.didYouMean(target, allNames);
                    }
                    problems.add(new ManifestError(entry.position, dependent.name, entry.path,
                            "no monitor of this manifest is named \"" + target + "\"" + hint));
                }
            }
        }
        for (Dependent start : dependents.values()) {
            if (start.colour == 0) {
                findCycles(start, problems);
            }
        }
    }

    /** One step of the depth-first walk: a node and how far through its edges it has got. */
    private static final class Frame {
        final Dependent node;
        final List<Dependent> targets = new ArrayList<>();
        final List<Entry> via = new ArrayList<>();
        int next;

        Frame(Dependent node) {
            this.node = node;
        }
    }

    /** Iterative depth-first search (no recursion: chains can be long); each back edge is a cycle. */
    private void findCycles(Dependent start, Problems problems) {
        Deque<Frame> path = new ArrayDeque<>();
        path.push(frame(start));
        while (!path.isEmpty()) {
            Frame top = path.peek();
            if (top.next == top.targets.size()) {
                top.node.colour = 2;
                path.pop();
                continue;
            }
            int edge = top.next++;
            Dependent target = top.targets.get(edge);
            if (target.colour == 0) {
                path.push(frame(target));
            } else if (target.colour == 1) {
                problems.add(cycle(path, target, top.via.get(edge)));
            }
        }
    }

    private Frame frame(Dependent node) {
        node.colour = 1;
        Frame frame = new Frame(node);
        for (Entry entry : node.entries) {
            if (entry.target.startsWith(GROUP_PREFIX)) {
                for (Dependent member : dependentsByGroup.getOrDefault(entry.target.substring(GROUP_PREFIX.length()),
                        List.of())) {
                    frame.targets.add(member);
                    frame.via.add(entry);
                }
            } else {
                Dependent parent = dependents.get(entry.target);
                if (parent != null) {
                    frame.targets.add(parent);
                    frame.via.add(entry);
                }
            }
        }
        return frame;
    }

    /** The error for the edge {@code path.peek() -> target} that closes a cycle. */
    private static ManifestError cycle(Deque<Frame> path, Dependent target, Entry closing) {
        List<Frame> frames = new ArrayList<>(path);  // top first
        StringBuilder text = new StringBuilder();
        int from = frames.size() - 1;
        while (frames.get(from).node != target) {
            from--;
        }
        for (int i = from; i >= 0; i--) {
            Frame frame = frames.get(i);
            text.append(frame.node.name).append(" -> ");
            Entry via = i == 0 ? closing : frame.via.get(frame.next - 1);
            if (via.target.startsWith(GROUP_PREFIX)) {
                text.append('(').append(via.target).append(") ");
            }
        }
        text.append(target.name);
        Dependent closer = frames.get(0).node;
        return new ManifestError(closing.position, closer.name, closing.path, "depends_on forms a cycle: " + text);
    }
}
