package io.cpra.plugin.api;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out one shared instance per distinct value, so a million monitors written with the
 * same settings hold one copy of them. Values are held weakly: once no prepared instance uses a
 * value any more, it can be collected. For values that hold something to release (a client, an
 * open file), use {@link SharedInstances}, which counts references and cleans up.
 *
 * <p>Thread-safe: {@code prepare} may run on several threads at once. Interning happens at
 * prepare time, never per call, so one lock is enough.
 *
 * @param <T> an immutable value type with {@code equals} and {@code hashCode}
 */
public final class Interner<T> {

    private final Map<T, WeakReference<T>> pool = new WeakHashMap<>();

    private Interner() {
    }

    /**
     * An empty interner.
     *
     * @param <T> the value type
     * @return the interner
     */
    public static <T> Interner<T> create() {
        return new Interner<>();
    }

    /**
     * The shared instance equal to {@code value}.
     *
     * @param value a value
     * @return the instance interned first among those equal to {@code value}; {@code value}
     *         itself when it is the first
     */
    public synchronized T intern(T value) {
        WeakReference<T> held = pool.get(value);
        T existing = held == null ? null : held.get();
        if (existing != null) {
            return existing;
        }
        pool.put(value, new WeakReference<>(value));
        return value;
    }

    /**
     * How many distinct values are held; collected ones may still be counted until the next
     * call cleans them out.
     *
     * @return the number of values
     */
    public synchronized int size() {
        return pool.size();
    }
}
