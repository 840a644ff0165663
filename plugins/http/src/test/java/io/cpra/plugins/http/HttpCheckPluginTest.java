package io.cpra.plugins.http;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpCheckPluginTest {

    @TempDir
    Path home;

    private final HttpCheckPlugin plugin = new HttpCheckPlugin();

    private HttpCheck prepare(Map<String, ?> config) {
        PluginConfig block = PluginConfig.of("web", "pulse_check.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return (HttpCheck) plugin.prepare(block, PluginContext.of("web", home));
    }

    @Test
    void descriptorListsEveryKey() {
        assertThat(plugin.descriptor().type()).isEqualTo("http");
        assertThat(plugin.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "url", "method", "headers", "body", "auth", "username", "password", "expected_status",
                "body_contains", "body_not_contains", "body_regex", "warn_response_time", "max_response_time",
                "follow_redirects", "max_redirects", "tls_verify", "ca_file", "cert_expiry_warning",
                "cert_expiry_critical", "keep_alive", "retries");
        assertThat(plugin.descriptor().keys()).allSatisfy(key -> assertThat(key.description()).isNotBlank());
        assertThat(plugin.descriptor().keys()).filteredOn(ConfigKey::required).extracting(ConfigKey::name)
                .containsExactly("url");
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void destinationIsHostAndPortWithTheSchemeDefaultFilledIn(String url, String destination) {
        assertThat(prepare(Map.of("url", url)).destination()).isEqualTo(destination);
    }

    static Stream<Arguments> destinations() {
        return Stream.of(
                Arguments.of("http://shop.example/health", "shop.example:80"),
                Arguments.of("https://shop.example/health?x=1", "shop.example:443"),
                Arguments.of("HTTPS://Shop.Example:8443/", "shop.example:8443"),
                Arguments.of("http://user:secret@10.0.0.7:8080/x", "10.0.0.7:8080"),
                Arguments.of("http://[::1]:9090/health", "[::1]:9090"),
                Arguments.of("https://[2001:db8::5]/", "[2001:db8::5]:443"));
    }

    @Test
    void monitorsOfOneServerShareTheirEndpointAndReportTheConnectionBound() {
        HttpCheck first = prepare(Map.of("url", "http://shop.example/a"));
        HttpCheck second = prepare(Map.of("url", "http://shop.example:80/b"));

        assertThat(first.destination()).isEqualTo(second.destination()).isEqualTo("shop.example:80");
        assertThat(first.destinationConcurrency()).isEqualTo(ConnectionSettings.DEFAULT_PER_DESTINATION);
    }

    @Test
    void cpraManifestBlocksLoadUnchanged() {
        HttpCheck checkout = prepare(Map.of("method", "GET", "url", "http://127.0.0.1:18080/health", "retries", 2,
                "headers", List.of("Accept: application/json")));
        HttpCheck search = prepare(Map.of("method", "GET", "url", "http://127.0.0.1:18081/ready",
                "expected_status", 200, "headers", List.of("Authorization: Bearer token-123")));

        assertThat(checkout.spec().retries()).isEqualTo(2);
        assertThat(checkout.spec().headers().lines()).containsExactly("Accept: application/json");
        assertThat(search.spec().status().matches(200)).isTrue();
        assertThat(search.spec().status().matches(204)).isFalse();
    }

    @Test
    void defaultsAreWhatTheDescriptorSays() {
        HttpSpec spec = prepare(Map.of("url", "http://example.test/")).spec();

        assertThat(spec.method().text()).isEqualTo("GET");
        assertThat(spec.status()).isEqualTo(StatusMatcher.SUCCESS);
        assertThat(spec.followRedirects()).isTrue();
        assertThat(spec.maxRedirects()).isEqualTo(5);
        assertThat(spec.keepAlive()).isTrue();
        assertThat(spec.retries()).isZero();
        assertThat(spec.tls()).isEqualTo(TlsProfile.DEFAULT);
        assertThat(spec.body()).isNull();
        assertThat(spec.bodyRules().needsBody()).isFalse();
    }

    @Test
    void monitorsThatDifferOnlyByUrlShareEverythingElse() {
        Map<String, Object> common = Map.of("headers", List.of("Accept: application/json"), "expected_status", "2xx",
                "body_contains", "UP", "warn_response_time", "300ms");
        HttpCheck a = prepare(with(common, "url", "http://a.test/health"));
        HttpCheck b = prepare(with(common, "url", "http://b.test/health"));
        HttpCheck other = prepare(Map.of("url", "http://c.test/", "headers", Map.of("Accept", "application/json")));

        assertThat(a.spec()).isSameAs(b.spec());
        assertThat(other.spec()).isNotSameAs(a.spec());
        assertThat(other.spec().headers()).isSameAs(a.spec().headers());
        assertThat(other.spec().status()).isSameAs(a.spec().status());
    }

    @Test
    void certificateRulesTrackExpiryOnTheirOwnProfile() {
        HttpSpec spec = prepare(Map.of("url", "https://a.test/", "cert_expiry_warning", "14d")).spec();

        assertThat(spec.tls()).isEqualTo(new TlsProfile(true, null, true));
        assertThat(spec.certWarning()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void caFileResolvesAgainstTheHome() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(home, "ca", 30);

        HttpSpec spec = prepare(Map.of("url", "https://a.test/", "ca_file", "ca.pem")).spec();

        assertThat(spec.tls().caFile()).isEqualTo(issued.pem().toAbsolutePath().normalize().toString());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(Map.of(), "url", "required key is missing"),
                Arguments.of(Map.of("url", "ftp://x/"), "url", "expected an http:// or https:// URL"),
                Arguments.of(Map.of("url", "http:// bad"), "url", "not a valid URL"),
                Arguments.of(Map.of("url", "http:///path"), "url", "has no host"),
                Arguments.of(Map.of("url", "http://x/", "method", "GE T"), "method", "not an HTTP method"),
                Arguments.of(Map.of("url", "http://x/", "headers", List.of("Accept")), "headers[0]", "Name: value"),
                Arguments.of(Map.of("url", "http://x/", "headers", "Accept"), "headers", "Name: value"),
                Arguments.of(Map.of("url", "http://x/", "headers", 5), "headers", "expected a list"),
                Arguments.of(Map.of("url", "http://x/", "expected_status", "2xx,700"), "expected_status", "outside"),
                Arguments.of(Map.of("url", "http://x/", "expected_status", Map.of("a", 1)), "expected_status", "got a map"),
                Arguments.of(Map.of("url", "http://x/", "body_regex", "(unclosed"), "body_regex", "not a valid regular expression"),
                Arguments.of(Map.of("url", "http://x/", "max_response_time", "0s"), "max_response_time", "must be positive"),
                Arguments.of(Map.of("url", "http://x/", "retries", 11), "retries", "between 0 and 10"),
                Arguments.of(Map.of("url", "http://x/", "max_redirects", -1), "max_redirects", "between 0 and 50"),
                Arguments.of(Map.of("url", "http://x/", "username", "u"), "password", "needs both"),
                Arguments.of(Map.of("url", "http://x/", "password", "p"), "username", "needs both"),
                Arguments.of(Map.of("url", "http://x/", "username", "u", "password", "p",
                        "headers", List.of("Authorization: x")), "username", "already set Authorization"),
                Arguments.of(Map.of("url", "http://x/", "auth", "Bearer a",
                        "headers", List.of("Authorization: x")), "auth", "already set Authorization"),
                Arguments.of(Map.of("url", "http://x/", "auth", "Bearer a", "username", "u", "password", "p"),
                        "username", "auth already set Authorization"),
                Arguments.of(Map.of("url", "http://x/", "auth", " "), "auth", "empty text"),
                Arguments.of(Map.of("url", "http://x/", "auth", "Bearer a\r\nX-Evil: 1"), "auth", "line breaks"),
                Arguments.of(Map.of("url", "http://x/", "cert_expiry_warning", "7d"), "cert_expiry_warning", "needs an https://"),
                Arguments.of(Map.of("url", "https://x/", "ca_file", "missing.pem"), "ca_file", "cannot read"),
                Arguments.of(Map.of("url", "https://x/", "ca_file", "x.pem", "tls_verify", false), "ca_file", "has no effect"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValuesNameTheKey(Map<String, ?> config, String key, String reason) {
        assertThatThrownBy(() -> plugin.prepare(PluginConfig.of("web", "pulse_check.config", config),
                PluginContext.of("web", home)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.monitor()).isEqualTo("web");
                    assertThat(e.path()).isEqualTo("pulse_check.config." + key);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void aCaFileWithoutCertificatesIsRejected() throws Exception {
        Files.writeString(home.resolve("empty.pem"), "not a certificate");

        assertThatThrownBy(() -> prepare(Map.of("url", "https://x/", "ca_file", "empty.pem")))
                .hasMessageContaining("pulse_check.config.ca_file").hasMessageContaining("no valid certificate");
    }

    @Test
    void declaredTypesMatchWhatPrepareReads() {
        assertThat(plugin.descriptor().keys()).filteredOn(k -> k.name().equals("headers") || k.name().equals("expected_status"))
                .allSatisfy(k -> assertThat(k.type()).isEqualTo(ValueType.ANY));
        assertThat(PluginConfig.of(Map.of("url", "http://x/", "retries", "two")).check(plugin.descriptor().keys()))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("retries: expected a whole number"));
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
