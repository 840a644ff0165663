package io.cpra.core.storage;

/** A store could not be opened, migrated, read or written. The message names the store. */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the store
     * @param cause   the driver's exception, or null
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
