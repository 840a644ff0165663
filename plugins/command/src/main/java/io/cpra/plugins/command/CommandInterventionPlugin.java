package io.cpra.plugins.command;

import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionPlugin;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;

/**
 * The {@code command} intervention: runs a command line, such as {@code systemctl restart
 * nginx}; exit 0 is success.
 *
 * <pre>{@code
 * intervention:
 *   action: command
 *   retries: 2
 *   config:
 *     command: systemctl restart checkout-api
 *     timeout: 30s
 * }</pre>
 *
 * <p>The command is a program found on {@code PATH} (or by path) with its arguments, split
 * like a shell would but never run through one unless {@code shell: true}. Nothing is checked
 * at load time beyond the syntax: the program may be installed later. For a script file that
 * lives with the cpra configuration, use the {@code script} intervention, which checks the
 * file when the manifest loads. Environment, timeout and output as in
 * {@link ProcessIntervention}. Thread-safe.
 */
public final class CommandInterventionPlugin implements InterventionPlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "command",
            "Runs a command line; exit 0 is success",
            InvocationConfig.COMMAND,
            InvocationConfig.ARGS,
            InvocationConfig.SHELL,
            InvocationConfig.ENV,
            InvocationConfig.INHERIT_ENV,
            InvocationConfig.WORKING_DIR,
            InvocationConfig.TIMEOUT);

    private final ProcessRunner runner;
    private final Interner<Invocation> invocations = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public CommandInterventionPlugin() {
        this(ProcessRunner.shared());
    }

    CommandInterventionPlugin(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Intervention prepare(PluginConfig config, PluginContext context) {
        Invocation invocation = invocations.intern(InvocationConfig.command(config, context));
        return new ProcessIntervention(invocation, InvocationConfig.timeout(config), runner);
    }
}
