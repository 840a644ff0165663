package io.cpra.core.manifest;

/**
 * One monitor being checked: its tree, its name once known, and where its errors go. Until the
 * name is known (or when it is unusable) error paths start with the monitor's index, such as
 * {@code monitors[3].pulse.interval}. Lives while the monitor is validated; not thread-safe.
 */
final class MonitorCheck {

    final Node root;
    private final String prefix;
    private final String source;
    private final Problems problems;
    private String name = "";
    /** Key paths already reported, so that a later check does not report one twice. */
    private final java.util.Set<String> reported = new java.util.HashSet<>();

    MonitorCheck(Node root, String prefix, String source, Problems problems) {
        this.root = root;
        this.prefix = prefix;
        this.source = source;
        this.problems = problems;
    }

    /** The monitor's name, or an empty string while it is not known. */
    String name() {
        return name;
    }

    void name(String known) {
        this.name = known;
    }

    /** Whether an error was already reported at this key path or inside it. */
    boolean reported(String path) {
        for (String at : reported) {
            if (at.equals(path) || at.startsWith(path + ".") || at.startsWith(path + "[")
                    || path.startsWith(at + ".") || path.startsWith(at + "[")) {
                return true;
            }
        }
        return false;
    }

    void error(int line, int column, String path, String message) {
        reported.add(path);
        String fullPath = name.isEmpty() && !prefix.isEmpty() ? (path.isEmpty() ? prefix : prefix + "." + path) : path;
        problems.add(new ManifestError(new ManifestPosition(source, line, column), name, fullPath, message));
    }
}
