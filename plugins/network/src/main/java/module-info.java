/**
 * The {@code tcp} and {@code icmp} pulses: whether a port accepts connections (and answers
 * as expected), and whether a host answers echo requests. JDK sockets only.
 */
module io.cpra.plugins.network {
    requires io.cpra.plugin.api;

    provides io.cpra.plugin.api.PulsePlugin with
            io.cpra.plugins.network.TcpCheckPlugin,
            io.cpra.plugins.network.IcmpCheckPlugin;
}
