package io.cpra.plugins.http;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads or discards a response body, bounded, so that a connection goes back for reuse only
 * when its response was read to the end. No instances.
 *
 * <p>Helidon allocates a buffer of the size each {@code read} asks for, so reads ask for what
 * is left of the announced length rather than a fixed chunk, and the last read, which lets
 * Helidon see the end and release the connection, asks for one byte.
 */
final class Bodies {

    /** The most of a body that is read for body rules, or drained to keep its connection. */
    static final int LIMIT = 64 * 1024;

    /** A body read for rules: its first {@code length} bytes, at most {@link #LIMIT}. */
    record Body(byte[] bytes, int length) {
    }

    // Drained bytes are thrown away: every thread may write into this array at once.
    private static final byte[] DISCARD = new byte[8192];

    private Bodies() {
    }

    /**
     * Reads up to {@link #LIMIT} bytes of the body, and on to the end when it fits.
     *
     * @throws UncheckedIOException when reading fails
     */
    static Body read(HttpClientResponse response) {
        long announced = announced(response);
        byte[] bytes = new byte[(int) (announced >= 0 ? Math.min(LIMIT, announced) : 1024)];
        int length = 0;
        try {
            InputStream in = response.inputStream();
            while (true) {
                if (length == bytes.length) {
                    if (length == LIMIT || length == announced) {
                        // one more read lets Helidon see the end (and release the connection)
                        // when the body ends here; past the limit, closing discards the rest
                        in.read(DISCARD, 0, 1);
                        return new Body(bytes, length);
                    }
                    bytes = Arrays.copyOf(bytes, Math.min(LIMIT, bytes.length * 2));
                }
                int read = in.read(bytes, length, bytes.length - length);
                if (read < 0) {
                    return new Body(bytes, length);
                }
                length += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body's announced length, or -1 when there is none (a chunked body). Read from the
     * header text: Helidon's {@code contentLength()} converts through its mapper registry,
     * which costs more than the rest of reading a small body.
     */
    static long announced(HttpClientResponse response) {
        String value = response.headers().value(HeaderNames.CONTENT_LENGTH).orElse(null);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads the body to its end and throws it away, unless it is longer than {@link #LIMIT}:
     * then the connection is not worth the reading, and closing the response closes it.
     *
     * @return how many bytes were read
     * @throws UncheckedIOException when reading fails
     */
    static int drain(HttpClientResponse response) {
        long announced = announced(response);
        if (announced > LIMIT) {
            return 0;
        }
        long left = announced >= 0 ? announced : LIMIT;
        int length = 0;
        try {
            InputStream in = response.inputStream();
            while (length <= LIMIT) {
                int read = in.read(DISCARD, 0, (int) Math.max(1, Math.min(DISCARD.length, left - length)));
                if (read < 0) {
                    return length;
                }
                length += read;
            }
            return length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
