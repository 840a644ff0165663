package io.cpra.plugin.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, read-only view of one config block: the map under a monitor's {@code config} key,
 * or a map nested in it. Immutable and thread-safe.
 *
 * <p>Values are what YAML or JSON produce: strings, numbers, booleans, lists and maps with
 * string keys. Every accessor checks the value's shape and throws a {@link ConfigException}
 * that names the monitor and the full key path ({@code pulse_check.config.headers[1]}) when
 * it does not fit. A key whose value is {@code null} counts as absent.
 *
 * <p>Plugins use it only while preparing; ready instances keep what they parsed, not the view.
 */
public final class PluginConfig {

    private final String monitor;
    private final String path;
    private final Map<String, Object> values;

    private PluginConfig(String monitor, String path, Map<String, Object> values) {
        this.monitor = monitor;
        this.path = path;
        this.values = values;
    }

    /**
     * A view of the given values with no monitor or path, for tests.
     *
     * @param values the block's keys and values
     * @return the view
     */
    public static PluginConfig of(Map<String, ?> values) {
        return of("", "", values);
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
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(path, "path");
        return new PluginConfig(monitor, path, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
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
     * @return true when present
     */
    public boolean has(String key) {
        return values.get(key) != null;
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
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(scalarText(value).orElseThrow(() -> wrong(key, ValueType.STRING, value)));
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
        BigInteger number = wholeNumber(value).orElseThrow(() -> wrong(key, ValueType.INTEGER, value));
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
        return decimal(value).orElseThrow(() -> wrong(key, ValueType.NUMBER, value)).doubleValue();
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
        return booleanOf(value).orElseThrow(() -> wrong(key, ValueType.BOOLEAN, value));
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
            return List.of(scalarText(value).orElseThrow(() -> wrong(key, ValueType.LIST, value)));
        }
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = key + "[" + i + "]";
            texts.add(scalarText(item).orElseThrow(() -> wrong(itemPath, ValueType.STRING, item)));
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
        for (String name : section.get().keys()) {
            texts.put(name, section.get().string(name, ""));
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
            throw error(key, "expected a list of maps, got " + describe(value));
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
     * close), missing required keys and values of the wrong shape, descending into maps that
     * declare children. The platform calls this before {@code prepare}.
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
            if (key == null) {
                problems.add(error(name, "unknown key" + suggestion(name, byName.keySet())
                        + "; accepted keys: " + String.join(", ", byName.keySet())));
                continue;
            }
            Object value = values.get(name);
            if (value == null) {
                continue;
            }
            if (!fits(key.type(), value)) {
                problems.add(wrong(name, key.type(), value));
            } else if (key.type() == ValueType.LIST && value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (scalarText(item).isEmpty()) {
                        problems.add(wrong(name + "[" + i + "]", ValueType.STRING, item));
                    }
                }
            } else if (key.type() == ValueType.MAP && !key.children().isEmpty()) {
                problems.addAll(section(name).check(key.children()));
            }
        }
        for (ConfigKey key : declared) {
            if (key.required() && !has(key.name())) {
                problems.add(missing(key.name()));
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return "PluginConfig[" + (path.isEmpty() ? "" : path + " ") + values + "]";
    }

    private ConfigException missing(String key) {
        return error(key, "required key is missing");
    }

    private ConfigException wrong(String key, ValueType expected, Object value) {
        return error(key, "expected " + expectation(expected) + ", got " + describe(value));
    }

    private Optional<PluginConfig> nested(String nestedPath, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return Optional.of(new PluginConfig(monitor, nestedPath, Collections.unmodifiableMap(copy)));
    }

    private static boolean fits(ValueType type, Object value) {
        return switch (type) {
            case STRING -> scalarText(value).isPresent();
            case INTEGER -> wholeNumber(value).isPresent();
            case NUMBER -> decimal(value).isPresent();
            case BOOLEAN -> booleanOf(value).isPresent();
            case DURATION -> value instanceof String text && isDuration(text);
            case LIST -> value instanceof List<?> || scalarText(value).isPresent();
            case MAP -> value instanceof Map<?, ?>;
            case ANY -> true;
        };
    }

    private static boolean isDuration(String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> scalarText(Object value) {
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        return Optional.empty();
    }

    private static Optional<BigInteger> wholeNumber(Object value) {
        return decimal(value).flatMap(number -> {
            try {
                return Optional.of(number.toBigIntegerExact());
            } catch (ArithmeticException fraction) {
                return Optional.empty();
            }
        });
    }

    private static Optional<BigDecimal> decimal(Object value) {
        try {
            if (value instanceof BigDecimal number) {
                return Optional.of(number);
            }
            if (value instanceof BigInteger number) {
                return Optional.of(new BigDecimal(number));
            }
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
            }
            if (value instanceof Number number) {
                return Optional.of(BigDecimal.valueOf(number.longValue()));
            }
            if (value instanceof String text && !text.isBlank()) {
                return Optional.of(new BigDecimal(text.strip()));
            }
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Boolean> booleanOf(Object value) {
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Optional.of(Boolean.TRUE);
                case "false", "no", "off" -> Optional.of(Boolean.FALSE);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static String expectation(ValueType type) {
        return switch (type) {
            case STRING -> "a text value";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 500ms, 5s or 1h30m";
            case LIST -> "a list of values";
            case MAP -> "a map of keys and values";
            case ANY -> "a value";
        };
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
            return "\"" + shown + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    private static String suggestion(String name, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
