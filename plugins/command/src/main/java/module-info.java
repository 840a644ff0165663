/**
 * Running programs: the {@code command} pulse, which follows the Nagios plugin convention so
 * that the standard monitoring plugins run unchanged, and the {@code command} and
 * {@code script} interventions. All three share one bound on concurrent processes.
 */
module io.cpra.plugins.command {
    requires io.cpra.plugin.api;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.command.CommandPulsePlugin;
    provides io.cpra.plugin.api.InterventionPlugin with
            io.cpra.plugins.command.CommandInterventionPlugin,
            io.cpra.plugins.command.ScriptInterventionPlugin;
}
