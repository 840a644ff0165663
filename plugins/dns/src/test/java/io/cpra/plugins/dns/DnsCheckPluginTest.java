package io.cpra.plugins.dns;

import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Rcode;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsCheckPluginTest {

    private final DnsCheckPlugin plugin = new DnsCheckPlugin(new DnsTools(System::nanoTime, List::of));

    private DnsCheck prepare(Map<String, ?> config) {
        return (DnsCheck) plugin.prepare(PluginConfig.of("dns", "pulse_check.config", config), PluginContext.of("dns", Path.of(".")));
    }

    @Test
    void descriptorListsEveryKey() {
        assertThat(plugin.descriptor().type()).isEqualTo("dns");
        assertThat(plugin.descriptor().keys()).extracting(ConfigKey::name).containsExactly(
                "name", "record_type", "server", "expected", "match", "expected_rcode", "protocol", "recursion", "retries");
        assertThat(plugin.descriptor().keys()).allSatisfy(key -> assertThat(key.description()).isNotBlank());
    }

    @Test
    void defaultsAreWhatTheDescriptorSays() {
        DnsSpec spec = prepare(Map.of("name", "shop.example")).spec();

        assertThat(spec).isEqualTo(new DnsSpec(QueryType.A, null, List.of(), DnsSpec.Match.ANY, Rcode.NOERROR, false, true, 0));
    }

    @Test
    void monitorsThatDifferOnlyByNameShareTheirSpec() {
        Map<String, Object> common = Map.of("record_type", "MX", "server", "10.0.0.53", "expected", "mail.example");
        DnsCheck a = prepare(with(common, "a.example"));
        DnsCheck b = prepare(with(common, "b.example"));

        assertThat(a.spec()).isSameAs(b.spec());
        assertThat(a.spec().server()).isEqualTo(new Server("10.0.0.53", 53));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(Map.of(), "name", "required key is missing"),
                Arguments.of(Map.of("name", " "), "name", "must not be empty"),
                Arguments.of(Map.of("name", "a..b"), "name", "not a domain name"),
                Arguments.of(Map.of("name", "x", "record_type", "PTR"), "record_type", "use A, AAAA"),
                Arguments.of(Map.of("name", "x", "expected", List.of("192.0.2.1", "nope")), "expected[1]",
                        "not an IPv4 address (record_type is A)"),
                Arguments.of(Map.of("name", "x", "match", "some"), "match", "any, all or exact"),
                Arguments.of(Map.of("name", "x", "expected_rcode", "BROKEN"), "expected_rcode", "not a DNS response code"),
                Arguments.of(Map.of("name", "x", "expected_rcode", "NXDOMAIN", "expected", "192.0.2.1"), "expected",
                        "cannot be expected"),
                Arguments.of(Map.of("name", "x", "protocol", "doh"), "protocol", "udp or tcp"),
                Arguments.of(Map.of("name", "x", "server", "x:99999"), "server", "no valid port"),
                Arguments.of(Map.of("name", "x", "retries", -1), "retries", "between 0 and 10"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badValuesNameTheKey(Map<String, ?> config, String key, String reason) {
        assertThatThrownBy(() -> prepare(config)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.path()).isEqualTo("pulse_check.config." + key);
            assertThat(e.reason()).contains(reason);
        });
    }

    private static Map<String, Object> with(Map<String, Object> base, String name) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put("name", name);
        return copy;
    }
}
