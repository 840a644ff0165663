package io.cpra.plugins.http;

import java.net.URI;
import java.util.Locale;

/**
 * Where a check connects: scheme, host, port and the TLS profile. An immutable value made
 * per request from the URL (not kept by the monitor: a million monitors of distinct servers
 * would each hold one), with value equality: the keep-alive connections {@link Connections}
 * keeps are grouped by it.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the URL's host, as {@link URI#getHost()} gives it (an IPv6 address in brackets)
 * @param port   the port, the scheme's default filled in
 * @param tls    the TLS profile; connections of different profiles are never shared
 */
record Endpoint(String scheme, String host, int port, TlsProfile tls) {

    private static final String HTTP = "http";
    private static final String HTTPS = "https";

    /** The endpoint of a URI already checked to be http(s) with a host. */
    static Endpoint of(URI uri, TlsProfile tls) {
        boolean secure = HTTPS.equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        return new Endpoint(secure ? HTTPS : HTTP, uri.getHost(), port, tls);
    }

    boolean secure() {
        return HTTPS.equals(scheme);
    }

    /**
     * The {@code host:port} of an http(s) URL, the scheme's default port filled in, the host in
     * lower case, an IPv6 address in brackets, user information left out: what
     * {@link io.cpra.plugin.api.PulseCheck#destination()} reports. Read from the text without
     * parsing the whole URL, since it may be asked for once per check.
     *
     * @param url a URL already checked to be http(s) with a host
     */
    static String destination(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(url.lastIndexOf('@', end - 1) >= start ? url.lastIndexOf('@', end - 1) + 1 : start, end);
        int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        String host = portColon >= 0 ? authority.substring(0, portColon) : authority;
        String port = portColon >= 0 && portColon < authority.length() - 1 ? authority.substring(portColon + 1)
                : url.regionMatches(true, 0, HTTPS, 0, HTTPS.length()) ? "443" : "80";
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
