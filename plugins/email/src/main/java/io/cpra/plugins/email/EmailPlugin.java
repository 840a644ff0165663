package io.cpra.plugins.email;

import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugin.api.ValueType;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code email} code: sends each code as a plain-text mail over SMTP (see {@link MailText}
 * for subject and body). The password is a secret: besides {@code password} it may be given as
 * {@code password_env} (an environment variable) or {@code password_file} (a file), read at
 * load time, so it stays out of manifests.
 *
 * <pre>{@code
 * codes:
 *   red:
 *     dispatch: true
 *     notify: email
 *     config:
 *       host: smtp.example.com
 *       security: starttls
 *       user: cpra@example.com
 *       password_env: CPRA_SMTP_PASSWORD
 *       from: cpra@example.com
 *       to: [oncall@example.com, ops@example.com]
 *       subject: "[cpra] ${status} ${monitor}"
 * }</pre>
 *
 * <p>One Jakarta Mail {@link Session} serves every block with the same SMTP settings, and
 * monitors with equal blocks share one notifier; both go when the last monitor using them does.
 */
public final class EmailPlugin implements CodePlugin {

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "email",
            "Sends each code as a plain-text mail over SMTP",
            ConfigKey.required("host", ValueType.STRING, "the SMTP server").withRoles(KeyRole.TARGET_HOST),
            ConfigKey.optional("port", ValueType.INTEGER, "25, or 587 with starttls, or 465 with ssl", "the SMTP port")
                    .withRoles(KeyRole.TARGET_PORT),
            ConfigKey.optional("security", ValueType.STRING, "none",
                    "none (plain SMTP), starttls (upgrade required) or ssl (TLS from the first byte)"),
            ConfigKey.optional("user", ValueType.STRING, null, "user name for SMTP AUTH; no authentication when absent"),
            ConfigKey.optional("password", ValueType.STRING, null,
                    "password for SMTP AUTH; prefer password_env or password_file").withRoles(KeyRole.SECRET),
            ConfigKey.required("from", ValueType.STRING, "the sender address, such as \"cpra <cpra@example.com>\""),
            ConfigKey.required("to", ValueType.LIST, "one recipient address or a list of them"),
            ConfigKey.optional("subject", ValueType.STRING, "${title}",
                    "subject template with ${monitor}, ${colour}, ${status}, ${severity}, ${title}, ${incident_id}"),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long connecting, and each read or write, may take at most"),
            ConfigKey.optional("ssl_trust", ValueType.STRING, null,
                    "hosts whose certificate is trusted without checking it (\"*\" for all); for self-signed servers only"),
            ConfigKey.optional("check_server_identity", ValueType.BOOLEAN, "true",
                    "check that the server's certificate names the host"));

    private final SharedInstances<SmtpSettings, Session> sessions = SharedInstances.create();
    private final SharedInstances<EmailNotifier.Settings, EmailNotifier> notifiers = SharedInstances.create(EmailNotifier::releaseSession);

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public EmailPlugin() {
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        EmailNotifier.Settings settings = new EmailNotifier.Settings(smtp(config),
                address(config, "from", config.string("from")),
                recipients(config),
                MailText.Subject.compile(config, "subject", config.string("subject", "${title}")));
        return notifiers.acquire(settings, key -> new EmailNotifier(key, sessions.acquire(key.smtp(), SmtpSettings::session), this));
    }

    private SmtpSettings smtp(PluginConfig config) {
        String host = config.string("host").strip();
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            throw config.error("host", "expected a host name or address, got \"" + config.string("host") + "\"");
        }
        SmtpSettings.Security security = switch (config.string("security", "none").strip().toLowerCase(Locale.ROOT)) {
            case "none" -> SmtpSettings.Security.NONE;
            case "starttls" -> SmtpSettings.Security.STARTTLS;
            case "ssl", "tls" -> SmtpSettings.Security.SSL;
            default -> throw config.error("security", "expected none, starttls or ssl, got \"" + config.string("security") + "\"");
        };
        int port = config.integer("port", security.defaultPort());
        if (port < 1 || port > 65535) {
            throw config.error("port", "expected 1 to 65535, got " + port);
        }
        String user = config.string("user", "").strip();
        String password = config.string("password", "");
        if (user.isEmpty() && !password.isEmpty()) {
            throw config.error("user", "a password is set, so a user is needed too");
        }
        Duration timeout = config.duration("timeout", Duration.ofSeconds(10));
        if (timeout.isZero() || timeout.isNegative()) {
            throw config.error("timeout", "must be positive, got " + config.string("timeout"));
        }
        return new SmtpSettings(host, port, security, user, password, timeout,
                config.string("ssl_trust", "").strip(), config.bool("check_server_identity", true));
    }


    private static List<String> recipients(PluginConfig config) {
        List<String> written = config.strings("to");
        if (written.isEmpty()) {
            throw config.error("to", "name at least one recipient");
        }
        List<String> addresses = new ArrayList<>(written.size());
        for (int i = 0; i < written.size(); i++) {
            addresses.add(address(config, written.size() == 1 ? "to" : "to[" + i + "]", written.get(i)));
        }
        return List.copyOf(addresses);
    }

    private static String address(PluginConfig config, String key, String written) {
        try {
            InternetAddress address = new InternetAddress(written.strip(), true);
            address.validate();
            return address.toUnicodeString();
        } catch (AddressException e) {
            throw config.error(key, "not a mail address: \"" + written + "\" (" + e.getMessage() + ")");
        }
    }

    void release(EmailNotifier.Settings settings) {
        notifiers.release(settings);
    }

    void releaseSession(SmtpSettings smtp) {
        sessions.release(smtp);
    }

    /** Distinct sessions held, for tests. */
    int sessions() {
        return sessions.size();
    }

    /** Distinct notifiers held, for tests. */
    int notifiers() {
        return notifiers.size();
    }
}
