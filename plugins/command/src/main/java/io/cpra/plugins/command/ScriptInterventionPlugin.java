package io.cpra.plugins.command;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code script} intervention: runs a script file kept with the cpra configuration, such
 * as {@code scripts/restart-checkout.sh}; exit 0 is success.
 *
 * <pre>{@code
 * intervention:
 *   action: script
 *   config:
 *     path: scripts/restart-checkout.sh
 *     args: [--graceful]
 *     timeout: 1m
 * }</pre>
 *
 * <p>How it differs from the {@code command} intervention:
 * <ul>
 *   <li>{@code path} names a file, relative to the cpra home, and the file is checked when the
 *       manifest loads: it must exist and be readable, and without {@code interpreter} it must
 *       be executable and start with a {@code #!} line. A typo fails the load, not the first
 *       incident.</li>
 *   <li>The script runs through its {@code #!} line, or through {@code interpreter} (such as
 *       {@code python3} or {@code bash -eu}), which needs neither the executable bit nor a
 *       {@code #!} line.</li>
 *   <li>It runs in the script's own directory unless {@code working_dir} says otherwise, so it
 *       can find files kept beside it.</li>
 *   <li>The path is used as written, never split into words and never run through a shell.</li>
 * </ul>
 * Environment, timeout and output as in {@link ProcessIntervention}. Thread-safe.
 */
public final class ScriptInterventionPlugin implements InterventionPlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "script",
            "Runs a script file through its #! line or an interpreter; exit 0 is success",
            ConfigKey.required("path", ValueType.STRING,
                    "the script file, relative to the cpra home; checked when the manifest loads")
                    .withRoles(KeyRole.READ_PATH),
            ConfigKey.optional("args", ValueType.LIST, null,
                    "arguments passed to the script"),
            ConfigKey.optional("interpreter", ValueType.STRING, null,
                    "run the script with this program, such as python3 or \"bash -eu\"; default: its #! line")
                    .withRoles(KeyRole.READ_PATH),
            InvocationConfig.ENV,
            InvocationConfig.INHERIT_ENV,
            ConfigKey.optional("working_dir", ValueType.STRING, null,
                    "directory to run in, relative to the cpra home; default: the script's directory")
                    .withRoles(KeyRole.READ_PATH),
            InvocationConfig.TIMEOUT);

    private final ProcessRunner runner;
    private final Interner<Invocation> invocations = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public ScriptInterventionPlugin() {
        this(ProcessRunner.shared());
    }

    ScriptInterventionPlugin(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Intervention prepare(PluginConfig config, PluginContext context) {
        Path script = context.resolve(config.string("path"));
        if (!Files.isRegularFile(script)) {
            throw config.error("path", script + (Files.exists(script) ? " is not a regular file" : " does not exist"));
        }
        if (!Files.isReadable(script)) {
            throw config.error("path", script + " is not readable by cpra's user");
        }
        List<String> argv = new ArrayList<>();
        if (config.has("interpreter")) {
            try {
                argv.addAll(CommandLine.split(config.string("interpreter")));
            } catch (IllegalArgumentException e) {
                throw config.error("interpreter", e.getMessage());
            }
            if (argv.isEmpty()) {
                throw config.error("interpreter", "names no program");
            }
        } else {
            if (!Files.isExecutable(script)) {
                throw config.error("path", script + " is not executable; chmod +x it or set interpreter");
            }
            if (!startsWithShebang(script)) {
                throw config.error("path", script + " has no #! line; add one or set interpreter");
            }
        }
        argv.add(script.toString());
        argv.addAll(config.strings("args"));
        Invocation invocation = new Invocation(argv, InvocationConfig.env(config), config.bool("inherit_env", true),
                InvocationConfig.workingDir(config, context, script.getParent()));
        return new ProcessIntervention(invocations.intern(invocation), InvocationConfig.timeout(config), runner);
    }

    private static boolean startsWithShebang(Path script) {
        try (InputStream in = Files.newInputStream(script)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }
}
