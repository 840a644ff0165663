package io.cpra.plugin.testkit;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Prepares a plugin's instance the way the platform does: the block is first checked against
 * the plugin's descriptor (unknown keys, wrong shapes, missing required keys, secrets given
 * twice), then handed to {@code prepare}. And asserts where a refused block is refused.
 * Thread-safe; no state.
 *
 * <pre>{@code
 * PulseCheck check = PluginTester.prepare(new MyCheckPlugin(), TestConfigs.of("path", "/tmp/x").build());
 * PluginTester.assertRefused(new MyCheckPlugin(), TestConfigs.of("max_age", "soon").build(), "max_age");
 * }</pre>
 */
public final class PluginTester {

    private PluginTester() {
    }

    /**
     * Checks a block and prepares an instance, with the config's monitor as the context's and
     * the working directory as the base of relative paths.
     *
     * @param plugin the plugin
     * @param config the block
     * @param <T>    what the plugin prepares
     * @return the instance
     * @throws ConfigException the first problem the check finds, or what {@code prepare} throws
     */
    public static <T> T prepare(Plugin<T> plugin, PluginConfig config) {
        return prepare(plugin, config, PluginContext.of(config.monitor(), Path.of("")));
    }

    /**
     * Checks a block and prepares an instance.
     *
     * @param plugin  the plugin
     * @param config  the block
     * @param context the monitor and base directory
     * @param <T>     what the plugin prepares
     * @return the instance
     * @throws ConfigException the first problem the check finds, or what {@code prepare} throws
     */
    public static <T> T prepare(Plugin<T> plugin, PluginConfig config, PluginContext context) {
        List<ConfigException> problems = config.check(plugin.descriptor().keys());
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        T instance = plugin.prepare(config, context);
        if (instance == null) {
            throw new AssertionError("the " + plugin.descriptor().type() + " plugin prepared nothing for " + config);
        }
        return instance;
    }

    /**
     * Asserts that the platform would refuse a block, naming a given key path: either the
     * descriptor check reports a problem there, or {@code prepare} throws a
     * {@link ConfigException} for it.
     *
     * @param plugin the plugin
     * @param config the block
     * @param path   the key path the refusal must name: the full path ({@code pulse_check.config.port})
     *               or the path within the block ({@code port}, {@code tls.ca_file})
     * @return the refusal, for further checks of its reason
     * @throws AssertionError when the block is accepted, or refused at another path
     */
    public static ConfigException assertRefused(Plugin<?> plugin, PluginConfig config, String path) {
        Objects.requireNonNull(path, "path");
        String full = config.path().isEmpty() || path.startsWith(config.path() + ".") ? path : config.pathOf(path);
        List<ConfigException> problems = config.check(plugin.descriptor().keys());
        if (problems.isEmpty()) {
            Object instance;
            try {
                instance = plugin.prepare(config, PluginContext.of(config.monitor(), Path.of("")));
            } catch (ConfigException refused) {
                problems = List.of(refused);
                instance = null;
            }
            if (problems.isEmpty()) {
                if (instance instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
                throw new AssertionError("expected " + plugin.descriptor().type() + " to refuse " + config
                        + " at " + full + ", but it was accepted");
            }
        }
        for (ConfigException problem : problems) {
            if (problem.path().equals(full)) {
                return problem;
            }
        }
        throw new AssertionError("expected " + plugin.descriptor().type() + " to refuse " + config + " at " + full
                + ", but it was refused elsewhere: " + problems.stream().map(Throwable::getMessage).toList());
    }

    private static void closeQuietly(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception ignored) {
            // the assertion failing matters more than a failing close
        }
    }
}
