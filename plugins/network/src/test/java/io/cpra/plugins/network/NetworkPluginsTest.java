package io.cpra.plugins.network;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Plugin;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Descriptors and config validation of {@code tcp} and {@code icmp}. */
class NetworkPluginsTest {

    @TempDir
    Path home;

    private final TcpCheckPlugin tcp = new TcpCheckPlugin();
    private final IcmpCheckPlugin icmp = new IcmpCheckPlugin();

    @Test
    void descriptorsListEveryKey() {
        assertThat(tcp.descriptor().type()).isEqualTo("tcp");
        assertThat(tcp.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "host", "port", "send", "expect", "match", "read_limit", "quit", "tls", "tls_verify", "ca_file",
                "cert_expiry_warning", "cert_expiry_critical", "warn_response_time", "max_response_time", "retries");
        assertThat(icmp.descriptor().type()).isEqualTo("icmp");
        assertThat(icmp.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "host", "count", "timeout", "retries", "ignore_privilege");
        assertThat(Stream.concat(tcp.descriptor().keys().stream(), icmp.descriptor().keys().stream()))
                .allSatisfy(key -> assertThat(key.description()).isNotBlank());
    }

    @Test
    void cpraManifestBlocksLoadUnchanged() {
        TcpCheck orders = (TcpCheck) tcp.prepare(PluginConfig.of("orders-db", "pulse_check.config",
                Map.of("host", "127.0.0.1", "port", 15432, "retries", 3)), PluginContext.of("orders-db", home));
        IcmpCheck edge = (IcmpCheck) icmp.prepare(PluginConfig.of("edge-router", "pulse_check.config",
                Map.of("host", "127.0.0.1", "count", 1, "ignore_privilege", true, "retries", 3)),
                PluginContext.of("edge-router", home));

        assertThat(orders.spec().retries()).isEqualTo(3);
        assertThat(edge.spec()).isEqualTo(new IcmpSpec(1, null, 3, true));
    }

    @Test
    void monitorsThatDifferOnlyByAddressShareTheirSpec() {
        TcpCheck a = (TcpCheck) tcp.prepare(PluginConfig.of(Map.of("host", "a", "port", 1, "expect", "OK")),
                PluginContext.of("a", home));
        TcpCheck b = (TcpCheck) tcp.prepare(PluginConfig.of(Map.of("host", "b", "port", 2, "expect", "OK")),
                PluginContext.of("b", home));

        assertThat(a.spec()).isSameAs(b.spec());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("tcp", Map.of("port", 1), "host", "required key is missing"),
                Arguments.of("tcp", Map.of("host", "a b", "port", 1), "host", "expected a host name"),
                Arguments.of("tcp", Map.of("host", "http://x", "port", 1), "host", "expected a host name"),
                Arguments.of("tcp", Map.of("host", "x", "port", 0), "port", "between 1 and 65535"),
                Arguments.of("tcp", Map.of("host", "x", "port", 70000), "port", "between 1 and 65535"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "match", "some"), "match", "any or all"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "expect", ""), "expect", "must not be empty"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "read_limit", 0), "read_limit", "between 1"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "ca_file", "a.pem"), "ca_file", "only with tls: true"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "cert_expiry_warning", "7d"), "cert_expiry_warning",
                        "only with tls: true"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "tls", true, "ca_file", "none.pem"), "ca_file", "cannot read"),
                Arguments.of("tcp", Map.of("host", "x", "port", 1, "max_response_time", "0s"), "max_response_time",
                        "must be positive"),
                Arguments.of("icmp", Map.of(), "host", "required key is missing"),
                Arguments.of("icmp", Map.of("host", "x", "count", 0), "count", "between 1 and 20"),
                Arguments.of("icmp", Map.of("host", "x", "timeout", "0s"), "timeout", "must be positive"),
                Arguments.of("icmp", Map.of("host", "x", "retries", 11), "retries", "between 0 and 10"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValuesNameTheKey(String type, Map<String, ?> config, String key, String reason) {
        Plugin<?> plugin = type.equals("tcp") ? tcp : icmp;

        assertThatThrownBy(() -> plugin.prepare(PluginConfig.of("m", "pulse_check.config", config), PluginContext.of("m", home)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("pulse_check.config." + key);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void bracketedIpv6HostsAreAccepted() {
        IcmpCheck check = (IcmpCheck) icmp.prepare(PluginConfig.of(Map.of("host", "[::1]", "timeout", "1s")),
                PluginContext.of("v6", home));

        assertThat(check).hasToString("IcmpCheck[::1]");
        assertThat(check.spec().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(List.of(check.spec().count())).containsExactly(1);
    }
}
