package io.cpra.plugins.webhook.delivery;

import io.cpra.plugin.api.PluginConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to send: URL, method, extra headers and the per-request timeout. An immutable
 * value with value equality, so equal configs intern to one prepared instance.
 *
 * @param uri     an absolute {@code http} or {@code https} URL
 * @param method  an upper-case HTTP method
 * @param headers extra request headers, in the order written
 * @param timeout how long one request may take at most; the call's deadline may cut it shorter
 */
public record HttpTarget(URI uri, String method, Map<String, String> headers, Duration timeout) {

    /**
     * Headers that frame the message, lower case: set by the client from the URL and the body,
     * never by config, so a request cannot be split, lengthened or sent to another virtual host.
     */
    static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    /** Default per-request timeout when a config sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Creates a target.
     *
     * @throws NullPointerException when a component is null
     */
    public HttpTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    /**
     * The target's origin, with {@code /...} for a path: what a {@code Notifier#destination()},
     * an outcome message or a log line may show. The URL is a secret (its path, user info or
     * query often carries a token), so nothing after the port is shown.
     *
     * @return such as {@code https://hooks.example.com:443/...}
     */
    public String withoutSecrets() {
        String path = uri.getRawPath();
        return origin(uri) + (path == null || path.isEmpty() || path.equals("/") ? "" : "/...");
    }

    /**
     * The scheme, host and port of a URL, the port written even when it is the default.
     *
     * @param uri an absolute http(s) URL
     * @return such as {@code https://hooks.slack.com:443}
     */
    public static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }

    /**
     * Reads and checks an http(s) URL from config.
     *
     * @param config the block
     * @param key    the key holding the URL
     * @param value  the URL as written
     * @return the parsed URL
     * @throws io.cpra.plugin.api.ConfigException naming the key when the URL is not absolute http(s)
     */
    public static URI url(PluginConfig config, String key, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw config.error(key, "not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw config.error(key, "expected an http:// or https:// URL, got \"" + value + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw config.error(key, "the URL has no host: \"" + value + "\"");
        }
        return uri.normalize();
    }

    /**
     * Reads an HTTP method from config and checks it against the allowed ones.
     *
     * @param config   the block
     * @param key      the key holding the method
     * @param fallback the method when the key is absent
     * @param allowed  the accepted methods, upper case
     * @return the method, upper case
     * @throws io.cpra.plugin.api.ConfigException naming the key when the method is not allowed
     */
    public static String method(PluginConfig config, String key, String fallback, List<String> allowed) {
        String method = config.string(key, fallback).strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(method)) {
            throw config.error(key, "expected one of " + String.join(", ", allowed) + ", got \"" + config.string(key) + "\"");
        }
        return method;
    }

    /**
     * Reads a map of extra headers from config, checking each name is an HTTP token.
     *
     * @param config the block
     * @param key    the key holding the map
     * @return the headers in the order written
     * @throws io.cpra.plugin.api.ConfigException naming the header when a name or value is malformed
     */
    public static Map<String, String> headers(PluginConfig config, String key) {
        Map<String, String> headers = config.stringMap(key);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.isEmpty() || !name.chars().allMatch(HttpTarget::tokenChar)) {
                throw config.error(key + "." + name, "not a valid HTTP header name");
            }
            if (FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                throw config.error(key + "." + name, "the client sets " + name + " itself; it cannot be given here");
            }
            if (!fieldValue(header.getValue())) {
                throw config.error(key + "." + name, "header values must not contain line breaks, NUL or other "
                        + "control characters");
            }
        }
        return headers;
    }

    /**
     * Reads a positive timeout from config.
     *
     * @param config   the block
     * @param key      the key holding the duration
     * @param fallback the timeout when the key is absent
     * @return the timeout
     * @throws io.cpra.plugin.api.ConfigException naming the key when not positive
     */
    public static Duration timeout(PluginConfig config, String key, Duration fallback) {
        Duration timeout = config.duration(key, fallback);
        if (timeout.isZero() || timeout.isNegative()) {
            throw config.error(key, "must be positive, got " + config.string(key));
        }
        return timeout;
    }

    /**
     * Whether a text may be sent as a header value: no CR, LF, NUL or other control character
     * (a tab is allowed), so it cannot end the header and start another, or another request.
     *
     * @param value the value
     * @return true when it is safe on the wire
     */
    public static boolean fieldValue(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F));
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
