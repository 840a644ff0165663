package io.cpra.plugins.http;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code http} pulse against HTTPS servers with self-signed certificates: one valid for a
 * year, one expiring in two days.
 */
class HttpsCheckTest {

    @TempDir
    static Path dir;

    private static TestCertificates.Issued longLived;
    private static TestCertificates.Issued expiring;
    private static WebServer longLivedServer;
    private static WebServer expiringServer;

    private final HttpCheckPlugin plugin = new HttpCheckPlugin(new Transport(System::nanoTime, Clock.systemUTC()));

    @BeforeAll
    static void startServers() throws Exception {
        longLived = TestCertificates.issue(dir, "long-lived", 365);
        expiring = TestCertificates.issue(dir, "expiring", 2);
        longLivedServer = start(longLived);
        expiringServer = start(expiring);
    }

    private static WebServer start(TestCertificates.Issued certificate) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .tls(Tls.builder().sslContext(certificate.context()).build())
                .routing(routing -> routing.get("/ok", (req, res) -> res.send("secure")))
                .build()
                .start();
    }

    @AfterAll
    static void stopServers() {
        longLivedServer.stop();
        expiringServer.stop();
    }

    private PulseOutcome check(Map<String, Object> config) throws InterruptedException {
        return plugin.prepare(PluginConfig.of("tls", "pulse_check.config", config), PluginContext.of("tls", dir))
                .check(Deadline.after(Duration.ofSeconds(5)));
    }

    private static Map<String, Object> config(WebServer server, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", "https://127.0.0.1:" + server.port() + "/ok");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    @Test
    void selfSignedCertificateFailsVerification() throws Exception {
        PulseOutcome outcome = check(config(longLivedServer));

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).startsWith("TLS failed: the server certificate is not trusted");
    }

    @Test
    void verificationOffAcceptsIt() throws Exception {
        PulseOutcome outcome = check(config(longLivedServer, "tls_verify", false, "body_contains", "secure"));

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
    }

    @Test
    void caFileMakesItTrusted() throws Exception {
        PulseOutcome outcome = check(config(longLivedServer, "ca_file", "long-lived.pem"));

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
    }

    @Test
    void caFileOfAnotherCertificateDoesNot() throws Exception {
        PulseOutcome outcome = check(config(longLivedServer, "ca_file", "expiring.pem"));

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).startsWith("TLS failed:");
    }

    @Test
    void certificateExpiringWithinTheWindowWarns() throws Exception {
        PulseOutcome outcome = check(config(expiringServer, "ca_file", "expiring.pem", "cert_expiry_warning", "7d"));

        assertThat(outcome.status()).isEqualTo(Status.WARNING);
        assertThat(outcome.message()).containsPattern("^HTTP 200 in \\d+ ms, certificate expires in 1d2[0-3]h\\d+m \\(");
    }

    @Test
    void certificateExpiringWithinTheCriticalWindowFails() throws Exception {
        PulseOutcome outcome = check(config(expiringServer, "tls_verify", false,
                "cert_expiry_warning", "30d", "cert_expiry_critical", "3d"));

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).contains("certificate expires in 1d");
    }

    @Test
    void certificateOutsideTheWindowIsOk() throws Exception {
        PulseOutcome first = check(config(longLivedServer, "ca_file", "long-lived.pem", "cert_expiry_warning", "30d"));
        // a second check reuses the kept-alive connection, so no handshake happens: the ledger answers
        PulseOutcome second = check(config(longLivedServer, "ca_file", "long-lived.pem", "cert_expiry_warning", "30d"));

        assertThat(first.status()).as(first.message()).isEqualTo(Status.OK);
        assertThat(second.status()).as(second.message()).isEqualTo(Status.OK);
    }
}
