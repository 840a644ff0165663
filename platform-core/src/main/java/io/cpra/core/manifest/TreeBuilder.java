package io.cpra.core.manifest;

import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds one node's tree from parser events, with an explicit stack (no recursion, so depth is
 * bounded by the limit, not by the thread's stack). Resolves aliases by sharing the anchored
 * node, applies merge keys ({@code <<: *defaults}, {@code <<: [*a, *b]}; keys written in the map
 * win), and enforces nesting depth, per-monitor size and total alias expansion. Problems that
 * leave the tree usable (a duplicate key, an unknown alias, an unsupported tag) become
 * {@link Parsed.Pending}s; exceeding a limit throws {@link Fatal}.
 *
 * <p>Anchors live for the whole document, as YAML has it, so a block anchored in the first
 * monitor can be reused by every later one. Confined to the reading thread.
 */
final class TreeBuilder {

    private static final int INDEX_THRESHOLD = 12;

    private final Supplier<Event> events;
    private final ManifestLimits limits;
    private final String source;
    private final Map<String, Node> anchors = new HashMap<>();
    private final Set<String> openAnchors = new HashSet<>();
    private final List<Frame> stack = new ArrayList<>();
    private long aliasExpansion;
    private long aliasText;
    private long monitorNodes;
    private List<Parsed.Pending> pending = new ArrayList<>();
    private int lastLine = 1;
    private int lastColumn = 1;

    TreeBuilder(Supplier<Event> events, ManifestLimits limits, String source) {
        this.events = events;
        this.limits = limits;
        this.source = source;
    }

    /** Starts a new monitor: resets its node count and hands out the problems of the last. */
    List<Parsed.Pending> startMonitor() {
        monitorNodes = 0;
        List<Parsed.Pending> previous = pending;
        pending = new ArrayList<>(0);
        return previous;
    }

    /** Problems found since {@link #startMonitor()}. */
    List<Parsed.Pending> pending() {
        return pending;
    }

    int lastLine() {
        return lastLine;
    }

    int lastColumn() {
        return lastColumn;
    }

    /**
     * Builds the node that starts with {@code first}, consuming its events.
     *
     * @param first     a scalar, alias, mapping-start or sequence-start event
     * @param baseDepth the nesting depth of the node's parent
     * @return the node
     * @throws Fatal when a limit is exceeded
     */
    Node build(Event first, int baseDepth) {
        int bottom = stack.size();
        Event event = first;
        while (true) {
            Node done;
            switch (event.getEventId()) {
                case Scalar -> done = scalar((ScalarEvent) event);
                case Alias -> done = alias((AliasEvent) event);
                case MappingStart, SequenceStart -> {
                    open((CollectionStartEvent) event, baseDepth + stack.size() - bottom + 1);
                    done = null;
                }
                case MappingEnd, SequenceEnd -> done = close();
                default -> throw fatal("unexpected " + event.getEventId() + " in the middle of a node");
            }
            if (done != null) {
                if (stack.size() == bottom) {
                    return done;
                }
                stack.get(stack.size() - 1).add(done, this);
            }
            event = events.get();
        }
    }

    private Node scalar(ScalarEvent event) {
        mark(event);
        count(1);
        String tag = event.getTag().orElse(null);
        Node.Scalar node = Scalars.resolve(lastLine, lastColumn, event.getValue(), event.isPlain() && tag == null, tag);
        if (node == null) {
            problem(lastLine, lastColumn, "", Scalars.isStandard(tag)
                    ? "the value \"" + event.getValue() + "\" does not fit its tag " + Scalars.shortTag(tag)
                    + "; remove the tag or fix the value"
                    : "the tag " + Scalars.shortTag(tag) + " is not supported; write the value without a tag");
            node = new Node.Scalar(lastLine, lastColumn, event.getValue(), Node.Kind.STRING, event.getValue(), false);
        }
        anchor(event, node);
        return node;
    }

