package io.cpra.core.engine.store;

/**
 * Writes the columns of one row of a batch; see {@link EntityStore#addAll} and
 * {@link EntityStore#updateAll}. Called on the engine thread, once per row, in batch order.
 */
@FunctionalInterface
public interface RowWriter {

    /**
     * Writes one row.
     *
     * @param index the position in the batch, from 0
     * @param row   the row to write, live for the duration of the call
     */
    void write(int index, int row);
}
