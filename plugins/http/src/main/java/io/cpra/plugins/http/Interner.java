package io.cpra.plugins.http;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out one shared instance per distinct value, so a million monitors written with the
 * same settings hold one copy of them. Values are held weakly: once no prepared check uses a
 * value any more, it can be collected. Thread-safe; used at prepare time, never per check.
 *
 * @param <T> an immutable value type with {@code equals} and {@code hashCode}
 */
final class Interner<T> {

    private final Map<T, WeakReference<T>> pool = new WeakHashMap<>();

    /**
     * The shared instance equal to {@code value}; {@code value} itself when it is the first.
     */
    synchronized T intern(T value) {
        WeakReference<T> held = pool.get(value);
        T existing = held == null ? null : held.get();
        if (existing != null) {
            return existing;
        }
        pool.put(value, new WeakReference<>(value));
        return value;
    }
}
