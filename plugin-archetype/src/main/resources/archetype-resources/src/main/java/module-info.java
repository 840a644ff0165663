/**
 * The ${type} pulse: a TCP port accepts connections. A cpra plugin module: it reads the
 * plugin API (provided by cpra at run time) and provides a PulsePlugin.
 */
module ${package} {
    requires io.cpra.plugin.api;

    provides io.cpra.plugin.api.PulsePlugin with ${package}.PortCheckPlugin;
}
