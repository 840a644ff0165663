package io.cpra.plugin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a secret's value may come from besides the key itself: {@code <key>_env} names an
 * environment variable, {@code <key>_file} a file (relative to the cpra home) whose content,
 * without trailing line breaks, is the value. Exactly one of the three may be given. Errors
 * name the variable or the file, never the value. No instances.
 */
final class Secrets {

    /** Suffix of the key naming an environment variable that holds the value. */
    static final String ENV = "_env";
    /** Suffix of the key naming a file that holds the value. */
    static final String FILE = "_file";

    private Secrets() {
    }

    /** Whether a declared key may be given indirectly: a secret with a text value. */
    static boolean indirect(ConfigKey key) {
        return key.has(KeyRole.SECRET) && key.type() == ValueType.STRING;
    }

    /** Whether any of a block's keys could give another key's value; most blocks have none. */
    static boolean anyIndirection(Iterable<String> keys) {
        for (String key : keys) {
            if (key.endsWith(ENV) || key.endsWith(FILE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key to check an {@code <key>_env} or {@code <key>_file} entry against: a text key
     * that names a variable or a file, when {@code <key>} is a declared secret; else null.
     */
    static ConfigKey indirectionOf(String name, Map<String, ConfigKey> declared) {
        String suffix = name.endsWith(ENV) ? ENV : name.endsWith(FILE) ? FILE : null;
        if (suffix == null) {
            return null;
        }
        ConfigKey secret = declared.get(name.substring(0, name.length() - suffix.length()));
        if (secret == null || !indirect(secret)) {
            return null;
        }
        return ConfigKey.optional(name, ValueType.STRING, null,
                (suffix.equals(ENV) ? "environment variable" : "file") + " holding " + secret.name());
    }

    /** The keys of a block that give {@code key}'s value: itself, its {@code _env} and its {@code _file} key. */
    static List<String> givenFor(String key, Map<String, Object> values) {
        List<String> given = new ArrayList<>(1);
        for (String name : List.of(key, key + ENV, key + FILE)) {
            if (values.get(name) != null) {
                given.add(name);
            }
        }
        return given;
    }

    /** The problem when more than one source is given, or empty. */
    static Optional<ConfigException> conflict(PluginConfig config, String key, List<String> given) {
        if (given.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(config.error(given.get(1), "set only one of " + key + ", " + key + ENV
                + " and " + key + FILE + "; " + String.join(" and ", given) + " are both set"));
    }

    /**
     * Reads the value from the environment variable or the file that {@code source} names;
     * relative files resolve against {@code baseDirectory}, or the working directory when null.
     */
    static String read(PluginConfig config, String key, String source, UnaryOperator<String> environment,
                       Path baseDirectory) {
        String named = config.rawText(source).strip();
        if (named.isEmpty()) {
            throw config.error(source, "must name " + (source.endsWith(ENV) ? "an environment variable" : "a file"));
        }
        if (source.equals(key + ENV)) {
            String value = environment.apply(named);
            if (value == null || value.isBlank()) {
                throw config.error(source, "environment variable " + named + " is not set or empty");
            }
            return value.strip();
        }
        Path base = baseDirectory == null ? Path.of("") : baseDirectory;
        Path file = base.resolve(named).toAbsolutePath().normalize();
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw config.error(source, "file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw config.error(source, "file " + file + " cannot be read: permission denied");
        } catch (IOException e) {
            throw config.error(source, "file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        if (value.substring(0, end).isBlank()) {
            throw config.error(source, "file " + file + " is empty");
        }
        return value.substring(0, end);
    }
}
