package io.cpra.plugins.http;

/**
 * The TLS settings that need a client of their own: whether the server certificate is
 * verified, which CA file replaces the system trust store, and whether peer certificates are
 * recorded for expiry warnings. Monitors with equal profiles share one set of clients and one
 * connection pool. Immutable.
 *
 * @param verify      verify the certificate chain and the host name
 * @param caFile      absolute path of a PEM file with the trusted CA certificates, or null for
 *                    the JDK's trust store
 * @param trackExpiry record each server's certificate expiry at the handshake
 */
record TlsProfile(boolean verify, String caFile, boolean trackExpiry) {

    /** Verification on, system trust store, nothing recorded: what most monitors use. */
    static final TlsProfile DEFAULT = new TlsProfile(true, null, false);
}
