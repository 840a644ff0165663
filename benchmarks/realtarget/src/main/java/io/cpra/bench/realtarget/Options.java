package io.cpra.bench.realtarget;

import io.cpra.plugin.api.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runner's command line: {@code --scenario=NAME} and {@code --key=value} settings, each with a
 * default; {@code --quick} picks the scenario's short variant. Settings a preset has (monitors,
 * interval, durations, JVM options) may be overridden one by one. Immutable.
 *
 * @param values every key's value, defaults filled in; preset keys are empty unless given
 */
record Options(Map<String, String> values) {

    /** Keys and their defaults; an empty default means "the preset's". */
    static final Map<String, String> DEFAULTS = defaults();

    /** Keys given without a value. */
    static final Set<String> FLAGS = Set.of("quick", "keep");

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new TreeMap<>();
        defaults.put("scenario", "");
        defaults.put("quick", "false");
        defaults.put("keep", "false");
        defaults.put("dist", "distribution/target/cpra-" + version());
        defaults.put("results", "benchmarks/realtarget/results.jsonl");
        defaults.put("work", System.getProperty("java.io.tmpdir"));
        defaults.put("nginx", "/usr/sbin/nginx");
        defaults.put("nginx-workers", "1");
        defaults.put("note", "");
        // preset keys
        for (String key : new String[] {"monitors", "interval", "timeout", "warmup", "duration", "java-opts", "checks",
                "rate", "keepalive-requests", "keepalive-idle", "bystanders", "ready-within"}) {
            defaults.put(key, "");
        }
        return defaults;
    }

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the argument at fault
     */
    static Options parse(String[] args) {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key=value, got " + arg + "; keys: " + DEFAULTS.keySet());
            }
            int equals = arg.indexOf('=');
            String key = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown key --" + key + "; keys: " + DEFAULTS.keySet());
            }
            if (equals < 0 && !FLAGS.contains(key)) {
                throw new IllegalArgumentException("--" + key + " needs a value: --" + key + "=...");
            }
            values.put(key, equals < 0 ? "true" : arg.substring(equals + 1));
        }
        if (values.get("scenario").isEmpty()) {
            throw new IllegalArgumentException("--scenario=NAME is required; scenarios: " + Preset.names());
        }
        Preset.of(values.get("scenario"));
        Options options = new Options(values);
        // read every number and duration now, so a typo fails before anything starts
        for (String key : new String[] {"monitors", "checks", "keepalive-requests", "bystanders"}) {
            options.integer(key, 0);
        }
        options.number("rate", 0);
        for (String key : new String[] {"interval", "timeout", "warmup", "duration", "keepalive-idle", "ready-within"}) {
            options.duration(key, Duration.ZERO);
        }
        return options;
    }

    String scenario() {
        return values.get("scenario");
    }

    boolean quick() {
        return Boolean.parseBoolean(values.get("quick"));
    }

    boolean keep() {
        return Boolean.parseBoolean(values.get("keep"));
    }

    Path path(String key) {
        return Path.of(values.get(key));
    }

    String text(String key, String preset) {
        String value = values.get(key);
        return value.isEmpty() ? preset : value;
    }

    int integer(String key, int preset) {
        String value = values.get(key);
        try {
            return value.isEmpty() ? preset : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not a whole number: " + value);
        }
    }

    double number(String key, double preset) {
        String value = values.get(key);
        try {
            return value.isEmpty() ? preset : Double.parseDouble(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not a number: " + value);
        }
    }

    Duration duration(String key, Duration preset) {
        String value = values.get(key);
        try {
            return value.isEmpty() ? preset : Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": " + e.getMessage());
        }
    }

    /** The project's version, baked in at build time: it names the distribution's folder. */
    private static String version() {
        try (InputStream in = Options.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
