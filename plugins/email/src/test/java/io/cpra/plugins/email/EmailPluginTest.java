package io.cpra.plugins.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.testkit.PluginTester;
import io.cpra.plugin.testkit.TestConfigs;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailPluginTest {

    private static final Instant OCCURRED = Instant.parse("2025-03-04T05:06:07Z");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(servers())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("cpra@example.com", "cpra", "s3cret"));

    private static ServerSetup[] servers() {
        ServerSetup[] servers = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS});
        for (ServerSetup server : servers) {
            // loading the TLS key store is slow on a busy machine; a slow start is not a failure
            server.setServerStartupTimeout(30_000);
        }
        return servers;
    }

    private final Map<String, String> environment = new HashMap<>();
    private final EmailPlugin plugin = new EmailPlugin();

    private Notifier prepare(Map<String, ?> config) {
        Map<String, Object> block = new HashMap<>(config);
        block.putIfAbsent("host", "127.0.0.1");
        block.putIfAbsent("port", MAIL.getSmtp().getPort());
        block.putIfAbsent("from", "cpra <cpra@example.com>");
        block.putIfAbsent("to", List.of("oncall@example.com", "ops@example.com"));
        return PluginTester.prepare(plugin, TestConfigs.map(block).monitor("checkout-api").path("codes.red.config")
                .environment(environment::get).build(), PluginContext.of("checkout-api", Path.of(".")));
    }

    private static Alert alert(Colour colour) {
        return Alert.builder().id("alert-7").monitor("checkout-api").colour(colour)
                .title("[" + colour.status() + "] checkout-api").summary("checkout-api failed 3 checks in a row")
                .action("Restart the pods").incidentId("inc-42").occurredAt(OCCURRED)
                .lastMessage("HTTP 503 in 12 ms").groups(List.of("payments", "tier-1")).build();
    }

    private static Deadline later() {
        return Deadline.after(Duration.ofSeconds(20));
    }

    @Test
    void sendsOneMailToEveryRecipientOverPlainSmtp() throws Exception {
        Notifier notifier = prepare(Map.of("subject", "[cpra] ${status} ${monitor} (${colour}, ${severity}, ${incident_id})"));

        DeliveryOutcome outcome = notifier.deliver(alert(Colour.RED), later());

        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered(
                "sent to oncall@example.com, ops@example.com via smtp://127.0.0.1:" + MAIL.getSmtp().getPort()));
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[cpra] CRITICAL checkout-api (red, critical, inc-42)");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("cpra <cpra@example.com>");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("oncall@example.com", "ops@example.com");
        assertThat(mail.getMessageID()).isEqualTo("<alert-7@cpra>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getHeader("X-Cpra-Alert-Id")).containsExactly("alert-7");
        assertThat(mail.getHeader("X-Cpra-Monitor")).containsExactly("checkout-api");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(OCCURRED);
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n").stripTrailing())
                .isEqualTo(MailText.body(alert(Colour.RED)).stripTrailing());
    }

    @Test
    void bodyListsEveryField() {
        assertThat(MailText.body(alert(Colour.GREEN))).isEqualTo("""
                [RECOVERED] checkout-api

                checkout-api failed 3 checks in a row

                Monitor:     checkout-api
                Status:      RECOVERED (green)
                Severity:    info
                Incident:    inc-42
                Occurred at: 2025-03-04T05:06:07Z
                Last check:  HTTP 503 in 12 ms
                Groups:      payments, tier-1

                What to do: Restart the pods

                --\s
                cpra alert alert-7
                """);
    }

    @Test
    void authenticatesWithAPasswordFromTheEnvironment() throws Exception {
        environment.put("SMTP_PASSWORD", "s3cret");

        DeliveryOutcome outcome = prepare(Map.of("user", "cpra", "password_env", "SMTP_PASSWORD", "to", "oncall@example.com"))
                .deliver(alert(Colour.RED), later());

        assertThat(outcome.delivered()).as(outcome.message()).isTrue();
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void wrongPasswordIsPermanent() throws Exception {
        DeliveryOutcome outcome = prepare(Map.of("user", "cpra", "password", "wrong")).deliver(alert(Colour.RED), later());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.message()).startsWith("authentication failed: ");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsOverSsl() throws Exception {
        Notifier notifier = prepare(Map.of("port", MAIL.getSmtps().getPort(), "security", "ssl", "ssl_trust", "127.0.0.1",
                "check_server_identity", false, "to", "oncall@example.com"));

        DeliveryOutcome outcome = notifier.deliver(alert(Colour.YELLOW), later());

        assertThat(outcome.delivered()).as(outcome.message()).isTrue();
        assertThat(notifier.destination()).isEqualTo("smtps://127.0.0.1:" + MAIL.getSmtps().getPort());
        assertThat(MAIL.getReceivedMessages()).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("[DEGRADED] checkout-api"));
    }

    @Test
    void requiredStarttlsAgainstAServerWithoutItIsPermanent() throws Exception {
        DeliveryOutcome outcome = prepare(Map.of("security", "starttls")).deliver(alert(Colour.RED), later());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.message()).containsIgnoringCase("STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void serverDownIsRetryable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }

        DeliveryOutcome outcome = prepare(Map.of("port", deadPort)).deliver(alert(Colour.RED), later());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.message()).containsIgnoringCase("connect");
    }

    @Test
    void oneSessionPerSmtpServerAndOneNotifierPerBlock() {
        Notifier a = prepare(Map.of());
        Notifier b = prepare(Map.of());
        Notifier other = prepare(Map.of("to", "someone@example.com"));

        assertThat(b).isSameAs(a);
        assertThat(other).isNotSameAs(a);
        assertThat(plugin.notifiers()).isEqualTo(2);
        assertThat(plugin.sessions()).isEqualTo(1);
        a.close();
        b.close();
        other.close();
        assertThat(plugin.notifiers()).isZero();
        assertThat(plugin.sessions()).isZero();
    }

    @Test
    void secretsStayOutOfDestinationAndText() {
        Notifier notifier = prepare(Map.of("user", "cpra", "password", "s3cret"));

        assertThat(notifier.destination()).isEqualTo("smtp://127.0.0.1:" + MAIL.getSmtp().getPort());
        assertThat(notifier.toString()).doesNotContain("s3cret");
        assertThat(((EmailNotifier) notifier).toString()).doesNotContain("s3cret");
        assertThat(new SmtpSettings("h", 25, SmtpSettings.Security.NONE, "u", "s3cret", Duration.ofSeconds(1), "", true)
                .toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of("to", List.of("a@example.com", "not an address"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("monitor \"checkout-api\": codes.red.config.to[1]: not a mail address: \"not an address\"");
        assertThatThrownBy(() -> prepare(Map.of("security", "tls13")))
                .hasMessage("monitor \"checkout-api\": codes.red.config.security: expected none, starttls or ssl, got \"tls13\"");
        assertThatThrownBy(() -> prepare(Map.of("subject", "${host}")))
                .hasMessageStartingWith("monitor \"checkout-api\": codes.red.config.subject: unknown placeholder ${host}");
        assertThatThrownBy(() -> prepare(Map.of("password", "x")))
                .hasMessage("monitor \"checkout-api\": codes.red.config.user: a password is set, so a user is needed too");
        assertThatThrownBy(() -> prepare(Map.of("user", "u", "password_env", "NOPE")))
                .hasMessage("monitor \"checkout-api\": codes.red.config.password_env: environment variable NOPE is not set or empty");
        assertThatThrownBy(() -> prepare(Map.of("port", 0)))
                .hasMessage("monitor \"checkout-api\": codes.red.config.port: expected 1 to 65535, got 0");
        assertThatThrownBy(() -> prepare(Map.of("to", List.of())))
                .hasMessage("monitor \"checkout-api\": codes.red.config.to: name at least one recipient");
    }

    @Test
    void descriptorListsEveryKey() {
        assertThat(plugin.descriptor().type()).isEqualTo("email");
        assertThat(plugin.descriptor().keys()).extracting(k -> k.name()).containsExactly("host", "port", "security", "user",
                "password", "from", "to", "subject", "timeout", "ssl_trust", "check_server_identity");
        assertThat(plugin.descriptor().key("password")).hasValueSatisfying(k -> assertThat(k.roles()).containsExactly(KeyRole.SECRET));
        assertThat(plugin.descriptor().key("host")).hasValueSatisfying(k -> assertThat(k.roles()).containsExactly(KeyRole.TARGET_HOST));
        assertThat(plugin.descriptor().key("port")).hasValueSatisfying(k -> assertThat(k.roles()).containsExactly(KeyRole.TARGET_PORT));
    }
}
