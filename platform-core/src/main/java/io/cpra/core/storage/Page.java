package io.cpra.core.storage;

import java.util.List;

/**
 * One page of a listing. Immutable.
 *
 * @param items the records
 * @param next  the cursor of the next page, or {@code null} at the end; opaque to callers
 * @param <T>   the record type
 */
public record Page<T>(List<T> items, String next) {

    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
    }
}
