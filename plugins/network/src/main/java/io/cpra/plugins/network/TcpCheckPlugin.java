package io.cpra.plugins.network;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code tcp} pulse: a port accepts connections, optionally over TLS, and optionally
 * answers a request with an expected reply (the way Nagios' {@code check_tcp} does with
 * {@code -s}, {@code -e} and {@code -q}).
 *
 * <pre>{@code
 * pulse_check:
 *   type: tcp
 *   interval: 10s
 *   timeout: 5s
 *   config:
 *     host: mail.example
 *     port: 25
 *     expect: ["220 "]
 *     quit: "QUIT\r\n"
 * }</pre>
 *
 * <p><b>Outcomes.</b> OK with {@code "connected to db:5432 in 3 ms"}; CRITICAL when the
 * connection or handshake fails (refused, timed out, unknown host, TLS), the reply lacks the
 * expected text, the probe is slower than {@code max_response_time}, or the certificate
 * expires within {@code cert_expiry_critical}; WARNING for {@code warn_response_time} and
 * {@code cert_expiry_warning}.
 *
 * <p>Everything but host and port is interned; a prepared check is two references, a port
 * and the host string. Thread-safe.
 */
public final class TcpCheckPlugin implements PulsePlugin {

    /** The default {@code read_limit}: enough for any banner, small enough to stay cheap. */
    static final int DEFAULT_READ_LIMIT = 4096;

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "tcp",
            "A TCP port accepts connections, optionally with TLS and an expected reply",
            ConfigKey.required("host", ValueType.STRING,
                    "host name or IP address to connect to")
                    .withRoles(KeyRole.TARGET_HOST),
            ConfigKey.required("port", ValueType.INTEGER,
                    "TCP port, 1 to 65535")
                    .withRoles(KeyRole.TARGET_PORT),
            ConfigKey.optional("send", ValueType.STRING, null,
                    "text to send once connected, such as \"PING\\r\\n\" (YAML double-quoted escapes apply)"),
            ConfigKey.optional("expect", ValueType.LIST, null,
                    "texts to look for in the reply; reading stops once they appear")
                    .withRoles(KeyRole.RESPONSE_MATCH),
            ConfigKey.optional("match", ValueType.STRING, "any",
                    "with several expect texts: any (one suffices) or all (every one must appear)"),
            ConfigKey.optional("read_limit", ValueType.INTEGER, String.valueOf(DEFAULT_READ_LIMIT),
                    "the most bytes read while waiting for the expected texts (1 to 1048576)"),
            ConfigKey.optional("quit", ValueType.STRING, null,
                    "text to send before closing, such as \"QUIT\\r\\n\""),
            ConfigKey.optional("tls", ValueType.BOOLEAN, "false",
                    "shake hands with TLS after connecting"),
            ConfigKey.optional("tls_verify", ValueType.BOOLEAN, "true",
                    "with tls: verify the server certificate and host name"),
            ConfigKey.optional("ca_file", ValueType.STRING, null,
                    "with tls: PEM file of CA certificates to trust instead of the system's; relative to the cpra home")
                    .withRoles(KeyRole.READ_PATH),
            ConfigKey.optional("cert_expiry_warning", ValueType.DURATION, null,
                    "with tls: a certificate expiring within this is a WARNING, such as 14d"),
            ConfigKey.optional("cert_expiry_critical", ValueType.DURATION, null,
                    "with tls: a certificate expiring within this is CRITICAL, such as 3d"),
            ConfigKey.optional("warn_response_time", ValueType.DURATION, null,
                    "a probe (connect, handshake, reply) slower than this is a WARNING"),
            ConfigKey.optional("max_response_time", ValueType.DURATION, null,
                    "a probe slower than this is CRITICAL"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0",
                    "extra attempts after a failed one, within the pulse timeout (0 to 10)"));

    private final NetworkTools tools;
    private final Interner<TcpSpec> specs = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public TcpCheckPlugin() {
        this(NetworkTools.system());
    }

    TcpCheckPlugin(NetworkTools tools) {
        this.tools = tools;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        String host = Keys.host(config);
        int port = config.integer("port");
        if (port < 1 || port > 65_535) {
            throw config.error("port", "must be between 1 and 65535, got " + port);
        }
        List<String> expect = new ArrayList<>();
        for (String text : config.strings("expect")) {
            if (text.isEmpty()) {
                throw config.error("expect", "an expected text must not be empty");
            }
            expect.add(bytes(text));
        }
        String match = config.string("match", "any").strip().toLowerCase(Locale.ROOT);
        if (!match.equals("any") && !match.equals("all")) {
            throw config.error("match", "expected any or all, got \"" + match + "\"");
        }
        boolean tls = config.bool("tls", false);
        for (String key : List.of("ca_file", "cert_expiry_warning", "cert_expiry_critical", "tls_verify")) {
            if (!tls && config.has(key)) {
                throw config.error(key, "applies only with tls: true");
            }
        }
        boolean verify = config.bool("tls_verify", true);
        TcpSpec spec = new TcpSpec(
                config.optionalString("send").map(TcpCheckPlugin::bytes).orElse(null),
                List.copyOf(expect),
                match.equals("all"),
                Keys.within(config, "read_limit", DEFAULT_READ_LIMIT, 1, 1 << 20),
                config.optionalString("quit").map(TcpCheckPlugin::bytes).orElse(null),
                tls ? new TlsSockets.Trust(verify, caFile(config, context, verify)) : null,
                Keys.positive(config, "cert_expiry_warning"),
                Keys.positive(config, "cert_expiry_critical"),
                Keys.positive(config, "warn_response_time"),
                Keys.positive(config, "max_response_time"),
                Keys.within(config, "retries", 0, 0, 10));
        return new TcpCheck(host, port, specs.intern(spec), tools);
    }

    /** The UTF-8 bytes of a text, one char per byte; see {@link TcpSpec}. */
    private static String bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String caFile(PluginConfig config, PluginContext context, boolean verify) {
        if (!config.has("ca_file")) {
            return null;
        }
        if (!verify) {
            throw config.error("ca_file", "has no effect with tls_verify: false; remove one of them");
        }
        Path path = context.resolve(config.string("ca_file"));
        try {
            TlsSockets.readCertificates(path);
        } catch (IOException e) {
            throw config.error("ca_file", "cannot read " + path + ": " + e);
        } catch (GeneralSecurityException e) {
            throw config.error("ca_file", path + " holds no valid certificate: " + e.getMessage());
        }
        return path.toString();
    }
}
