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
        defaults.put("results", "benchmarks/realtarget/target/results.jsonl");
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
        return value(key, preset, text -> Integer.parseInt(plain(text)), "not a whole number");
    }

    double number(String key, double preset) {
        return value(key, preset, text -> Double.parseDouble(plain(text)), "not a number");
    }

    Duration duration(String key, Duration preset) {
        return value(key, preset, Durations::parse, "not a duration such as 10s or 1m30s");
    }

    /** The value of {@code key} read by {@code parse}, the preset's when not given; a bad one is named. */
    private <T> T value(String key, T preset, java.util.function.Function<String, T> parse, String expected) {
        String value = values.get(key);
        if (value.isEmpty()) {
            return preset;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": " + expected + ": " + value);
        }
    }

    /** Digit groups may be written 1_000_000 or 1,000,000. */
    private static String plain(String number) {
        return number.replace("_", "").replace(",", "");
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
