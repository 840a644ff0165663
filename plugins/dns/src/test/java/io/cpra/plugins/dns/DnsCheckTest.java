package io.cpra.plugins.dns;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code dns} pulse against a DNS server on loopback. The plugin's clock moves 4 ms per
 * reading, so the measured time in messages is exact.
 */
class DnsCheckTest {

    private static TestDnsServer dns;
    private static TestDnsServer silent;

    private final AtomicLong ticks = new AtomicLong();
    private final DnsCheckPlugin plugin = plugin(List.of());

    @BeforeAll
    static void startServers() throws Exception {
        Name shop = Name.fromString("shop.example.");
        Name www = Name.fromString("www.shop.example.");
        Name big = Name.fromString("big.example.");
        dns = new TestDnsServer()
                .add(new ARecord(shop, DClass.IN, 60, InetAddress.getByName("192.0.2.10")))
                .add(new ARecord(shop, DClass.IN, 60, InetAddress.getByName("192.0.2.11")))
                .add(new AAAARecord(shop, DClass.IN, 60, InetAddress.getByName("2001:db8::10")))
                .add(new MXRecord(shop, DClass.IN, 60, 10, Name.fromString("mail.shop.example.")))
                .add(new TXTRecord(shop, DClass.IN, 60, List.of("v=spf1 ", "-all")))
                .add(new NSRecord(shop, DClass.IN, 60, Name.fromString("NS1.shop.example.")))
                .add(new CNAMERecord(www, DClass.IN, 60, shop))
                .add(new TXTRecord(big, DClass.IN, 60, "x".repeat(200)))
                .truncate(big);
        silent = new TestDnsServer();
        silent.silent(true);
    }

    @AfterAll
    static void stopServers() {
        dns.close();
        silent.close();
    }

    private DnsCheckPlugin plugin(List<Server> systemServers) {
        return new DnsCheckPlugin(new DnsTools(() -> ticks.getAndAdd(TimeUnit.MILLISECONDS.toNanos(4)), () -> systemServers));
    }

    private static PulseCheck prepare(DnsCheckPlugin plugin, Map<String, ?> config) {
        PluginConfig block = PluginConfig.of("dns", "pulse_check.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return plugin.prepare(block, PluginContext.of("dns", Path.of(".")));
    }

    private PulseCheck prepare(Map<String, ?> config) {
        return prepare(plugin, config);
    }

    private static Map<String, Object> config(String name, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("name", name);
        config.put("server", dns.server().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
            "shop.example;     A;     192.0.2.10, 192.0.2.11",
            "shop.example;     AAAA;  2001:db8:0:0:0:0:0:10",
            "shop.example;     MX;    \"10 mail.shop.example\"",
            "shop.example;     TXT;   \"v=spf1 -all\"",
            "shop.example;     NS;    ns1.shop.example",
            "www.shop.example; CNAME; shop.example"})
    void eachTypeIsAnswered(String name, String type, String answers) throws Exception {
        PulseOutcome outcome = prepare(config(name, "record_type", type)).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.message()).isEqualTo(name + " " + type + ": " + answers + " (" + dns.server() + " in 4 ms)");
        assertThat(outcome.detail()).isEqualTo("time=4ms");
    }

