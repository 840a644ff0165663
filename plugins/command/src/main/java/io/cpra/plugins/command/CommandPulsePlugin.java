package io.cpra.plugins.command;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

/**
 * The {@code command} pulse: runs a program that follows the Nagios plugin convention, so the
 * standard Monitoring Plugins ({@code check_tcp}, {@code check_http}, {@code check_disk}...)
 * and any script written for Nagios, Icinga or Sensu run unchanged.
 *
 * <pre>{@code
 * pulse_check:
 *   type: command
 *   interval: 1m
 *   timeout: 10s
 *   config:
 *     command: /usr/lib/nagios/plugins/check_disk -w 20% -c 10% -p /
 * }</pre>
 *
 * <p><b>Outcomes.</b> Exit 0 is OK, 1 WARNING, 2 CRITICAL, 3 and anything else UNKNOWN. The
 * first line of standard output (up to {@code |}) is the message, or of standard error when
 * standard output is empty; the performance data after {@code |} become the outcome's detail.
 * A run still going at the deadline is killed with all its child processes and reported as
 * UNKNOWN, as are programs that cannot start.
 *
 * <p><b>Processes.</b> At most {@code -Dcpra.plugins.command.max-concurrent} programs run at
 * once across this plugin and the {@code command} and {@code script} interventions; see
 * {@link ProcessRunner}. The program runs in the cpra home unless {@code working_dir} says
 * otherwise, and sees {@code CPRA_MONITOR} set to the monitor's name. Thread-safe.
 */
public final class CommandPulsePlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "command",
            "A program following the Nagios plugin convention exits 0 (OK), 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN)",
            InvocationConfig.COMMAND,
            InvocationConfig.ARGS,
            InvocationConfig.SHELL,
            InvocationConfig.ENV,
            InvocationConfig.INHERIT_ENV,
            InvocationConfig.WORKING_DIR,
            ConfigKey.optional("retries", ValueType.INTEGER, "0",
                    "extra runs after a failed one, within the pulse timeout (0 to 10)"));

    private final ProcessRunner runner;
    private final Interner<CommandSpec> specs = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public CommandPulsePlugin() {
        this(ProcessRunner.shared());
    }

    CommandPulsePlugin(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        Invocation invocation = InvocationConfig.command(config, context);
        int retries = config.integer("retries", 0);
        if (retries < 0 || retries > 10) {
            throw config.error("retries", "must be between 0 and 10, got " + retries);
        }
        return new CommandCheck(specs.intern(new CommandSpec(invocation, retries)), context.monitor(), runner);
    }
}
