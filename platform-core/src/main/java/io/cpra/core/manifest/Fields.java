package io.cpra.core.manifest;

import io.cpra.core.manifest.Node.MapNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the manifest's own fields (texts, booleans, counts, durations, blocks, group lists)
 * from a monitor's tree, reporting each value that does not fit at its key's line and column.
 * Keeps a bounded cache of parsed durations, since a manifest repeats a few ({@code 10s},
 * {@code 5m}) a million times. Not thread-safe: one instance per load.
 */
final class Fields {

    private static final int MAX_CACHED_DURATIONS = 4_096;

    private final Map<String, Duration> durations = new HashMap<>();

    static MapNode block(MonitorCheck check, MapNode parent, int i, String path) {
        if (parent.values[i] instanceof MapNode map) {
            return map;
        }
        check.error(parent.keyLines[i], parent.keyColumns[i], path, "expected a map, got " + parent.values[i].describe());
        return null;
    }

    static void unknownKeys(MonitorCheck check, MapNode map, String path, List<String> accepted) {
        for (int i = 0; i < map.length(); i++) {
            String key = map.keys[i];
            if (!accepted.contains(key)) {
                check.error(map.keyLines[i], map.keyColumns[i], join(path, key), "unknown key \"" + key + "\""
                        + Suggestions.didYouMean(key, accepted) + "; accepted keys: " + String.join(", ", accepted));
            }
        }
    }

    static void groups(MonitorCheck check, MapNode map, String path, Set<String> into) {
        strings(check, map, "groups", path, into, "group name");
    }

    /**
     * A list of texts, or one text standing for a list of one (CPRA's {@code StringList}): each
     * item is added to {@code into}, repeats dropped; blank items and nested values are errors.
     *
     * @param what what one item is, for messages, such as {@code group name}
     */
    static void strings(MonitorCheck check, MapNode map, String key, String path, Set<String> into, String what) {
        int i = map.indexOf(key);
        if (i < 0) {
            return;
        }
        String listPath = join(path, key);
        Node value = map.values[i];
        if (value instanceof Node.Scalar s && s.kind != Node.Kind.NULL) {
            if (s.text.isBlank()) {
                check.error(map.keyLines[i], map.keyColumns[i], listPath, "expected a " + what + ", got an empty text");
            } else {
                into.add(s.text);
            }
            return;
        }
        if (!(value instanceof Node.SeqNode list)) {
            check.error(map.keyLines[i], map.keyColumns[i], listPath, "expected a " + what + " or a list of them "
                    + "such as [payments, tier-1], got " + value.describe());
            return;
        }
        for (int j = 0; j < list.items.length; j++) {
            Node item = list.items[j];
            if (item instanceof Node.Scalar s && s.kind != Node.Kind.NULL && !s.text.isBlank()) {
                into.add(s.text);
            } else {
                check.error(item.line, item.column, listPath + "[" + j + "]", "expected a " + what + ", got "
                        + item.describe());
            }
        }
    }

    static String requiredText(MonitorCheck check, MapNode map, String key, String path, List<String> accepted) {
        int i = map.indexOf(key);
        if (i < 0) {
            if (!misspelt(map, key, accepted)) {
                check.error(map.line, map.column, join(path, key), "required key \"" + key + "\" is missing");
            }
            return null;
        }
        return text(check, map, i, join(path, key));
    }

    /**
     * Whether the map holds an unknown key that is a typo of {@code key}: that key's "did you
     * mean" error already says all, so "required key is missing" would repeat it.
     */
    static boolean misspelt(MapNode map, String key, List<String> accepted) {
        for (int i = 0; i < map.length(); i++) {
            String written = map.keys[i];
            if (!accepted.contains(written) && key.equals(Suggestions.closest(written, accepted))) {
                return true;
            }
        }
        return false;
    }

