package io.cpra.core.listen;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server's TLS key and certificate come from: either a PEM certificate chain and an
 * unencrypted PKCS#8 PEM private key, or a PKCS#12 keystore with its password. Immutable;
 * {@link #toString()} never shows the password.
 *
 * @param certificate      the PEM certificate chain, the server's certificate first
 *                         ({@code server.tls.certificate}), or {@code null} with a keystore
 * @param key              the PEM private key ({@code server.tls.key}), or {@code null} with a keystore
 * @param keystore         the PKCS#12 file ({@code server.tls.keystore}), or {@code null} with PEM files
 * @param keystorePassword its password ({@code server.tls.keystore-password}); empty for none
 */
public record TlsSettings(Path certificate, Path key, Path keystore, String keystorePassword) {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /**
     * Checks that exactly one source is given.
     *
     * @throws IllegalArgumentException when both or neither are, or PEM lacks the key or the certificate
     */
    public TlsSettings {
        boolean pem = certificate != null || key != null;
        if (pem == (keystore != null)) {
            throw new IllegalArgumentException("give either certificate and key (PEM) or keystore (PKCS#12)");
        }
        if (pem && (certificate == null || key == null)) {
            throw new IllegalArgumentException("PEM needs both certificate and key");
        }
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
    }

    /**
     * Reads {@code server.tls}; absent or without any file means plain HTTP.
     *
     * @param tls  the {@code server.tls} node
     * @param home the cpra home, against which relative paths resolve
     * @return the settings, or {@code null} for plain HTTP
     * @throws ConfigException naming the key when the combination is wrong
     */
    static TlsSettings from(Config tls, Path home) {
        Path certificate = path(tls.get("certificate"), home);
        Path key = path(tls.get("key"), home);
        Path keystore = path(tls.get("keystore"), home);
        if (certificate == null && key == null && keystore == null) {
            return null;
        }
        try {
            return new TlsSettings(certificate, key, keystore, tls.get("keystore-password").asString().orElse(""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(tls.key() + ": " + e.getMessage());
        }
    }

    /**
     * Loads the key and certificates into a server {@link SSLContext}.
     *
     * @return the context
     * @throws IllegalArgumentException naming the file that cannot be read or parsed (never the password)
     */
    public SSLContext sslContext() {
        try {
            KeyStore store = keystore != null ? pkcs12() : fromPem();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, keystorePassword.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: cannot use the key and certificate: " + e.getMessage(), e);
        }
    }

    private KeyStore pkcs12() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, keystorePassword.toCharArray());
            return store;
        } catch (IOException e) {
            // a wrong password shows as an IOException whose cause is an UnrecoverableKeyException
            throw new IllegalArgumentException("TLS: cannot read the keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private KeyStore fromPem() throws GeneralSecurityException {
        List<Certificate> chain = new ArrayList<>();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (byte[] der : blocks(certificate, "CERTIFICATE")) {
            chain.add(x509.generateCertificate(new java.io.ByteArrayInputStream(der)));
        }
        List<byte[]> keys = blocks(key, "PRIVATE KEY");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("TLS: no \"BEGIN CERTIFICATE\" block in " + certificate);
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("TLS: expected one unencrypted PKCS#8 \"BEGIN PRIVATE KEY\" block in " + key
                    + " (convert another key with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem)");
        }
        PrivateKey privateKey = privateKey(keys.getFirst(), chain.getFirst().getPublicKey().getAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty keystore cannot fail to load", e);
        }
        store.setKeyEntry("server", privateKey, keystorePassword.toCharArray(), chain.toArray(Certificate[]::new));
        return store;
    }

    private PrivateKey privateKey(byte[] der, String algorithm) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: the key in " + key + " is not a " + algorithm
                    + " PKCS#8 key matching the certificate: " + e.getMessage(), e);
        }
    }

    /** The DER bytes of each PEM block of this type in the file. */
    private static List<byte[]> blocks(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("TLS: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> found = new ArrayList<>();
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            if (block.group(1).equals(type)) {
                found.add(Base64.getMimeDecoder().decode(block.group(2)));
            }
        }
        return found;
    }

    private static Path path(Config key, Path home) {
        return key.asString().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> home.resolve(s).toAbsolutePath().normalize()).orElse(null);
    }

    @Override
    public String toString() {
        return keystore != null
                ? "TlsSettings[keystore=" + keystore + ", password " + (keystorePassword.isEmpty() ? "unset" : "set") + "]"
                : "TlsSettings[certificate=" + certificate + ", key=" + key + "]";
    }
}
