package io.cpra.core.manifest;

import java.util.Optional;

/**
 * Finds where a key path such as {@code pulse_check.config.headers[1]} is written in a monitor's
 * tree. A key containing dots is matched whole when the map has it. Stateless.
 */
final class Paths {

    private Paths() {
    }

    /**
     * @param root    the monitor's tree
     * @param keyPath the path, relative to the monitor
     * @param source  the source name for the position
     * @return the position of the deepest part of the path that exists and came from text
     */
    static Optional<ManifestPosition> locate(Node root, String keyPath, String source) {
        Node node = root;
        int line = root.line;
        int column = root.column;
        int at = 0;
        while (at < keyPath.length() && node != null) {
            char c = keyPath.charAt(at);
            if (c == '.') {
                at++;
                continue;
            }
            if (c == '[' && node instanceof Node.SeqNode seq) {
                int close = keyPath.indexOf(']', at);
                int index = close < 0 ? -1 : parseIndex(keyPath, at + 1, close);
                if (index < 0 || index >= seq.items.length) {
                    break;
                }
                node = seq.items[index];
                line = node.line;
                column = node.column;
                at = close + 1;
            } else if (node instanceof Node.MapNode map) {
                int best = -1;
                for (int i = 0; i < map.keys.length; i++) {
                    String key = map.keys[i];
                    if (keyPath.startsWith(key, at) && endsSegment(keyPath, at + key.length())
                            && (best < 0 || key.length() > map.keys[best].length())) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                line = map.keyLines[best];
                column = map.keyColumns[best];
                at += map.keys[best].length();
                node = map.values[best];
            } else {
                break;
            }
        }
        return line > 0 ? Optional.of(new ManifestPosition(source, line, column)) : Optional.empty();
    }

    private static boolean endsSegment(String path, int at) {
        return at == path.length() || path.charAt(at) == '.' || path.charAt(at) == '[';
    }

    private static int parseIndex(String path, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
