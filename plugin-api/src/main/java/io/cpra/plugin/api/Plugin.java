package io.cpra.plugin.api;

/**
 * What every plugin provider has in common: a descriptor and a {@code prepare} step that turns
 * one monitor's config block into a ready instance of type {@code T}.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}, one instance per plugin for
 * the life of the process, so they may hold resources shared by all their instances (an HTTP
 * client, a resolver). They need a public no-argument constructor or a public static
 * {@code provider()} method, as {@code ServiceLoader} requires.
 *
 * <p><b>Thread-safety:</b> {@link #prepare} may be called from several threads at once, and
 * concurrently with calls on instances it prepared earlier.
 *
 * @param <T> the ready instance this provider prepares
 */
public interface Plugin<T> {

    /**
     * Describes this plugin: its type name, a one-line description and the config keys it
     * accepts. The platform rejects keys not listed here, and values of the wrong
     * {@link ValueType}, before {@link #prepare} is called.
     *
     * @return the descriptor; the same value on every call
     */
    PluginDescriptor descriptor();

    /**
     * Validates one monitor's config block and returns a ready instance. Called once per
     * monitor at load time, never on the hot path, so this is the place for parsing, compiling
     * patterns and interning what monitors can share.
     *
     * @param config  the block under the monitor's {@code config} (or {@code target}) key
     * @param context the monitor's name and the directories relative paths resolve against
     * @return a ready, thread-safe instance
     * @throws ConfigException when a value is missing or invalid; build it with
     *                         {@link PluginConfig#error(String, String)} so it names the key
     */
    T prepare(PluginConfig config, PluginContext context);

    /**
     * Releases resources shared by this plugin's instances. Called once when the platform
     * stops, after every call into the plugin has ended or been abandoned.
     */
    default void close() {
    }
}
