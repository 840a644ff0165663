package io.cpra.plugins.email;

import jakarta.mail.Session;

import java.time.Duration;
import java.util.Properties;

/**
 * How to reach one SMTP server: everything that goes into a Jakarta Mail {@link Session}.
 * Immutable, with value equality, so blocks naming the same server share one session.
 * {@link #toString()} leaves the password out.
 *
 * @param host                the server
 * @param port                its port
 * @param security            plain, STARTTLS or implicit TLS
 * @param user                the AUTH user, or empty for none
 * @param password            the AUTH password, or empty
 * @param timeout             connect, read and write timeout
 * @param sslTrust            hosts trusted without certificate checks, or empty
 * @param checkServerIdentity whether the certificate must name the host
 */
record SmtpSettings(String host, int port, Security security, String user, String password, Duration timeout,
                    String sslTrust, boolean checkServerIdentity) {

    /** The transport's security. */
    enum Security {
        /** Plain SMTP; never upgrades. */
        NONE("smtp", 25),
        /** SMTP upgraded with STARTTLS; the send fails when the server cannot upgrade. */
        STARTTLS("smtp", 587),
        /** SMTP inside TLS from the first byte (SMTPS). */
        SSL("smtps", 465);

        private final String protocol;
        private final int defaultPort;

        Security(String protocol, int defaultPort) {
            this.protocol = protocol;
            this.defaultPort = defaultPort;
        }

        String protocol() {
            return protocol;
        }

        int defaultPort() {
            return defaultPort;
        }
    }

    String protocol() {
        return security.protocol();
    }

    /** Where mail goes, for destinations and messages: {@code smtp://host:port}, no credentials. */
    String address() {
        return protocol() + "://" + host + ":" + port;
    }

    Properties properties() {
        String prefix = "mail." + protocol() + ".";
        String millis = Long.toString(timeout.toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", protocol());
        properties.setProperty(prefix + "host", host);
        properties.setProperty(prefix + "port", Integer.toString(port));
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        properties.setProperty(prefix + "auth", Boolean.toString(!user.isEmpty()));
        // a message with one bad recipient still reaches the good ones; the outcome names the bad
        properties.setProperty(prefix + "sendpartial", "true");
        if (security == Security.STARTTLS) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (security != Security.NONE) {
            properties.setProperty(prefix + "ssl.checkserveridentity", Boolean.toString(checkServerIdentity));
            if (!sslTrust.isEmpty()) {
                properties.setProperty(prefix + "ssl.trust", sslTrust);
            }
        }
        return properties;
    }

    /**
     * A session for these settings. Jakarta Mail looks its providers up through the context
     * class loader, which on a platform thread is not this plugin's layer; so the lookup runs
     * with the plugin's own loader.
     */
    Session session() {
        return EmailNotifier.withPluginLoader(() -> Session.getInstance(properties()));
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + address() + ", security=" + security + ", user=" + user
                + ", password=" + (password.isEmpty() ? "none" : "***") + "]";
    }
}
