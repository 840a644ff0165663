package io.cpra.bench.scenario;

import java.util.Map;
import java.util.TreeMap;

/** {@code --key=value} command lines of the benchmark runners, each key with a default. No instances. */
public final class Arguments {

    private Arguments() {
    }

    /**
     * The values of a command line, defaults for the keys it does not set.
     *
     * @param args     {@code --key=value} arguments
     * @param defaults every key the runner knows, with its default
     * @return every key with its value
     * @throws IllegalArgumentException naming an argument that is malformed or a key that is unknown
     */
    public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new TreeMap<>(defaults);
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got " + arg + "; keys: " + defaults.keySet());
            }
            String key = arg.substring(2, arg.indexOf('='));
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException("unknown key --" + key + "; keys: " + defaults.keySet());
            }
            values.put(key, arg.substring(arg.indexOf('=') + 1));
        }
        return values;
    }
}
