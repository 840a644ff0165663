package io.cpra.plugins.dns;

/**
 * A DNS server to ask, as written in {@code server}: {@code host}, {@code host:port},
 * {@code [v6]:port} or a bare IPv6 address. Immutable; the host is resolved at each check,
 * so a server named by host name may move.
 *
 * @param host a host name or an IP literal, without brackets
 * @param port the UDP and TCP port
 */
record Server(String host, int port) {

    static final int DNS_PORT = 53;

    /**
     * Parses a server.
     *
     * @throws IllegalArgumentException when the text is not a host with an optional port
     */
    static Server parse(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace) || s.contains("/")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a host[:port]");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" lacks the closing ] of its IPv6 address");
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("\"" + text + "\" is not [address]:port");
            }
            return new Server(s.substring(1, close), rest.isEmpty() ? DNS_PORT : port(rest.substring(1), text));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            return new Server(s, DNS_PORT); // a bare IPv6 address
        }
        if (colon >= 0) {
            return new Server(s.substring(0, colon), port(s.substring(colon + 1), text));
        }
        return new Server(s, DNS_PORT);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("\"" + text + "\" has no valid port (1 to 65535)");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
