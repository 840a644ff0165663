package io.cpra.core.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a monitor's small tree: the YAML as written, with the line and column of every
 * node and key, built from parser events one monitor at a time. Nodes are immutable once built,
 * except for the cached plain form of collections, which only the reading thread writes.
 *
 * <p>Aliases are resolved by sharing: a {@code *name} becomes a reference to the anchored node,
 * so a tree may be a DAG. {@link #size()} counts nodes as if every alias were expanded, which is
 * what the limits bound. Lines and columns are 1-based; 0 means "not from a file".
 */
abstract sealed class Node permits Node.Scalar, Node.MapNode, Node.SeqNode {

    final int line;
    final int column;

    Node(int line, int column) {
        this.line = line;
        this.column = column;
    }

    /** Nodes in this subtree with aliases expanded; at least 1. */
    abstract long size();

    /**
     * Characters of text (keys and scalars) in this subtree with aliases expanded: what an
     * alias really costs, since one node may hold megabytes.
     */
    abstract long textLength();

    /** The plain Java form: String, Integer/Long/BigInteger, Double, Boolean, null, List, Map. */
    abstract Object plain();

    /** What the node is, for "expected X, got Y" messages. */
    abstract String describe();

    /** The type a scalar resolved to under the YAML 1.2 core schema, or its explicit tag. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /** A scalar: its text as written and the value it resolves to. */
    static final class Scalar extends Node {
        final String text;
        final Kind kind;
        final Object value;
        /** Plain (unquoted, untagged) scalars are the only ones YAML 1.1 booleans apply to. */
        final boolean plain;

        Scalar(int line, int column, String text, Kind kind, Object value, boolean plain) {
            super(line, column);
            this.text = text;
            this.kind = kind;
            this.value = value;
            this.plain = plain;
        }

        @Override
        long size() {
            return 1;
        }

        @Override
        long textLength() {
            return text.length();
        }

        @Override
        Object plain() {
            return value;
        }

        @Override
        String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case STRING -> "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
                default -> text;
            };
        }
    }

    /** A mapping with scalar keys in the order written (merged keys last), keys unique. */
    static final class MapNode extends Node {
        final String[] keys;
        final int[] keyLines;
        final int[] keyColumns;
        final Node[] values;
        private final long size;
        private final long textLength;
        private Map<String, Object> plain;

        MapNode(int line, int column, String[] keys, int[] keyLines, int[] keyColumns, Node[] values) {
            super(line, column);
            this.keys = keys;
            this.keyLines = keyLines;
            this.keyColumns = keyColumns;
            this.values = values;
            long total = 1;
            long text = 0;
            for (int i = 0; i < values.length; i++) {
                total += 1 + values[i].size();
                text += keys[i].length() + values[i].textLength();
            }
            this.size = total;
            this.textLength = text;
        }

        @Override
        long textLength() {
            return textLength;
        }

        int length() {
            return keys.length;
        }

        /** The index of a key, or -1; maps in a manifest are small, so a scan beats hashing. */
        int indexOf(String key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        Node get(String key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        long size() {
            return size;
        }

        @Override
        Map<String, Object> plain() {
            // cached so that a block shared through an alias becomes one shared immutable map
            if (plain == null) {
                Map<String, Object> map = new LinkedHashMap<>(Math.max(4, keys.length * 4 / 3 + 1));
                for (int i = 0; i < keys.length; i++) {
                    map.put(keys[i], values[i].plain());
                }
                plain = Collections.unmodifiableMap(map);
            }
            return plain;
        }

        @Override
        String describe() {
            return "a map";
        }
    }

    /** A sequence. */
    static final class SeqNode extends Node {
        final Node[] items;
        private final long size;
        private final long textLength;
        private List<Object> plain;

        SeqNode(int line, int column, Node[] items) {
            super(line, column);
            this.items = items;
            long total = 1;
            long text = 0;
            for (Node item : items) {
                total += item.size();
                text += item.textLength();
            }
            this.size = total;
            this.textLength = text;
        }

        @Override
        long textLength() {
            return textLength;
        }

        @Override
        long size() {
            return size;
        }

        @Override
        List<Object> plain() {
            if (plain == null) {
                Object[] values = new Object[items.length];
                for (int i = 0; i < items.length; i++) {
                    values[i] = items[i].plain();
                }
                // Arrays.asList keeps nulls, which List.of would refuse
                plain = Collections.unmodifiableList(Arrays.asList(values));
            }
            return plain;
        }

        @Override
        String describe() {
            return "a list";
        }
    }

    /** Builds a node from plain values, for monitors that arrive already parsed (JSON bodies). */
    static Node ofPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            String[] keys = new String[map.size()];
            Node[] values = new Node[map.size()];
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                keys[i] = String.valueOf(entry.getKey());
                values[i] = ofPlain(entry.getValue());
                i++;
            }
            return new MapNode(0, 0, keys, new int[keys.length], new int[keys.length], values);
        }
        if (value instanceof List<?> list) {
            List<Node> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(ofPlain(item));
            }
            return new SeqNode(0, 0, items.toArray(Node[]::new));
        }
        return Scalars.ofValue(value);
    }
}
