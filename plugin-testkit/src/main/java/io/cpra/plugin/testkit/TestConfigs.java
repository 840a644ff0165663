package io.cpra.plugin.testkit;

import io.cpra.plugin.api.PluginConfig;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Config blocks for tests, written as YAML (as in a manifest) or as map literals. Each returns
 * a {@link PluginConfig.Builder}, so a test can name the monitor and key path its error
 * messages should show, and give the environment that {@code <key>_env} secrets read:
 *
 * <pre>{@code
 * PluginConfig config = TestConfigs.yaml("""
 *         url: http://127.0.0.1:8080/health
 *         timeout: 2s
 *         """).monitor("checkout-api").path("pulse_check.config").build();
 * }</pre>
 *
 * Thread-safe; no state.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    /**
     * A config block written in YAML.
     *
     * @param yaml a YAML mapping, such as {@code "host: db\nport: 5432"}; an empty text is an empty block
     * @return a builder of the view, without monitor or path, reading the process's environment
     * @throws IllegalArgumentException when the text is not YAML or not a mapping
     */
    public static PluginConfig.Builder yaml(String yaml) {
        Object parsed = new Load(LoadSettings.builder().setLabel("test config").build())
                .loadFromString(Objects.requireNonNull(yaml, "yaml"));
        if (parsed == null) {
            return PluginConfig.builder(Map.of());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a config block is a YAML mapping of keys to values, not " + parsed);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), value));
        return PluginConfig.builder(values);
    }

    /**
     * A config block from a map literal.
     *
     * @param values the keys and values, as YAML would produce them
     * @return a builder of the view, without monitor or path, reading the process's environment
     */
    public static PluginConfig.Builder map(Map<String, ?> values) {
        return PluginConfig.builder(values);
    }

    /**
     * A config block from keys and values given in turn.
     *
     * @param keysAndValues {@code "host", "db", "port", 5432}: an even number of arguments
     * @return a builder of the view, without monitor or path, reading the process's environment
     * @throws IllegalArgumentException when the count is odd or a key is not a string
     */
    public static PluginConfig.Builder of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs; got " + keysAndValues.length + " arguments");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("argument " + i + " must be a key (a string), got " + keysAndValues[i]);
            }
            values.put(key, keysAndValues[i + 1]);
        }
        return PluginConfig.builder(values);
    }
}
