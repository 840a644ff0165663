package io.cpra.plugins.network;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome.Status;
import io.cpra.plugin.api.PulseOutcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code icmp} pulse on loopback, in both modes. The TCP mode runs anywhere; the ICMP mode
 * needs the privileges the plugin detects, so that one test runs only where they exist (root
 * or CAP_NET_RAW), which the assumption's message states.
 */
class IcmpCheckTest {

    /**
     * The limited broadcast address: the kernel refuses to connect to it or send echo requests
     * to it, so nothing answers, whatever network the test runs in (sandboxes that proxy every
     * outgoing connection make documentation ranges such as TEST-NET-1 answer).
     */
    private static final String NOBODY = "255.255.255.255";

    private static PulseCheck prepare(IcmpAccess access, Map<String, ?> config) {
        IcmpCheckPlugin plugin = new IcmpCheckPlugin(new IcmpTools(System::nanoTime, access, 1));
        PluginConfig block = PluginConfig.of("router", "pulse_check.config", config);
        assertThat(block.check(plugin.descriptor().keys())).isEmpty();
        return plugin.prepare(block, PluginContext.of("router", Path.of(".")));
    }

    private static Map<String, Object> config(String host, Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", host);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @Test
    void withoutIcmpAndWithoutIgnorePrivilegeTheOutcomeIsUnknownAndSaysWhy() throws Exception {
        PulseOutcome outcome = prepare(IcmpAccess.TCP_ECHO, config("127.0.0.1")).check(soon());

        assertThat(outcome.status()).isEqualTo(Status.UNKNOWN);
        assertThat(outcome.message()).contains("CAP_NET_RAW").contains("ignore_privilege: true");
    }

    @Test
    void ignorePrivilegeProbesTcpPortSevenAndSaysSo() throws Exception {
        PulseOutcome outcome = prepare(IcmpAccess.TCP_ECHO, config("127.0.0.1", "ignore_privilege", true, "count", 3))
                .check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.message()).startsWith("127.0.0.1 answered 3/3 TCP probes of port 7 (no ICMP without CAP_NET_RAW)");
        assertThat(outcome.detail()).startsWith("loss=0% rtt=");
    }

    @Test
    void cpraManifestBlockLoadsAndProbes() throws Exception {
        PulseOutcome outcome = prepare(IcmpAccess.detect(),
                config("127.0.0.1", "count", 1, "ignore_privilege", true, "retries", 3)).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
    }

    @Test
    void realIcmpEchoWhenPrivileged() throws Exception {
        assumeTrue(IcmpAccess.detect() == IcmpAccess.ICMP,
                "this process cannot send ICMP (needs root or CAP_NET_RAW); the TCP mode is tested above");

        PulseOutcome outcome = prepare(IcmpAccess.ICMP, config("127.0.0.1", "count", 2)).check(soon());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(Status.OK);
        assertThat(outcome.message()).startsWith("127.0.0.1 answered 2/2 ICMP echo requests, fastest in ");
    }

    @Test
    void silentHostIsCriticalInBothModes() throws Exception {
        PulseOutcome tcp = prepare(IcmpAccess.TCP_ECHO, config(NOBODY, "ignore_privilege", true, "timeout", "200ms"))
                .check(soon());

        assertThat(tcp.status()).isEqualTo(Status.CRITICAL);
        assertThat(tcp.message()).startsWith(NOBODY + " answered 0/1 TCP probes");
        assertThat(tcp.detail()).isEqualTo("loss=100%");
        if (IcmpAccess.detect() == IcmpAccess.ICMP) {
            PulseOutcome icmp = prepare(IcmpAccess.ICMP, config(NOBODY, "timeout", "200ms")).check(soon());
            assertThat(icmp.status()).isEqualTo(Status.CRITICAL);
            assertThat(icmp.message()).startsWith(NOBODY + " answered 0/1 ICMP echo requests");
        }
    }

    @Test
    void unknownHostIsCritical() throws Exception {
        PulseOutcome outcome = prepare(IcmpAccess.TCP_ECHO, config("no-such-host.invalid", "ignore_privilege", true))
                .check(soon());

        assertThat(outcome.status()).isEqualTo(Status.CRITICAL);
        assertThat(outcome.message()).isEqualTo("unknown host: no-such-host.invalid");
    }

    @Test
    void interruptPropagates() {
        PulseCheck check = prepare(IcmpAccess.TCP_ECHO, config("127.0.0.1", "ignore_privilege", true));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> check.check(soon())).isInstanceOf(InterruptedException.class);
    }
}
