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

/**
 * The {@code icmp} pulse: a host answers echo requests ("ping").
 *
 * <pre>{@code
 * pulse_check:
 *   type: icmp
 *   interval: 15s
 *   timeout: 5s
 *   config:
 *     host: 10.0.0.1
 *     count: 3
 * }</pre>
 *
 * <p><b>What is measured.</b> Java cannot send ICMP without privileges. When the process has
 * them (root, or {@code CAP_NET_RAW} on Linux), each probe is a real ICMP echo request sent by
 * {@link java.net.InetAddress#isReachable(int)}. When it has not, the only probe Java offers
 * is the one {@code isReachable} silently falls back to: a TCP connection to port 7 (echo),
 * where a refused connection counts as an answer because the host's TCP stack replied. That
 * shows the host is up, but it is not a ping: firewalls treat it differently, and it proves
 * nothing about ICMP. See {@link IcmpAccess} for how privileges are detected.
 *
 * <p><b>{@code ignore_privilege}.</b> {@code false} (the default): without ICMP the outcome is
 * UNKNOWN and its message explains how to grant the capability. {@code true}: without ICMP the
 * TCP probe is used and every message says so ({@code "answered 1/1 TCP probes of port 7"}).
 * With ICMP available the key changes nothing.
 *
 * <p><b>Outcomes.</b> Every probe answered: OK; some: WARNING; none: CRITICAL (repeated up to
 * {@code retries} times within the deadline). The detail holds {@code loss=0% rtt=0.2ms}; the
 * time is measured around the JDK call and includes its overhead.
 *
 * <p><b>Cost.</b> ICMP probes block in native code and pin a carrier thread, so at most
 * {@code -Dcpra.plugins.icmp.max-concurrent} run at once (default half the processors); see
 * {@link IcmpTools}. Large ping fleets are better served by short timeouts, or by the
 * {@code command} pulse running {@code check_icmp} or {@code fping}. Thread-safe.
 */
public final class IcmpCheckPlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "icmp",
            "A host answers ICMP echo requests (or, with ignore_privilege, a TCP probe of port 7)",
            ConfigKey.required("host", ValueType.STRING,
                    "host name or IP address to probe")
                    .withRoles(KeyRole.TARGET_HOST),
            ConfigKey.optional("count", ValueType.INTEGER, "1",
                    "probes per check (1 to 20); some answered is a WARNING, none CRITICAL"),
            ConfigKey.optional("timeout", ValueType.DURATION, null,
                    "how long to wait for each reply; by default the time left is split between the probes left"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0",
                    "extra rounds after one without any reply, within the pulse timeout (0 to 10)"),
            ConfigKey.optional("ignore_privilege", ValueType.BOOLEAN, "false",
                    "without ICMP privileges, probe TCP port 7 instead of reporting UNKNOWN"));

    private final IcmpTools tools;
    private final Interner<IcmpSpec> specs = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public IcmpCheckPlugin() {
        this(IcmpTools.system());
    }

    IcmpCheckPlugin(IcmpTools tools) {
        this.tools = tools;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        IcmpSpec spec = new IcmpSpec(
                Keys.within(config, "count", 1, 1, 20),
                Keys.positive(config, "timeout"),
                Keys.within(config, "retries", 0, 0, 10),
                config.bool("ignore_privilege", false));
        return new IcmpCheck(Keys.host(config), specs.intern(spec), tools);
    }
}
