package io.cpra.core.manifest;

import java.util.Objects;

/**
 * A place in a manifest: the source's name and a 1-based line and column. Immutable.
 *
 * @param source the file or source name as given to the reader, such as {@code conf/monitors.yaml}
 * @param line   1-based line, or 0 when the value did not come from text (a parsed JSON body)
 * @param column 1-based column, or 0 with line 0
 */
public record ManifestPosition(String source, int line, int column) {

    /** Creates a position. */
    public ManifestPosition {
        Objects.requireNonNull(source, "source");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
    }

    /**
     * Whether this position points into text.
     *
     * @return false for values that did not come from text
     */
    public boolean known() {
        return line > 0;
    }

    /**
     * {@code source:line:column}, or the source alone when the line is not known.
     *
     * @return the position as editors and compilers print it
     */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
