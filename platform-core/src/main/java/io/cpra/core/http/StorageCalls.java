package io.cpra.core.http;

import io.cpra.core.storage.Page;
import io.cpra.core.storage.StorageException;

import java.util.function.Supplier;

/**
 * Reads the store on the request's (virtual) thread and turns its failures into answers, in one
 * place: a store that cannot answer is 503 with {@code Retry-After}, as a busy engine is, since
 * the journal retries and the store usually comes back; a cursor the store does not recognise
 * is 400 on {@code cursor}. The store's message names the store and its error, which is for the
 * log, not for callers, so the answer only says that storage is unavailable. No instances;
 * thread-safe.
 */
final class StorageCalls {

    static final String UNAVAILABLE = "storage is unavailable; try again";

    private static final System.Logger LOG = System.getLogger(StorageCalls.class.getName());

    private StorageCalls() {
    }

    /**
     * One read.
     *
     * @param read the call to the store
     * @param <T>  the answer's type
     * @return the answer
     * @throws ApiException 503 when the store fails
     */
    static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (StorageException e) {
            // the message never holds the password; the stack trace adds nothing to it
            LOG.log(System.Logger.Level.WARNING, "answering 503: " + e.getMessage());
            throw ApiException.unavailable(UNAVAILABLE);
        }
    }

    /**
     * One page of a listing whose limit was checked already, so that the only argument the
     * store can refuse is the cursor.
     *
     * @param listing the call to the store
     * @param <T>     the record type
     * @return the page
     * @throws ApiException 400 on {@code cursor} when the store refuses it, 503 when the store fails
     */
    static <T> Page<T> page(Supplier<Page<T>> listing) {
        try {
            return read(listing);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("cursor", "not a cursor of this listing; pass the \"next\" value of the previous page");
        }
    }
}