    @Test
    void expectedAnswersMatchAnyAllOrExactly() throws Exception {
        assertThat(prepare(config("shop.example", "expected", List.of("192.0.2.10", "192.0.2.99"))).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("shop.example", "expected", "192.0.2.99")).check(soon()).message())
                .endsWith(", expected any of 192.0.2.99");
        assertThat(prepare(config("shop.example", "expected", List.of("192.0.2.10", "192.0.2.99"), "match", "all"))
                .check(soon()).message()).endsWith(", missing 192.0.2.99");
        assertThat(prepare(config("shop.example", "expected", List.of("192.0.2.11", "192.0.2.10"), "match", "exact"))
                .check(soon()).status()).isEqualTo(Status.OK);
        assertThat(prepare(config("shop.example", "expected", "192.0.2.10", "match", "exact")).check(soon()).message())
                .endsWith(", unexpected 192.0.2.11");
    }

    @Test
    void expectedValuesAreComparedInCanonicalForm() throws Exception {
        assertThat(prepare(config("shop.example", "record_type", "AAAA", "expected", "2001:DB8::10")).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("shop.example", "record_type", "mx", "expected", "Mail.Shop.Example.")).check(soon()).status())
                .isEqualTo(Status.OK);
        assertThat(prepare(config("shop.example", "record_type", "MX", "expected", "20 mail.shop.example")).check(soon()).status())
                .isEqualTo(Status.CRITICAL);
        assertThat(prepare(config("www.shop.example", "record_type", "CNAME", "expected", "SHOP.example.")).check(soon()).status())
                .isEqualTo(Status.OK);
    }

    @Test
    void nxdomainIsCriticalUnlessExpected() throws Exception {
        PulseOutcome missing = prepare(config("nope.example")).check(soon());
        PulseOutcome expected = prepare(config("nope.example", "expected_rcode", "nxdomain")).check(soon());

        assertThat(missing.status()).isEqualTo(Status.CRITICAL);
        assertThat(missing.message()).isEqualTo("nope.example A: NXDOMAIN (" + dns.server() + " in 4 ms), expected NOERROR");
        assertThat(expected.status()).isEqualTo(Status.OK);
        assertThat(expected.message()).startsWith("nope.example A: NXDOMAIN as expected");
    }

    @Test
    void aNameWithoutRecordsOfTheTypeIsCritical() throws Exception {
        PulseOutcome outcome = prepare(config("www.shop.example", "record_type", "AAAA")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).startsWith("www.shop.example AAAA: no AAAA record");
    }

    @Test
    void silentServerTimesOutAtTheDeadline() throws Exception {
        Map<String, Object> config = config("shop.example");
        config.put("server", silent.server().toString());

        PulseOutcome outcome = prepare(config).check(Deadline.after(Duration.ofMillis(300)));

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).isEqualTo("shop.example A: no answer from " + silent.server() + " within 4 ms");
    }

    @Test
    void truncatedAnswersAreAskedAgainOverTcp() throws Exception {
        int tcpBefore = dns.tcpQueries();

        PulseOutcome outcome = prepare(config("big.example", "record_type", "TXT")).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.message()).contains("over TCP");
        assertThat(dns.tcpQueries()).isEqualTo(tcpBefore + 1);
    }

    @Test
    void tcpCanBeChosen() throws Exception {
        int udpBefore = dns.udpQueries();

        PulseOutcome outcome = prepare(config("shop.example", "protocol", "tcp")).check(soon());

        assertThat(outcome.message()).contains("(" + dns.server() + " over TCP in 4 ms)");
        assertThat(dns.udpQueries()).isEqualTo(udpBefore);
    }

    @Test
    void systemResolversAreTriedInTurnOnRetries() throws Exception {
        DnsCheckPlugin withSystem = plugin(List.of(silent.server(), dns.server()));
        Map<String, Object> config = new HashMap<>(Map.of("name", "shop.example", "retries", 1));

        PulseOutcome outcome = prepare(withSystem, config).check(Deadline.after(Duration.ofMillis(600)));

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.message()).endsWith("(attempt 2)");
    }

    @Test
    void noSystemResolverIsUnknown() throws Exception {
        PulseOutcome outcome = prepare(plugin(List.of()), Map.of("name", "shop.example")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void interruptPropagates() {
        PulseCheck check = prepare(config("shop.example"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> check.check(soon())).isInstanceOf(InterruptedException.class);
    }

    @Test
    void interruptWhileWaitingForAnAnswerPropagates() throws Exception {
        Map<String, Object> config = config("shop.example");
        config.put("server", silent.server().toString());
        PulseCheck check = prepare(config);
        int queries = silent.udpQueries();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                check.check(Deadline.after(Duration.ofSeconds(8)));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        while (silent.udpQueries() == queries) {
            Thread.onSpinWait(); // the query has not reached the server yet
        }
        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
}