    private Node alias(AliasEvent event) {
        mark(event);
        String name = event.getAlias().getValue();
        Node target = anchors.get(name);
        if (target == null) {
            String reason = openAnchors.contains(name)
                    ? "the alias *" + name + " refers to a node that contains it (recursive aliases are not allowed)"
                    : "the alias *" + name + " refers to no anchor; define &" + name + " before using it";
            problem(lastLine, lastColumn, "", reason);
            count(1);
            return new Node.Scalar(lastLine, lastColumn, "", Node.Kind.NULL, null, true);
        }
        long size = target.size();
        aliasExpansion += size;
        if (aliasExpansion > limits.maxAliasExpansion()) {
            throw fatal("aliases expand to more than " + limits.maxAliasExpansion()
                    + " nodes in total (limit maxAliasExpansion); *" + name + " alone stands for " + size);
        }
        long text = target.textLength();
        aliasText += text;
        if (aliasText > limits.maxAliasText()) {
            throw fatal("aliases expand to more than " + limits.maxAliasText() + " characters of text in total "
                    + "(limit maxAliasText, cpra.manifest-limits.max-alias-text); *" + name + " alone stands for " + text);
        }
        count(size);
        return target;
    }

    private void open(CollectionStartEvent event, int depth) {
        mark(event);
        if (depth > limits.maxDepth()) {
            throw fatal("maps and lists are nested deeper than " + limits.maxDepth() + " levels (limit maxDepth)");
        }
        count(1);
        String tag = event.getTag().orElse(null);
        boolean map = event.getEventId() == Event.ID.MappingStart;
        if (tag != null && !tag.equals("!") && !tag.equals(Scalars.TAG_PREFIX + (map ? "map" : "seq"))) {
            problem(lastLine, lastColumn, "", "the tag " + Scalars.shortTag(tag) + " is not supported; write the "
                    + (map ? "map" : "list") + " without a tag");
        }
        String anchor = event.getAnchor().map(a -> a.getValue()).orElse(null);
        if (anchor != null) {
            openAnchors.add(anchor);
        }
        stack.add(map ? new MapFrame(lastLine, lastColumn, anchor) : new SeqFrame(lastLine, lastColumn, anchor));
    }

    private Node close() {
        Frame frame = stack.remove(stack.size() - 1);
        Node node = frame.finish(this);
        if (frame.anchor != null) {
            openAnchors.remove(frame.anchor);
            anchors.put(frame.anchor, node);
        }
        return node;
    }

    private void anchor(NodeEvent event, Node node) {
        Optional<org.snakeyaml.engine.v2.common.Anchor> anchor = event.getAnchor();
        if (anchor.isPresent()) {
            anchors.put(anchor.get().getValue(), node);
        }
    }

    private void mark(Event event) {
        Optional<Mark> mark = event.getStartMark();
        if (mark.isPresent()) {
            lastLine = mark.get().getLine() + 1;
            lastColumn = mark.get().getColumn() + 1;
        }
    }

    private void count(long nodes) {
        monitorNodes += nodes;
        if (monitorNodes > limits.maxMonitorNodes()) {
            throw fatal("the monitor holds more than " + limits.maxMonitorNodes()
                    + " nodes with its aliases expanded (limit maxMonitorNodes)");
        }
    }

    void problem(int line, int column, String key, String message) {
        String path = path();
        if (!key.isEmpty()) {
            path = path.isEmpty() ? key : path + "." + key;
        }
        pending.add(new Parsed.Pending(line, column, path, message));
    }

    /** The key path of the node being built, relative to the outermost node being built. */
    String path() {
        StringBuilder path = new StringBuilder();
        // frame 0 is the monitor itself (or the top-level map outside one)
        for (Frame frame : stack) {
            frame.appendSegment(path);
        }
        return path.toString();
    }

    /** The name of the monitor being built, when its name key was already read. */
    String monitorName() {
        if (!stack.isEmpty() && stack.get(0) instanceof MapFrame map) {
            int i = map.keys.indexOf("name");
            if (i >= 0 && map.values.get(i) instanceof Node.Scalar name) {
                return name.text;
            }
        }
        return "";
    }

    Fatal fatal(String message) {
        return new Fatal(new ManifestError(new ManifestPosition(source, lastLine, lastColumn), monitorName(),
                path(), message));
    }

    /** Clears the stack after a fatal problem so the builder holds nothing. */
    void reset() {
        stack.clear();
    }

    /** A problem that stops reading. */
    static final class Fatal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ManifestError error;

