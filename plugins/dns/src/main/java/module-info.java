/**
 * The {@code dns} pulse: a name resolves with the expected answers. Queries are built and
 * parsed with dnsjava (bundled next to the plugin jar); the exchange itself runs on the
 * calling thread under the check's deadline.
 */
module io.cpra.plugins.dns {
    requires io.cpra.plugin.api;
    requires org.dnsjava;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.dns.DnsCheckPlugin;
}
