package io.cpra.core.engine.store;

/**
 * Thrown when a handle no longer names a live row: its monitor was removed, and the row may
 * already hold another monitor under a newer generation.
 *
 * <p>Results that arrive for a removed monitor are the expected source; callers on that path
 * test with {@link EntityStore#rowIfLive(long)} instead of catching this.
 */
public final class StaleHandleException extends IllegalStateException {

    /** The refused handle. */
    private final long handle;

    StaleHandleException(long handle, String reason) {
        super("stale handle " + EntityStore.describe(handle) + ": " + reason);
        this.handle = handle;
    }

    /**
     * The handle that was refused.
     *
     * @return the stale handle
     */
    public long handle() {
        return handle;
    }
}
