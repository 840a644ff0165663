package io.cpra.core.manifest;

import java.util.List;

/**
 * What the manifest parser hands to validation, in document order: a monitor's tree, a
 * problem outside any monitor, or the end (after a fatal problem or the end of the document).
 */
sealed interface Parsed {

    /**
     * One item of the {@code monitors} list.
     *
     * @param index    0-based index in the list
     * @param node     the item's tree
     * @param problems what the tree builder found inside it (duplicate keys, bad aliases, tags)
     */
    record Monitor(int index, Node node, List<Pending> problems) implements Parsed {
    }

    /**
     * A problem outside any monitor.
     *
     * @param error the error
     */
    record Problem(ManifestError error) implements Parsed {
    }

    /**
     * The end of the stream of items.
     *
     * @param fatal the problem that stopped reading, or null when the document ended normally
     */
    record End(ManifestError fatal) implements Parsed {
    }

    /**
     * A problem inside a monitor, before the monitor's name is known.
     *
     * @param line    1-based line
     * @param column  1-based column
     * @param path    key path relative to the monitor
     * @param message what is wrong
     */
    record Pending(int line, int column, String path, String message) {
    }
}
