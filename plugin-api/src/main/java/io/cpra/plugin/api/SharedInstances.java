package io.cpra.plugin.api;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Prepared instances shared by every monitor whose config is equal, counted by reference: for
 * a plugin whose ready instances hold something costly (a client, an open file, a mail session).
 * {@code prepare} acquires (creating the instance on first use), the instance's
 * {@code close()} releases, and the last release forgets the instance and runs its clean-up.
 * So a million monitors that post to one receiver hold one instance between them, and a
 * receiver no monitor names any more is not kept forever.
 *
 * <p>Thread-safe. Acquire and release happen at load time and when monitors go away, never
 * on the delivery path, so one lock is enough.
 *
 * @param <K> the config value that decides equality
 * @param <V> the prepared instance
 */
public final class SharedInstances<K, V> {

    private final Map<K, Entry<V>> entries = new HashMap<>();
    private final Consumer<? super V> cleanUp;

    private SharedInstances(Consumer<? super V> cleanUp) {
        this.cleanUp = cleanUp;
    }

    /**
     * A registry whose instances need no clean-up.
     *
     * @param <K> the key type
     * @param <V> the instance type
     * @return an empty registry
     */
    public static <K, V> SharedInstances<K, V> create() {
        return new SharedInstances<>(instance -> { });
    }

    /**
     * A registry that runs {@code cleanUp} on an instance when its last reference is released.
     *
     * @param cleanUp what to do with a forgotten instance; called outside the registry's lock
     * @param <K>     the key type
     * @param <V>     the instance type
     * @return an empty registry
     */
    public static <K, V> SharedInstances<K, V> create(Consumer<? super V> cleanUp) {
        return new SharedInstances<>(cleanUp);
    }

    /**
     * Returns the instance for a key, creating it on first use, and counts one more reference.
     *
     * @param key    the config value
     * @param create makes the instance for a new key; must not call back into this registry
     * @return the shared instance
     */
    public synchronized V acquire(K key, Function<? super K, ? extends V> create) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(create.apply(key));
            entries.put(key, entry);
        }
        entry.references++;
        return entry.instance;
    }

    /**
     * Counts one reference less; the last one forgets the instance and cleans it up. Releasing a
     * key that is not held does nothing, so a double close is harmless.
     *
     * @param key the config value the instance was acquired with
     */
    public void release(K key) {
        V forgotten = null;
        synchronized (this) {
            Entry<V> entry = entries.get(key);
            if (entry != null && --entry.references == 0) {
                entries.remove(key);
                forgotten = entry.instance;
            }
        }
        if (forgotten != null) {
            cleanUp.accept(forgotten);
        }
    }

    /**
     * How many distinct instances are held.
     *
     * @return the number of keys with at least one reference
     */
    public synchronized int size() {
        return entries.size();
    }

    private static final class Entry<V> {
        private final V instance;
        private int references;

        private Entry(V instance) {
            this.instance = instance;
        }
    }
}
