package io.cpra.core.http;

/**
 * How the HTTP API guards itself: who may call it and how much a request body may hold.
 * Immutable; {@link #toString()} never shows the token.
 *
 * <p>Ranges: {@code maxBodyBytes} 1 to 1 GiB; {@code maxStringLength} 1 to {@code maxBodyBytes};
 * {@code maxDepth} 1 to 1,000.
 *
 * @param token           the bearer token that writes (and protected reads) need, or {@code null}
 *                        when none is configured: then every write is refused with 403
 * @param protectReads    whether reads need the token too
 * @param maxBodyBytes    the largest request body; a larger one is refused with 413
 * @param maxStringLength the longest string (or object key) in a JSON body, in characters
 * @param maxDepth        how deeply arrays and objects in a JSON body may nest
 */
public record ApiSettings(String token, boolean protectReads, int maxBodyBytes, int maxStringLength, int maxDepth) {

    /** 1 MiB: far more than any command needs, small enough to hold in memory. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** 64 Ki characters. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 16;
    /** 32 levels. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final int MAX_BODY_CEILING = 1 << 30;
    private static final int MAX_DEPTH_CEILING = 1_000;

    /**
     * Checks the ranges and the token's characters.
     *
     * @throws IllegalArgumentException naming the value out of range; never quoting the token
     */
    public ApiSettings {
        if (token != null && !visibleAscii(token)) {
            throw new IllegalArgumentException("the token must be 1 or more visible ASCII characters, without spaces");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_CEILING) {
            throw new IllegalArgumentException("the body limit must be between 1 and " + MAX_BODY_CEILING + " bytes, got " + maxBodyBytes);
        }
        if (maxStringLength < 1 || maxStringLength > maxBodyBytes) {
            throw new IllegalArgumentException("the string limit must be between 1 and the body limit (" + maxBodyBytes
                    + "), got " + maxStringLength);
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("the depth limit must be between 1 and " + MAX_DEPTH_CEILING + ", got " + maxDepth);
        }
    }

    /**
     * No token (writes refused), open reads, default limits.
     *
     * @return the settings
     */
    public static ApiSettings defaults() {
        return new ApiSettings(null, false, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_DEPTH);
    }

    /**
     * These settings with another token.
     *
     * @param token the token, or {@code null} for none
     * @return a copy
     */
    public ApiSettings withToken(String token) {
        return new ApiSettings(token, protectReads, maxBodyBytes, maxStringLength, maxDepth);
    }

    /**
     * These settings with reads protected or open.
     *
     * @param protect true to make reads need the token
     * @return a copy
     */
    public ApiSettings withProtectedReads(boolean protect) {
        return new ApiSettings(token, protect, maxBodyBytes, maxStringLength, maxDepth);
    }

    /**
     * Whether writes can be made at all.
     *
     * @return true when a token is configured
     */
    public boolean writesEnabled() {
        return token != null;
    }

    @Override
    public String toString() {
        return "ApiSettings[token=" + (token == null ? "none" : "(set)") + ", protectReads=" + protectReads
                + ", maxBodyBytes=" + maxBodyBytes + ", maxStringLength=" + maxStringLength + ", maxDepth=" + maxDepth + "]";
    }

    private static boolean visibleAscii(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
