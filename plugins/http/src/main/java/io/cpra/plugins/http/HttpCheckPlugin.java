package io.cpra.plugins.http;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Durations;
import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;
import io.helidon.http.Method;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code http} pulse: requests a URL and checks the status code, the body, the response
 * time and, for HTTPS, how long the server certificate has left.
 *
 * <pre>{@code
 * pulse_check:
 *   type: http
 *   interval: 10s
 *   timeout: 3s
 *   config:
 *     url: https://shop.example/health
 *     headers:
 *       - "Accept: application/json"
 *     expected_status: 200
 *     body_contains: ["\"status\":\"UP\""]
 *     cert_expiry_warning: 14d
 * }</pre>
 *
 * <p><b>Outcomes.</b> OK with {@code "HTTP 200 in 12 ms"}; CRITICAL when the status is not
 * accepted, a body rule fails, the response is slower than {@code max_response_time}, the
 * certificate expires within {@code cert_expiry_critical}, or the request fails (the message
 * says why: timed out, connection refused, unknown host, TLS); WARNING for
 * {@code warn_response_time} and {@code cert_expiry_warning}. The detail holds
 * {@code time=12ms size=2B}.
 *
 * <p><b>Sharing.</b> One set of Helidon WebClients serves every monitor; monitors with equal
 * TLS settings share a client, and monitors of one server share its keep-alive connections
 * ({@link Connections}; how many are kept is set by {@link ConnectionSettings}). Everything
 * but the URL is parsed once and interned, so monitors that differ only by URL cost a URL
 * string and a small object each.
 *
 * <p>Thread-safe: {@link #prepare} may run concurrently with checks.
 */
public final class HttpCheckPlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "http",
            "An HTTP(S) endpoint answers with an accepted status, body and response time",
            ConfigKey.required("url", ValueType.STRING,
                    "the URL to request, http:// or https://")
                    .withRoles(KeyRole.TARGET_URL),
            ConfigKey.optional("method", ValueType.STRING, "GET",
                    "the request method"),
            ConfigKey.optional("headers", ValueType.ANY, null,
                    "request headers: a list of \"Name: value\" strings, or a map of names to values")
                    .withRoles(KeyRole.SECRET),
            ConfigKey.optional("body", ValueType.STRING, null,
                    "the request body to send"),
            ConfigKey.optional("auth", ValueType.STRING, null,
                    "the Authorization header's value, such as \"Bearer abc\" (CPRA's auth key)")
                    .withRoles(KeyRole.SECRET),
            ConfigKey.optional("username", ValueType.STRING, null,
                    "user for HTTP basic authentication (needs password)"),
            ConfigKey.optional("password", ValueType.STRING, null,
                    "password for HTTP basic authentication")
                    .withRoles(KeyRole.SECRET),
            ConfigKey.optional("expected_status", ValueType.ANY, "2xx",
                    "accepted status codes: a code (200), a class (2xx), a range (200-299), or a list of them"),
            ConfigKey.optional("body_contains", ValueType.LIST, null,
                    "texts that must all appear in the response body")
                    .withRoles(KeyRole.RESPONSE_MATCH),
            ConfigKey.optional("body_not_contains", ValueType.LIST, null,
                    "texts that must not appear in the response body")
                    .withRoles(KeyRole.RESPONSE_MATCH),
            ConfigKey.optional("body_regex", ValueType.STRING, null,
                    "a regular expression (Java syntax) that must match somewhere in the response body")
                    .withRoles(KeyRole.RESPONSE_MATCH),
            ConfigKey.optional("warn_response_time", ValueType.DURATION, null,
                    "a response slower than this is a WARNING"),
            ConfigKey.optional("max_response_time", ValueType.DURATION, null,
                    "a response slower than this is CRITICAL"),
            ConfigKey.optional("follow_redirects", ValueType.BOOLEAN, "true",
                    "follow 3xx redirects and judge the final response"),
            ConfigKey.optional("max_redirects", ValueType.INTEGER, "5",
                    "the most redirects to follow (0 to 50)"),
            ConfigKey.optional("tls_verify", ValueType.BOOLEAN, "true",
                    "verify the server certificate and host name"),
            ConfigKey.optional("ca_file", ValueType.STRING, null,
                    "PEM file of CA certificates to trust instead of the system's; relative to the cpra home")
                    .withRoles(KeyRole.READ_PATH),
            ConfigKey.optional("cert_expiry_warning", ValueType.DURATION, null,
                    "a server certificate expiring within this is a WARNING, such as 14d (https only)"),
            ConfigKey.optional("cert_expiry_critical", ValueType.DURATION, null,
                    "a server certificate expiring within this is CRITICAL, such as 3d (https only)"),
            ConfigKey.optional("keep_alive", ValueType.BOOLEAN, "true",
                    "keep the connection open for the next check"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0",
                    "extra attempts after a failed one, within the pulse timeout (0 to 10)"));

    private final Transport transport;
    private final Interner<HttpSpec> specs = Interner.create();
    private final Interner<HeaderList> headerLists = Interner.create();
    private final Interner<StatusMatcher> statusMatchers = Interner.create();
    private final Interner<BodyMatcher> bodyMatchers = Interner.create();

    /**
     * The provider {@link java.util.ServiceLoader} creates; connection reuse is set by system
     * properties (see {@link ConnectionSettings}).
     *
     * @throws IllegalArgumentException naming the property when one is malformed
     */
    public HttpCheckPlugin() {
        this(new Transport(System::nanoTime, Clock.systemUTC(), ConnectionSettings.from(System::getProperty),
                System::nanoTime));
    }

    HttpCheckPlugin(Transport transport) {
        this.transport = transport;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        String url = config.string("url").strip();
        boolean https = checkUrl(config, url);
        boolean verify = config.bool("tls_verify", true);
        String caFile = caFile(config, context, verify);
        Duration certWarning = positive(config, "cert_expiry_warning");
        Duration certCritical = positive(config, "cert_expiry_critical");
        if ((certWarning != null || certCritical != null) && !https) {
            String key = certWarning != null ? "cert_expiry_warning" : "cert_expiry_critical";
            throw config.error(key, "certificate expiry needs an https:// url, got " + url);
        }
        HttpSpec spec = new HttpSpec(
                method(config),
                headerLists.intern(headers(config)),
                config.optionalString("body").orElse(null),
                statusMatchers.intern(status(config)),
                bodyMatchers.intern(bodyRules(config)),
                positive(config, "warn_response_time"),
                positive(config, "max_response_time"),
                config.bool("follow_redirects", true),
                within(config, "max_redirects", 5, 0, 50),
                config.bool("keep_alive", true),
                within(config, "retries", 0, 0, 10),
                new TlsProfile(verify, caFile, certWarning != null || certCritical != null),
                certWarning,
                certCritical);
        HttpSpec shared = specs.intern(spec);
        if (shared == spec) {
            // a spec seen for the first time: set up its TLS profile now rather than in a check
            try {
                transport.warmUp(shared.tls());
            } catch (UncheckedIOException e) {
                throw config.error("ca_file", e.getMessage());
            }
        }
        return new HttpCheck(url, shared, transport);
    }

    @Override
    public void close() {
        transport.close();
    }

    private static boolean checkUrl(PluginConfig config, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw config.error("url", "not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw config.error("url", "expected an http:// or https:// URL, got \"" + url + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw config.error("url", "the URL has no host: \"" + url + "\"");
        }
        return scheme.equals("https");
    }

    private static Method method(PluginConfig config) {
        String name = config.string("method", "GET").strip().toUpperCase(Locale.ROOT);
        if (name.isEmpty() || !name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
            throw config.error("method", "\"" + name + "\" is not an HTTP method such as GET, HEAD or POST");
        }
        return Method.create(name);
    }

    private static HeaderList headers(PluginConfig config) {
        HeaderList headers;
        try {
            headers = HeaderList.parse(config.raw("headers").orElse(null), "headers");
        } catch (HeaderList.Malformed e) {
            throw config.error(e.where, e.getMessage());
        }
        String auth = config.optionalString("auth").orElse(null);
        if (auth != null) {
            if (headers.has("Authorization")) {
                throw config.error("auth", "headers already set Authorization; use one or the other");
            }
            if (auth.isBlank()) {
                throw config.error("auth", "expected the Authorization header's value, such as \"Bearer abc\", got an empty text");
            }
            try {
                headers = headers.with("Authorization", auth.strip());
            } catch (HeaderList.Malformed e) {
                throw config.error("auth", e.getMessage());
            }
        }
        String username = config.optionalString("username").orElse(null);
        String password = config.optionalString("password").orElse(null);
        if ((username == null) != (password == null)) {
            throw config.error(username == null ? "username" : "password",
                    "basic authentication needs both username and password");
        }
        if (username != null) {
            if (headers.has("Authorization")) {
                throw config.error("username", (auth != null ? "auth" : "headers")
                        + " already set Authorization; use one or the other");
            }
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            headers = headers.with("Authorization", "Basic " + token);
        }
        return headers;
    }

    private static StatusMatcher status(PluginConfig config) {
        if (!config.has("expected_status")) {
            return StatusMatcher.SUCCESS;
        }
        Object raw = config.raw("expected_status").orElseThrow();
        if (raw instanceof Map<?, ?>) {
            throw config.error("expected_status", "expected a code, a class, a range or a list of them, got a map");
        }
        try {
            return StatusMatcher.parse(config.strings("expected_status"));
        } catch (IllegalArgumentException e) {
            throw config.error("expected_status", e.getMessage());
        }
    }

    private static BodyMatcher bodyRules(PluginConfig config) {
        List<String> contains = config.strings("body_contains");
        List<String> notContains = config.strings("body_not_contains");
        String regex = config.optionalString("body_regex").orElse(null);
        if (contains.isEmpty() && notContains.isEmpty() && regex == null) {
            return BodyMatcher.NONE;
        }
        try {
            return new BodyMatcher(contains, notContains, regex);
        } catch (PatternSyntaxException e) {
            throw config.error("body_regex", "not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
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
            TrustSetup.readCertificates(path);
        } catch (IOException e) {
            throw config.error("ca_file", "cannot read " + path + ": " + e);
        } catch (GeneralSecurityException e) {
            throw config.error("ca_file", path + " holds no valid certificate: " + e.getMessage());
        }
        return path.toString();
    }

    private static Duration positive(PluginConfig config, String key) {
        Duration value = config.duration(key, null);
        if (value != null && (value.isZero() || value.isNegative())) {
            throw config.error(key, "must be positive, got " + Durations.format(value));
        }
        return value;
    }

    private static int within(PluginConfig config, String key, int fallback, int min, int max) {
        int value = config.integer(key, fallback);
        if (value < min || value > max) {
            throw config.error(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
