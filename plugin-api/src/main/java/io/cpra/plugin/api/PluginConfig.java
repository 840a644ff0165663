package io.cpra.plugin.api;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A typed, read-only view of one config block: the map under a monitor's {@code config} key,
 * or a map nested in it. Immutable and thread-safe.
 *
 * <p>Values are what YAML or JSON produce: strings, numbers, booleans, lists and maps with
 * string keys. Every accessor checks the value's shape and throws a {@link ConfigException}
 * that names the monitor and the full key path ({@code pulse_check.config.headers[1]}) when
 * it does not fit. A key whose value is {@code null} counts as absent.
 *
 * <p><b>Secrets kept out of manifests.</b> A key the plugin's descriptor marks
 * {@link KeyRole#SECRET} (with a {@link ValueType#STRING} value) may be given in one of three
 * ways: inline ({@code password: s3cret}), as {@code password_env: SMTP_PASSWORD} (an
 * environment variable holding the value) or as {@code password_file: conf/smtp.secret} (a
 * file holding it, relative to the cpra home; trailing line breaks are dropped). The text
 * accessors ({@link #string(String)}, {@link #optionalString(String)} and the others) read
 * whichever was given, so a plugin reads a secret like any other key; {@link #check} accepts
 * the {@code _env} and {@code _file} forms only for secret keys and refuses more than one form
 * at a time. Errors name the variable or the file, never the value.
 *
 * <p>Plugins use it only while preparing; ready instances keep what they parsed, not the view.
 */
public final class PluginConfig {

    private final String monitor;
    private final String path;
    private final Map<String, Object> values;
    private final UnaryOperator<String> environment;
    /** What relative {@code _file} paths resolve against; null for the working directory. */
    private final Path baseDirectory;
    /**
     * Whether a key ends in {@code _env} or {@code _file}. Most blocks have none, and then no
     * accessor looks further than the key itself: a million monitors are prepared at load.
     */
    private final boolean indirections;

    private PluginConfig(String monitor, String path, Map<String, Object> values,
                         UnaryOperator<String> environment, Path baseDirectory) {
        this.monitor = monitor;
        this.path = path;
        this.values = values;
        this.environment = environment;
        this.baseDirectory = baseDirectory;
        this.indirections = Secrets.anyIndirection(values.keySet());
    }

    /**
     * A view of the given values with no monitor or path, for tests.
     *
     * @param values the block's keys and values
     * @return the view
     */
    public static PluginConfig of(Map<String, ?> values) {
        return builder(values).build();
    }

    /**
     * A view of the given values.
     *
     * @param monitor the monitor the block belongs to, for error messages
     * @param path    the block's key path, such as {@code pulse_check.config}
     * @param values  the block's keys and values; copied
     * @return the view
     */
    public static PluginConfig of(String monitor, String path, Map<String, ?> values) {
        return builder(values).monitor(monitor).path(path).build();
    }

    /**
     * A builder for a view of the given values: no monitor or path, the process's environment
     * and the working directory for secrets given as {@code _env} or {@code _file}, until set.
     *
     * @param values the block's keys and values; copied
     * @return a builder
     */
    public static Builder builder(Map<String, ?> values) {
        return new Builder(values);
    }

    /**
     * The monitor this block belongs to.
     *
     * @return its name, or an empty string
     */
    public String monitor() {
        return monitor;
    }

    /**
     * This block's key path.
     *
     * @return such as {@code pulse_check.config}, or an empty string
     */
    public String path() {
        return path;
    }

    /**
     * The full path of one of this block's keys.
     *
     * @param key a key of this block
     * @return such as {@code pulse_check.config.url}
     */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The keys present, in the order they were written.
     *
     * @return the keys, including those whose value is null
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Whether a key has a non-null value.
     *
     * @param key the key
     * @return true when present, also as {@code <key>_env} or {@code <key>_file}
     */
    public boolean has(String key) {
        return values.get(key) != null || indirections && !Secrets.givenFor(key, values).isEmpty();
    }

    /**
     * The raw value of a key, for {@link ValueType#ANY} keys the plugin checks itself.
     *
     * @param key the key
     * @return a string, number, boolean, list or map, or empty when absent
     */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * An error about one of this block's keys, to throw from {@code prepare}.
     *
     * @param key    the key at fault, or an empty string for the block as a whole
     * @param reason what is wrong and what was expected
     * @return the exception, naming monitor and full path
     */
    public ConfigException error(String key, String reason) {
        return new ConfigException(monitor, key.isEmpty() ? path : pathOf(key), reason);
    }

    /**
     * A required scalar as text.
     *
     * @param key the key
     * @return its text
     * @throws ConfigException when absent or not a scalar
     */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    /**
     * An optional scalar as text.
     *
     * @param key      the key
     * @param fallback returned when absent
     * @return its text, or the fallback
     * @throws ConfigException when present but not a scalar
     */
    public String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    /**
     * An optional scalar as text.
     *
     * @param key the key
     * @return its text, or empty when absent
     * @throws ConfigException when present but not a scalar
     */
    public Optional<String> optionalString(String key) {
        if (!indirections) {
            return values.get(key) == null ? Optional.empty() : Optional.of(rawText(key));
        }
        List<String> given = Secrets.givenFor(key, values);
        Optional<ConfigException> conflict = Secrets.conflict(this, key, given);
        if (conflict.isPresent()) {
            throw conflict.get();
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (!given.get(0).equals(key)) {
            return Optional.of(Secrets.read(this, key, given.get(0), environment, baseDirectory));
        }
        return Optional.of(rawText(key));
    }

    /** A present key's scalar as text, without looking at {@code _env} or {@code _file}. */
    String rawText(String key) {
        Object value = values.get(key);
        return Values.scalarText(value).orElseThrow(() -> wrong(key, ValueType.STRING, value));
    }

    /**
     * A required whole number.
     *
     * @param key the key
     * @return its value
     * @throws ConfigException when absent, not a whole number, or outside the int range
     */
    public int integer(String key) {
        if (!has(key)) {
            throw missing(key);
        }
        return integer(key, 0);
    }

    /**
     * An optional whole number.
     *
     * @param key      the key
     * @param fallback returned when absent
     * @return its value, or the fallback
     * @throws ConfigException when present but not a whole number within the int range
     */
    public int integer(String key, int fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        BigInteger number = Values.wholeNumber(value).orElseThrow(() -> wrong(key, ValueType.INTEGER, value));
        if (number.bitLength() > 31) {
            throw error(key, "expected a whole number between " + Integer.MIN_VALUE + " and "
                    + Integer.MAX_VALUE + ", got " + number);
        }
        return number.intValue();
    }

    /**
     * An optional number, whole or not.
     *
     * @param key      the key
     * @param fallback returned when absent
     * @return its value, or the fallback
     * @throws ConfigException when present but not a number
     */
    public double number(String key, double fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return Values.decimal(value).orElseThrow(() -> wrong(key, ValueType.NUMBER, value)).doubleValue();
    }

    /**
     * An optional boolean. Besides {@code true} and {@code false}, the YAML 1.1 words
     * {@code yes}, {@code no}, {@code on} and {@code off} are accepted, as CPRA did.
     *
     * @param key      the key
     * @param fallback returned when absent
     * @return its value, or the fallback
     * @throws ConfigException when present but not a boolean
     */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return Values.booleanOf(value).orElseThrow(() -> wrong(key, ValueType.BOOLEAN, value));
    }

    /**
     * A required duration; see {@link Durations}.
     *
     * @param key the key
     * @return its value
     * @throws ConfigException when absent or not a duration
     */
    public Duration duration(String key) {
        if (!has(key)) {
            throw missing(key);
        }
        return duration(key, Duration.ZERO);
    }

    /**
     * An optional duration; see {@link Durations}.
     *
     * @param key      the key
     * @param fallback returned when absent
     * @return its value, or the fallback
     * @throws ConfigException when present but not a duration
     */
    public Duration duration(String key, Duration fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw wrong(key, ValueType.DURATION, value);
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /**
     * A list of scalars as text; a single scalar is a list of one.
     *
     * @param key the key
     * @return the texts, or an empty list when absent
     * @throws ConfigException when present but neither a scalar nor a list of scalars
     */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            return List.of(Values.scalarText(value).orElseThrow(() -> wrong(key, ValueType.LIST, value)));
        }
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = key + "[" + i + "]";
            texts.add(Values.scalarText(item).orElseThrow(() -> wrong(itemPath, ValueType.STRING, item)));
        }
        return List.copyOf(texts);
    }

    /**
     * A map of scalars as text, such as a map of headers.
     *
     * @param key the key
     * @return the entries in the order written, or an empty map when absent
     * @throws ConfigException when present but not a map of scalars
     */
    public Map<String, String> stringMap(String key) {
        Optional<PluginConfig> section = optionalSection(key);
        if (section.isEmpty()) {
            return Map.of();
        }
        Map<String, String> texts = new LinkedHashMap<>();
        PluginConfig map = section.get();
        for (String name : map.keys()) {
            texts.put(name, map.values.get(name) == null ? "" : map.rawText(name));
        }
        return Collections.unmodifiableMap(texts);
    }

    /**
     * A required nested block.
     *
     * @param key the key
     * @return a view of the nested map, with this path extended by the key
     * @throws ConfigException when absent or not a map
     */
    public PluginConfig section(String key) {
        return optionalSection(key).orElseThrow(() -> missing(key));
    }

    /**
     * An optional nested block.
     *
     * @param key the key
     * @return a view of the nested map, or empty when absent
     * @throws ConfigException when present but not a map
     */
    public Optional<PluginConfig> optionalSection(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(nested(pathOf(key), value).orElseThrow(() -> wrong(key, ValueType.MAP, value)));
    }

    /**
     * A list of nested blocks.
     *
     * @param key the key
     * @return views of the maps in the list, or an empty list when absent
     * @throws ConfigException when present but not a list of maps
     */
    public List<PluginConfig> sections(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "expected a list of maps, got " + Values.describe(value));
        }
        List<PluginConfig> blocks = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemKey = key + "[" + i + "]";
            blocks.add(nested(pathOf(itemKey), item).orElseThrow(() -> wrong(itemKey, ValueType.MAP, item)));
        }
        return List.copyOf(blocks);
    }

    /**
     * Checks this block against declared keys: unknown keys (with a suggestion when one is
     * close), missing required keys, values of the wrong shape and secrets given in more than
     * one form, descending into maps that declare children. The platform calls this before
     * {@code prepare}.
     *
     * @param declared the keys a plugin accepts
     * @return every problem found, in key order; empty when the block fits
     */
    public List<ConfigException> check(List<ConfigKey> declared) {
        List<ConfigException> problems = new ArrayList<>();
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey key : declared) {
            byName.put(key.name(), key);
        }
        for (String name : values.keySet()) {
            ConfigKey key = byName.get(name);
            if (key == null && indirections) {
                key = Secrets.indirectionOf(name, byName);
            }
            if (key == null) {
                problems.add(error(name, "unknown key" + Values.suggestion(name, byName.keySet())
                        + "; accepted keys: " + String.join(", ", byName.keySet())));
                continue;
            }
            Object value = values.get(name);
            if (value != null) {
                checkValue(key, name, value, problems);
            }
        }
        for (ConfigKey key : declared) {
            if (indirections && Secrets.indirect(key)) {
                Secrets.conflict(this, key.name(), Secrets.givenFor(key.name(), values)).ifPresent(problems::add);
            }
            if (key.required() && !has(key.name())) {
                problems.add(missing(key.name()));
            }
        }
        return problems;
    }

    private void checkValue(ConfigKey key, String name, Object value, List<ConfigException> problems) {
        if (!Values.fits(key.type(), value)) {
            // a secret's value is never quoted, even when it has the wrong shape
            problems.add(key.has(KeyRole.SECRET)
                    ? error(name, "expected " + Values.expectation(key.type()) + ", got " + Values.kind(value))
                    : wrong(name, key.type(), value));
        } else if (key.type() == ValueType.LIST && value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (Values.scalarText(item).isEmpty()) {
                    problems.add(wrong(name + "[" + i + "]", ValueType.STRING, item));
                }
            }
        } else if (key.type() == ValueType.MAP && !key.children().isEmpty()) {
            problems.addAll(section(name).check(key.children()));
        }
    }

    /** Names the block and its keys, never their values: a value may be a secret. */
    @Override
    public String toString() {
        return "PluginConfig[" + (path.isEmpty() ? "" : path + " ") + "keys=" + values.keySet() + "]";
    }

    private ConfigException missing(String key) {
        return error(key, "required key is missing");
    }

    private ConfigException wrong(String key, ValueType expected, Object value) {
        return error(key, "expected " + Values.expectation(expected) + ", got " + Values.describe(value));
    }

    private Optional<PluginConfig> nested(String nestedPath, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return Optional.of(new PluginConfig(monitor, nestedPath, Collections.unmodifiableMap(copy),
                environment, baseDirectory));
    }

    /**
     * Collects what a {@link PluginConfig} needs besides its values. Not thread-safe; used by
     * one thread at a time.
     */
    public static final class Builder {
        private final Map<String, Object> values;
        private String monitor = "";
        private String path = "";
        private UnaryOperator<String> environment = System::getenv;
        private Path baseDirectory;

        private Builder(Map<String, ?> values) {
            this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * The monitor the block belongs to, for error messages.
         *
         * @param monitor the monitor's name
         * @return this builder
         */
        public Builder monitor(String monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * The block's key path, for error messages.
         *
         * @param path such as {@code pulse_check.config}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Where {@code <key>_env} values are looked up; the process's environment by default.
         *
         * @param environment maps a variable's name to its value, or to null when unset
         * @return this builder
         */
        public Builder environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * What relative {@code <key>_file} paths resolve against; the working directory by
         * default, the cpra home when the platform builds the view.
         *
         * @param baseDirectory a directory
         * @return this builder
         */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
            return this;
        }

        /**
         * Makes the view.
         *
         * @return the view
         */
        public PluginConfig build() {
            return new PluginConfig(monitor, path, values, environment, baseDirectory);
        }
    }
}