    static String text(MonitorCheck check, MapNode map, int i, String path) {
        if (map.values[i] instanceof Node.Scalar s && s.kind != Node.Kind.NULL && !s.text.isEmpty()) {
            return s.text;
        }
        check.error(map.keyLines[i], map.keyColumns[i], path, "expected a text value, got " + map.values[i].describe());
        return null;
    }

    static boolean optionalBoolean(MonitorCheck check, MapNode map, String key, String path, boolean fallback) {
        int i = map.indexOf(key);
        if (i < 0) {
            return fallback;
        }
        Boolean value = map.values[i] instanceof Node.Scalar s ? Scalars.yaml11Boolean(s) : null;
        if (value == null) {
            check.error(map.keyLines[i], map.keyColumns[i], join(path, key), "expected true or false (or yes/no, "
                    + "on/off), got " + map.values[i].describe());
            return fallback;
        }
        return value;
    }

    /** An optional whole number of at least 1; -1 after an error. */
    static int count(MonitorCheck check, MapNode map, String path, String key, int fallback) {
        int i = map.indexOf(key);
        return i < 0 ? fallback : count(check, map, i, join(path, key));
    }

    static int aliasedCount(MonitorCheck check, MapNode map, String path, String key, String alias, int fallback) {
        int i = map.indexOf(key);
        int j = map.indexOf(alias);
        if (i >= 0 && j >= 0) {
            int later = Math.max(i, j);
            check.error(map.keyLines[later], map.keyColumns[later], join(path, map.keys[later]), "give either "
                    + key + " or " + alias + " (they mean the same), not both");
            return -1;
        }
        int at = i >= 0 ? i : j;
        return at < 0 ? fallback : count(check, map, at, join(path, map.keys[at]));
    }

    static int count(MonitorCheck check, MapNode map, int i, String path) {
        Node value = map.values[i];
        if (value instanceof Node.Scalar s && s.kind == Node.Kind.INTEGER) {
            Number n = (Number) s.value;
            if (n instanceof Integer small && small >= 1) {
                return small;
            }
            check.error(map.keyLines[i], map.keyColumns[i], path, "expected a whole number from 1 to "
                    + Integer.MAX_VALUE + ", got " + s.text);
            return -1;
        }
        check.error(map.keyLines[i], map.keyColumns[i], path, "expected a whole number of at least 1, got "
                + value.describe());
        return -1;
    }

    Duration optionalDuration(MonitorCheck check, MapNode map, String path, String key, Duration fallback,
                                             boolean positive) {
        int i = map.indexOf(key);
        if (i < 0) {
            return fallback;
        }
        String keyPath = join(path, key);
        Duration value = duration(check, map, i, keyPath);
        if (value == null) {
            return null;
        }
        if (positive ? !value.isPositive() : value.isNegative()) {
            check.error(map.keyLines[i], map.keyColumns[i], keyPath, "the " + key + " must be "
                    + (positive ? "greater than 0" : "0 or more") + ", got " + scalarText(map.values[i]));
            return null;
        }
        return value;
    }

    Duration duration(MonitorCheck check, MapNode map, int i, String path) {
        Node value = map.values[i];
        if (!(value instanceof Node.Scalar s) || s.kind == Node.Kind.NULL) {
            check.error(map.keyLines[i], map.keyColumns[i], path, "expected a duration such as 500ms, 5s or 1h30m, "
                    + "got " + value.describe());
            return null;
        }
        Duration known = durations.get(s.text);
        if (known != null) {
            return known;
        }
        try {
            Duration parsed = io.cpra.plugin.api.Durations.parse(s.text);
            if (durations.size() < MAX_CACHED_DURATIONS) {
                durations.put(s.text, parsed);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            check.error(map.keyLines[i], map.keyColumns[i], path, e.getMessage() + "; write it like 500ms, 5s or 1h30m");
            return null;
        }
    }

    static String scalarText(Node node) {
        return node instanceof Node.Scalar s ? s.text : node.describe();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
