package io.cpra.plugins.http;

import io.helidon.webclient.api.ClientUri;

import java.net.URI;
import java.util.Locale;

/**
 * Where a check connects: scheme, host, port and the TLS profile. Immutable with value
 * equality, so the plugin interns it: monitors of one server share one instance, and the
 * keep-alive connections {@link Connections} keeps are grouped by it.
 *
 * @param scheme      {@code http} or {@code https}
 * @param host        the host as Helidon's client reads it from the URL
 * @param port        the port, the scheme's default filled in
 * @param tls         the TLS profile; connections of different profiles are never shared
 * @param destination {@code host:port} (an IPv6 address in brackets), what
 *                    {@link io.cpra.plugin.api.PulseCheck#destination()} reports
 */
record Endpoint(String scheme, String host, int port, TlsProfile tls, String destination) {

    /**
     * The endpoint of a URL.
     *
     * @param url a URL already checked to be http(s) with a host
     */
    static Endpoint of(String url, TlsProfile tls) {
        ClientUri uri = ClientUri.create(URI.create(url));
        String host = uri.host();
        String shown = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return new Endpoint(uri.scheme().toLowerCase(Locale.ROOT), host, uri.port(), tls,
                shown.toLowerCase(Locale.ROOT) + ":" + uri.port());
    }

    boolean secure() {
        return scheme.equals("https");
    }
}
