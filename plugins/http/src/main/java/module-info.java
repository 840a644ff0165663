/**
 * The {@code http} pulse: requests a URL and checks status, body, response time and the
 * server certificate's expiry. Every monitor of the plugin shares one Helidon WebClient
 * setup (one client per distinct TLS setting), so connections are reused between checks.
 */
module io.cpra.plugins.http {
    requires io.cpra.plugin.api;

    // Provided by the distribution's boot layer; the plugin does not bundle Helidon.
    requires io.helidon.webclient;

    provides io.cpra.plugin.api.PulsePlugin with io.cpra.plugins.http.HttpCheckPlugin;
}
