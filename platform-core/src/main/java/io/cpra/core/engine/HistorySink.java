package io.cpra.core.engine;

/**
 * Where the engine hands the check history of closed minutes, a chunk at a time. Called on the
 * engine thread, so an implementation must return at once: queue the chunk, never do I/O in
 * {@link #offer}.
 *
 * <p>History must never hold a check back, so a sink that has fallen behind refuses rather
 * than asking the engine to wait: the engine counts the refused buckets
 * ({@code cpra_history_buckets_dropped_total}) and goes on.
 */
public interface HistorySink {

    /** A sink that takes everything and keeps nothing. */
    HistorySink NONE = chunk -> true;

    /**
     * Takes one chunk of closed buckets, or refuses it when the sink is over its bound.
     *
     * @param chunk the buckets; the sink owns it from now on
     * @return false when refused; the chunk is then dropped
     */
    boolean offer(HistoryChunk chunk);
}
