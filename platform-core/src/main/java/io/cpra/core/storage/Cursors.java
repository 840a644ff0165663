package io.cpra.core.storage;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Opaque page cursors: URL-safe base64 of a one-byte listing tag and the last row's key. The tag
 * keeps a cursor of one listing from being taken for another's. Stateless.
 */
final class Cursors {

    static final byte INCIDENTS = 'i';
    static final byte EVENTS = 'e';
    static final byte OUTBOX = 'o';

    /** Smallest and largest page a listing serves. */
    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 1000;

    private Cursors() {
    }

    /** @return the cursor of the page after the row with this key */
    static String encode(byte listing, long key) {
        byte[] bytes = ByteBuffer.allocate(Long.BYTES + 1).put(listing).putLong(key).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @return the key carried by a cursor of this listing
     * @throws IllegalArgumentException when it is not one
     */
    static long decode(byte listing, String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw notOurs(cursor);
        }
        if (bytes.length != Long.BYTES + 1 || bytes[0] != listing) {
            throw notOurs(cursor);
        }
        return ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
    }

    /** @throws IllegalArgumentException when the limit is outside 1..1000 */
    static void checkLimit(int limit) {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be " + MIN_LIMIT + ".." + MAX_LIMIT + ", got " + limit);
        }
    }

    private static IllegalArgumentException notOurs(String cursor) {
        return new IllegalArgumentException("not a cursor of this listing: " + cursor);
    }
}