        Fatal(ManifestError error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }
    }

    private abstract static sealed class Frame permits MapFrame, SeqFrame {
        final int line;
        final int column;
        final String anchor;

        Frame(int line, int column, String anchor) {
            this.line = line;
            this.column = column;
            this.anchor = anchor;
        }

        abstract void add(Node node, TreeBuilder builder);

        abstract Node finish(TreeBuilder builder);

        abstract void appendSegment(StringBuilder path);
    }

    private static final class SeqFrame extends Frame {
        private final List<Node> items = new ArrayList<>(4);

        SeqFrame(int line, int column, String anchor) {
            super(line, column, anchor);
        }

        @Override
        void add(Node node, TreeBuilder builder) {
            items.add(node);
        }

        @Override
        Node finish(TreeBuilder builder) {
            return new Node.SeqNode(line, column, items.toArray(new Node[0]));
        }

        @Override
        void appendSegment(StringBuilder path) {
            path.append('[').append(items.size()).append(']');
        }
    }

    private static final class MapFrame extends Frame {
        private final List<String> keys = new ArrayList<>(8);
        private final List<Node> values = new ArrayList<>(8);
        private int[] keyLines = new int[8];
        private int[] keyColumns = new int[8];
        private Map<String, Integer> index;
        private List<Node.MapNode> merges;
        /** The key read and waiting for its value; null while a key is expected. */
        private Node.Scalar key;
        private boolean awaitingValue;
        private boolean skipValue;

        MapFrame(int line, int column, String anchor) {
            super(line, column, anchor);
        }

        @Override
        void add(Node node, TreeBuilder builder) {
            if (!awaitingValue) {
                awaitingValue = true;
                if (node instanceof Node.Scalar scalar) {
                    key = scalar;
                    skipValue = false;
                } else {
                    key = null;
                    skipValue = true;
                    builder.problem(node.line, node.column, "", "a key must be a single value, not " + node.describe());
                }
                return;
            }
            awaitingValue = false;
            if (skipValue) {
                return;
            }
            Node.Scalar k = key;
            key = null;
            if (k.plain && k.text.equals("<<")) {
                merge(node, k, builder);
                return;
            }
            int existing = indexOf(k.text);
            if (existing >= 0) {
                builder.problem(k.line, k.column, k.text, "duplicate key \"" + k.text + "\"; first written at line "
                        + keyLines[existing] + ", column " + keyColumns[existing]);
                return;
            }
            put(k.text, k.line, k.column, node);
        }

        private void merge(Node value, Node.Scalar k, TreeBuilder builder) {
            if (merges == null) {
                merges = new ArrayList<>(2);
            }
            if (value instanceof Node.MapNode map) {
                merges.add(map);
            } else if (value instanceof Node.SeqNode seq && allMaps(seq)) {
                for (Node item : seq.items) {
                    merges.add((Node.MapNode) item);
                }
            } else {
                builder.problem(k.line, k.column, "<<", "a merge key needs a map or a list of maps, such as "
                        + "<<: *defaults; got " + value.describe());
            }
        }

        private static boolean allMaps(Node.SeqNode seq) {
            for (Node item : seq.items) {
                if (!(item instanceof Node.MapNode)) {
                    return false;
                }
            }
            return true;
        }

        private int indexOf(String k) {
            if (index != null) {
                Integer i = index.get(k);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).equals(k)) {
                    return i;
                }
            }
            return -1;
        }

        private void put(String k, int keyLine, int keyColumn, Node value) {
            int i = keys.size();
            if (i == keyLines.length) {
                keyLines = java.util.Arrays.copyOf(keyLines, i * 2);
                keyColumns = java.util.Arrays.copyOf(keyColumns, i * 2);
            }
            keys.add(k);
            values.add(value);
            keyLines[i] = keyLine;
            keyColumns[i] = keyColumn;
            if (index != null) {
                index.put(k, i);
            } else if (keys.size() > INDEX_THRESHOLD) {
                // a large map (a plugin's table, say): switch from scanning to hashing
                index = new HashMap<>();
                for (int j = 0; j < keys.size(); j++) {
                    index.put(keys.get(j), j);
                }
            }
        }

        @Override
        Node finish(TreeBuilder builder) {
            if (merges != null) {
                // keys written in this map win; among merged maps the first one listed wins
                for (Node.MapNode source : merges) {
                    for (int i = 0; i < source.keys.length; i++) {
                        if (indexOf(source.keys[i]) < 0) {
                            put(source.keys[i], source.keyLines[i], source.keyColumns[i], source.values[i]);
                        }
                    }
                }
            }
            int n = keys.size();
            return new Node.MapNode(line, column, keys.toArray(new String[0]), java.util.Arrays.copyOf(keyLines, n),
                    java.util.Arrays.copyOf(keyColumns, n), values.toArray(new Node[0]));
        }

        @Override
        void appendSegment(StringBuilder path) {
            if (awaitingValue && key != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(key.text);
            }
        }
    }
}
