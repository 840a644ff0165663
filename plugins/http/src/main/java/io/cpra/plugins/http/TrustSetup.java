package io.cpra.plugins.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Builds the {@link SSLContext} of a {@link TlsProfile}: the JDK's trust store, the
 * certificates of a CA file, or no verification at all, optionally recording each server's
 * certificate into an {@link ExpiryLedger}. No instances.
 */
final class TrustSetup {

    private TrustSetup() {
    }

    /**
     * Reads the certificates of a PEM (or DER) file.
     *
     * @throws IOException              when the file cannot be read
     * @throws GeneralSecurityException when it holds no certificate or a malformed one
     */
    static Collection<? extends Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certificates;
        }
    }

    /**
     * The context for a profile.
     *
     * @param profile the settings
     * @param ledger  where to record server certificates, or null not to
     */
    static SSLContext context(TlsProfile profile, ExpiryLedger ledger) throws IOException, GeneralSecurityException {
        X509ExtendedTrustManager trust = profile.verify() ? verifying(profile.caFile()) : null;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Recording(trust, ledger)}, null);
        return context;
    }

    private static X509ExtendedTrustManager verifying(String caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : readCertificates(Path.of(caFile))) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
    }

    /**
     * Delegates server checks to the verifying manager (none: trust all) and records the leaf
     * certificate of every accepted handshake. Client checks never happen: cpra is the client.
     * The socket and engine variants matter: they let the JDK verify the host name against
     * the endpoint identification algorithm set on the socket.
     */
    private static final class Recording extends X509ExtendedTrustManager {

        private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

        private final X509ExtendedTrustManager delegate;
        private final ExpiryLedger ledger;

        Recording(X509ExtendedTrustManager delegate, ExpiryLedger ledger) {
            this.delegate = delegate;
            this.ledger = ledger;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType, socket);
            }
            if (socket instanceof SSLSocket ssl) {
                record(chain, ssl.getHandshakeSession(), socket.getInetAddress());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType, engine);
            }
            if (engine != null) {
                record(chain, engine.getHandshakeSession(), null);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType);
            }
        }

        private void record(X509Certificate[] chain, SSLSession session, InetAddress address) {
            if (ledger != null && session != null && chain.length > 0) {
                ledger.record(session.getPeerHost(), address, session.getPeerPort(), chain[0]);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("cpra does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("cpra does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("cpra does not accept TLS clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509TrustManager manager = delegate;
            return manager == null ? NO_ISSUERS : manager.getAcceptedIssuers();
        }
    }
}
