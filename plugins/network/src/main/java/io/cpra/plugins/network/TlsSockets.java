package io.cpra.plugins.network;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TLS socket factories for the {@code tcp} pulse, one per distinct trust setting (the JDK's
 * trust store, a CA file, or none), built on first use and shared by every monitor with that
 * setting. Thread-safe.
 */
final class TlsSockets {

    /** A trust setting: verify with the JDK's store ({@code caFile} null), with a CA file, or not at all. */
    record Trust(boolean verify, String caFile) {
    }

    private final ConcurrentHashMap<Trust, SSLSocketFactory> factories = new ConcurrentHashMap<>();

    /**
     * The factory for a trust setting.
     *
     * @throws UncheckedIOException when the CA file cannot be read any more
     */
    SSLSocketFactory factory(Trust trust) {
        return factories.computeIfAbsent(trust, TlsSockets::build);
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

    private static SSLSocketFactory build(Trust trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust.verify() ? verifying(trust.caFile()) : new TrustAll()}, null);
            return context.getSocketFactory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA file " + trust.caFile(), e);
        } catch (GeneralSecurityException e) {
            throw new UncheckedIOException(new IOException("cannot set up TLS: " + e.getMessage(), e));
        }
    }

    private static TrustManager verifying(String caFile) throws IOException, GeneralSecurityException {
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
        return factory.getTrustManagers()[0];
    }

    /**
     * Accepts any server certificate: {@code tls_verify: false}. Extended, so the JDK does not
     * wrap it with checks of its own.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            Objects.requireNonNull(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            Objects.requireNonNull(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            Objects.requireNonNull(chain);
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
            return new X509Certificate[0];
        }
    }
}
