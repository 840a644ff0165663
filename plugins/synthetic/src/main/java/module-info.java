/**
 * Synthetic plugins for tests, benchmarks and load tests of a cpra deployment: a pulse, an
 * intervention and a code plugin, each named {@code synthetic}, that touch nothing outside the
 * process and take a configurable time and fail at a configurable rate.
 */
module io.cpra.plugins.synthetic {
    requires io.cpra.plugin.api;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.synthetic.SyntheticPulsePlugin;
    provides io.cpra.plugin.api.InterventionPlugin with io.cpra.plugins.synthetic.SyntheticInterventionPlugin;
    provides io.cpra.plugin.api.CodePlugin with io.cpra.plugins.synthetic.SyntheticCodePlugin;
}
