package io.cpra.plugins.http;

import io.helidon.webclient.api.ClientUri;

import java.net.URI;
import java.util.Locale;

/**
 * Where a check connects: scheme, host, port and the TLS profile. Immutable with value
 * equality, so the plugin interns it: monitors of one server share one instance, and the
 * keep-alive connections {@link Connections} keeps are grouped by it. Kept small (the scheme is
 * a constant, the destination text is made when asked for), since a million monitors of
 * distinct servers hold one each.
 *
 * @param scheme {@code http} or {@code https}, one of the two constants
 * @param host   the host as Helidon's client reads it from the URL
 * @param port   the port, the scheme's default filled in
 * @param tls    the TLS profile; connections of different profiles are never shared
 */
record Endpoint(String scheme, String host, int port, TlsProfile tls) {

    private static final String HTTP = "http";
    private static final String HTTPS = "https";

    /**
     * The endpoint of a URL.
     *
     * @param url a URL already checked to be http(s) with a host
     */
    static Endpoint of(String url, TlsProfile tls) {
        return of(URI.create(url), tls);
    }

    /** The endpoint of a URI already checked to be http(s) with a host. */
    static Endpoint of(URI uri, TlsProfile tls) {
        ClientUri client = ClientUri.create(uri);
        String scheme = client.scheme().equalsIgnoreCase(HTTPS) ? HTTPS : HTTP;
        return new Endpoint(scheme, client.host(), client.port(), tls);
    }

    boolean secure() {
        return HTTPS.equals(scheme);
    }

    /**
     * {@code host:port}, an IPv6 address in brackets and the host in lower case: what
     * {@link io.cpra.plugin.api.PulseCheck#destination()} reports.
     */
    String destination() {
        String shown = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return shown.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
