package io.cpra.plugins.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * When each server's certificate expires, as seen at the last TLS handshake with it. A reused
 * keep-alive connection does not handshake again, so checks read the expiry from here rather
 * than from the response. Only profiles that track expiry keep a ledger, so monitors without
 * expiry rules pay nothing. Thread-safe.
 *
 * <p>Entries are keyed twice: by the host name the handshake named (the SNI name, which tells
 * virtual hosts on one address apart) and by the peer's IP address. A URL with a host name is
 * looked up by name; a URL with an IP literal by address, because the client names such
 * peers by a reverse lookup that the check cannot repeat cheaply.
 */
final class ExpiryLedger {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** What the ledger knows about one endpoint. */
    record Seen(long notAfterMillis, String subject) {
    }

    private final ConcurrentHashMap<String, Seen> byEndpoint = new ConcurrentHashMap<>();

    /**
     * Records the leaf certificate of a handshake.
     *
     * @param peerHost the host name the handshake used, or null
     * @param address  the peer's address, or null when not known
     * @param port     the peer's port
     * @param leaf     the server's certificate
     */
    void record(String peerHost, InetAddress address, int port, X509Certificate leaf) {
        Seen seen = new Seen(leaf.getNotAfter().getTime(), leaf.getSubjectX500Principal().getName());
        if (peerHost != null) {
            byEndpoint.put(peerHost.toLowerCase(Locale.ROOT) + ":" + port, seen);
        }
        if (address != null) {
            byEndpoint.put(address.getHostAddress() + ":" + port, seen);
        }
    }

    /**
     * The last certificate seen from an endpoint.
     *
     * @param host the host of the URL: a name or an IP literal (IPv6 with or without brackets)
     * @param port the port of the URL
     * @return what was seen, or null when no handshake with it was recorded
     */
    Seen seen(String host, int port) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.indexOf(':') >= 0 || IPV4.matcher(literal).matches()) {
            try {
                // an IP literal: parsed, never looked up
                return byEndpoint.get(InetAddress.getByName(literal).getHostAddress() + ":" + port);
            } catch (UnknownHostException malformed) {
                return null;
            }
        }
        return byEndpoint.get(host.toLowerCase(Locale.ROOT) + ":" + port);
    }
}
