package io.cpra.plugins.command;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.ValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config keys the command plugins share, and how they become an {@link Invocation}. No
 * instances.
 */
final class InvocationConfig {

    static final ConfigKey COMMAND = ConfigKey.required("command", ValueType.ANY,
            "the program and its arguments: a string split into words as a shell would (quotes, no expansion), or a list")
            .withRoles(KeyRole.READ_PATH);
    static final ConfigKey ARGS = ConfigKey.optional("args", ValueType.LIST, null,
            "more arguments, appended after those in command");
    static final ConfigKey SHELL = ConfigKey.optional("shell", ValueType.BOOLEAN, "false",
            "run command (a string) with /bin/sh -c, for pipes, redirections and variables; args become $1, $2...");
    static final ConfigKey ENV = ConfigKey.optional("env", ValueType.MAP, null,
            "environment variables to set, a map of names to values")
            .withRoles(KeyRole.SECRET);
    static final ConfigKey INHERIT_ENV = ConfigKey.optional("inherit_env", ValueType.BOOLEAN, "true",
            "start from cpra's own environment; false starts from PATH alone");
    static final ConfigKey WORKING_DIR = ConfigKey.optional("working_dir", ValueType.STRING, null,
            "directory to run in, relative to the cpra home; default: the cpra home")
            .withRoles(KeyRole.READ_PATH);
    static final ConfigKey TIMEOUT = ConfigKey.optional("timeout", ValueType.DURATION, null,
            "stop the program after this long (process tree killed); the platform's deadline applies too");

    private static final String SHELL_PATH = "/bin/sh";

    private InvocationConfig() {
    }

    /** Reads {@code command}, {@code args}, {@code shell} and the environment keys. */
    static Invocation command(PluginConfig config, PluginContext context) {
        Object raw = config.raw("command").orElseThrow(() -> config.error("command", "required key is missing"));
        boolean shell = config.bool("shell", false);
        List<String> args = config.strings("args");
        List<String> argv = new ArrayList<>();
        if (raw instanceof List<?>) {
            if (shell) {
                throw config.error("shell", "needs command as one string, not a list");
            }
            argv.addAll(config.strings("command"));
        } else if (raw instanceof Map<?, ?>) {
            throw config.error("command", "expected a string or a list of words, got a map");
        } else {
            String line = config.string("command");
            if (shell) {
                argv.addAll(List.of(SHELL_PATH, "-c", line, "sh"));
            } else {
                try {
                    argv.addAll(CommandLine.split(line));
                } catch (IllegalArgumentException e) {
                    throw config.error("command", e.getMessage());
                }
            }
        }
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw config.error("command", "names no program to run");
        }
        argv.addAll(args);
        return new Invocation(argv, env(config), config.bool("inherit_env", true), workingDir(config, context, null));
    }

    /** Reads {@code env}: names must be non-empty and free of {@code =}. */
    static Map<String, String> env(PluginConfig config) {
        Map<String, String> env = new LinkedHashMap<>(config.stringMap("env"));
        for (String name : env.keySet()) {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw config.error("env." + name, "\"" + name + "\" is not a valid environment variable name");
            }
        }
        return env;
    }

    /**
     * Reads {@code working_dir}, which must be an existing directory.
     *
     * @param fallback the directory when the key is absent; null for the cpra home
     */
    static String workingDir(PluginConfig config, PluginContext context, Path fallback) {
        Path dir = config.optionalString("working_dir").map(context::resolve)
                .orElse(fallback != null ? fallback : context.baseDirectory());
        if (!Files.isDirectory(dir)) {
            throw config.error(config.has("working_dir") ? "working_dir" : "", dir + " is not a directory");
        }
        return dir.toString();
    }

    /** Reads {@code timeout}: positive when present; null when absent. */
    static Duration timeout(PluginConfig config) {
        Duration timeout = config.duration("timeout", null);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw config.error("timeout", "must be positive, got " + Durations.format(timeout));
        }
        return timeout;
    }
}
