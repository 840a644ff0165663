package io.cpra.core.manifest;

/**
 * Bounds that keep a hostile or broken manifest from exhausting memory or time. Immutable.
 * The defaults carry a 1,000,000-monitor manifest of several hundred megabytes while stopping
 * a "billion laughs" alias bomb, absurd nesting or an endless stream within a fraction of a
 * second. Exceeding a bound stops reading with an error naming the line and column.
 *
 * @param maxBytes           most bytes read from a file or stream; 1..{@link Long#MAX_VALUE},
 *                           default {@value #DEFAULT_MAX_BYTES} (512 MiB)
 * @param maxCodePoints      most characters (Unicode code points) in the document, whatever its
 *                           source; 1..{@link Integer#MAX_VALUE}, default {@value #DEFAULT_MAX_CODE_POINTS}
 * @param maxDepth           deepest nesting of maps and lists, counting the top-level map as 1;
 *                           4..10,000, default {@value #DEFAULT_MAX_DEPTH}
 * @param maxAliasExpansion  most nodes that aliases ({@code *name}, {@code <<: *name}) may stand
 *                           for in the whole manifest, each alias counting the size of what it
 *                           refers to; 0..{@link Long#MAX_VALUE}, default {@value #DEFAULT_MAX_ALIAS_EXPANSION}
 * @param maxMonitorNodes    most nodes in one monitor with its aliases expanded;
 *                           16..{@link Integer#MAX_VALUE}, default {@value #DEFAULT_MAX_MONITOR_NODES}
 * @param maxErrors          most errors kept; further ones are only counted;
 *                           1..{@link Integer#MAX_VALUE}, default {@value #DEFAULT_MAX_ERRORS}
 * @param maxScalarLength    most characters in one scalar, counted as everything read between two
 *                           YAML events, so an unterminated quote is refused as soon as it passes
 *                           the bound rather than at the end of the file; 1,024..{@link Integer#MAX_VALUE},
 *                           default {@value #DEFAULT_MAX_SCALAR_LENGTH} (1 Mi)
 * @param maxAliasText       most characters of text (keys and scalars) that aliases may stand for
 *                           in the whole manifest, each alias counting the text of what it refers
 *                           to; 0..{@link Long#MAX_VALUE}, default {@value #DEFAULT_MAX_ALIAS_TEXT} (64 Mi)
 */
public record ManifestLimits(long maxBytes, int maxCodePoints, int maxDepth, long maxAliasExpansion,
                             int maxMonitorNodes, int maxErrors, int maxScalarLength, long maxAliasText) {

    /**
     * Default {@link #maxBytes()}: 512 MiB, room for a 1,000,000-monitor manifest (about 410 MB
     * written as the benchmarks write it). A file is refused by its size before it is read.
     */
    public static final long DEFAULT_MAX_BYTES = 1L << 29;
    /** Default {@link #maxScalarLength()}: 1 Mi characters. */
    public static final int DEFAULT_MAX_SCALAR_LENGTH = 1 << 20;
    /** Default {@link #maxAliasText()}: 64 Mi characters. */
    public static final long DEFAULT_MAX_ALIAS_TEXT = 1L << 26;
    /** Default {@link #maxCodePoints()}: 2^30 (about a thousand million). */
    public static final int DEFAULT_MAX_CODE_POINTS = 1 << 30;
    /** Default {@link #maxDepth()}. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Default {@link #maxAliasExpansion()}: 200 nodes for each of a million monitors. */
    public static final long DEFAULT_MAX_ALIAS_EXPANSION = 200_000_000L;
    /** Default {@link #maxMonitorNodes()}. */
    public static final int DEFAULT_MAX_MONITOR_NODES = 100_000;
    /** Default {@link #maxErrors()}. */
    public static final int DEFAULT_MAX_ERRORS = 10_000;

    /** The defaults. */
    public static final ManifestLimits DEFAULTS = new ManifestLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_CODE_POINTS,
            DEFAULT_MAX_DEPTH, DEFAULT_MAX_ALIAS_EXPANSION, DEFAULT_MAX_MONITOR_NODES, DEFAULT_MAX_ERRORS,
            DEFAULT_MAX_SCALAR_LENGTH, DEFAULT_MAX_ALIAS_TEXT);

    /**
     * Creates limits.
     *
     * @throws IllegalArgumentException when a bound is outside its range
     */
    public ManifestLimits {
        check("maxBytes", maxBytes, 1, Long.MAX_VALUE);
        check("maxCodePoints", maxCodePoints, 1, Integer.MAX_VALUE);
        check("maxDepth", maxDepth, 4, 10_000);
        check("maxAliasExpansion", maxAliasExpansion, 0, Long.MAX_VALUE);
        check("maxMonitorNodes", maxMonitorNodes, 16, Integer.MAX_VALUE);
        check("maxErrors", maxErrors, 1, Integer.MAX_VALUE);
        check("maxScalarLength", maxScalarLength, 1024, Integer.MAX_VALUE);
        check("maxAliasText", maxAliasText, 0, Long.MAX_VALUE);
    }

    /**
     * Limits with the default scalar and alias-text bounds.
     *
     * @param maxBytes          most bytes
     * @param maxCodePoints     most characters
     * @param maxDepth          deepest nesting
     * @param maxAliasExpansion most nodes aliases stand for
     * @param maxMonitorNodes   most nodes in one monitor
     * @param maxErrors         most errors kept
     */
    public ManifestLimits(long maxBytes, int maxCodePoints, int maxDepth, long maxAliasExpansion,
                          int maxMonitorNodes, int maxErrors) {
        this(maxBytes, maxCodePoints, maxDepth, maxAliasExpansion, maxMonitorNodes, maxErrors,
                DEFAULT_MAX_SCALAR_LENGTH, DEFAULT_MAX_ALIAS_TEXT);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxScalarLength, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxScalarLength(int value) {
        return new ManifestLimits(maxBytes, maxCodePoints, maxDepth, maxAliasExpansion, maxMonitorNodes, maxErrors,
                value, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxAliasText, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxAliasText(long value) {
        return new ManifestLimits(maxBytes, maxCodePoints, maxDepth, maxAliasExpansion, maxMonitorNodes, maxErrors,
                maxScalarLength, value);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxBytes, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxBytes(long value) {
        return new ManifestLimits(value, maxCodePoints, maxDepth, maxAliasExpansion, maxMonitorNodes, maxErrors,
                maxScalarLength, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxCodePoints, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxCodePoints(int value) {
        return new ManifestLimits(maxBytes, value, maxDepth, maxAliasExpansion, maxMonitorNodes, maxErrors,
                maxScalarLength, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxDepth, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxDepth(int value) {
        return new ManifestLimits(maxBytes, maxCodePoints, value, maxAliasExpansion, maxMonitorNodes, maxErrors,
                maxScalarLength, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxAliasExpansion, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxAliasExpansion(long value) {
        return new ManifestLimits(maxBytes, maxCodePoints, maxDepth, value, maxMonitorNodes, maxErrors,
                maxScalarLength, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxMonitorNodes, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxMonitorNodes(int value) {
        return new ManifestLimits(maxBytes, maxCodePoints, maxDepth, maxAliasExpansion, value, maxErrors,
                maxScalarLength, maxAliasText);
    }

    /**
     * A copy with another bound.
     *
     * @param value the new maxErrors, within the range given above
     * @return the copy
     */
    public ManifestLimits withMaxErrors(int value) {
        return new ManifestLimits(maxBytes, maxCodePoints, maxDepth, maxAliasExpansion, maxMonitorNodes, value,
                maxScalarLength, maxAliasText);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
