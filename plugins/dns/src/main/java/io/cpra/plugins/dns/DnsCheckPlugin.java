package io.cpra.plugins.dns;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.Interner;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulsePlugin;
import io.cpra.plugin.api.ValueType;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code dns} pulse: a DNS server answers a query for a name with the expected response
 * code and answers.
 *
 * <pre>{@code
 * pulse_check:
 *   type: dns
 *   interval: 30s
 *   timeout: 2s
 *   config:
 *     name: shop.example
 *     record_type: A
 *     server: 10.0.0.53
 *     expected: [192.0.2.10, 192.0.2.11]
 *     match: all
 * }</pre>
 *
 * <p><b>Outcomes.</b> OK with {@code "shop.example A: 192.0.2.10, 192.0.2.11 (10.0.0.53:53 in
 * 4 ms)"}; CRITICAL when the response code differs from {@code expected_rcode}, no record of
 * the type comes back, the answers do not match, or no response comes before the deadline.
 * Names are absolute: {@code shop.example} means {@code shop.example.}, with no search
 * domains.
 *
 * <p>The query is built and parsed with dnsjava; see {@link Exchange} for why the exchange
 * itself is not. Everything but the name is interned. Thread-safe.
 */
public final class DnsCheckPlugin implements PulsePlugin {

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "dns",
            "A DNS server answers a query with the expected response code and records",
            ConfigKey.required("name", ValueType.STRING,
                    "the name to query, taken as absolute (no search domains)"),
            ConfigKey.optional("record_type", ValueType.STRING, "A",
                    "the record type: A, AAAA, CNAME, MX, TXT or NS"),
            ConfigKey.optional("server", ValueType.STRING, null,
                    "the server as host, host:port or [IPv6]:port; default: the system's resolvers, in turn on retries")
                    .withRoles(KeyRole.TARGET_HOST),
            ConfigKey.optional("expected", ValueType.LIST, null,
                    "expected answers: addresses, host names, \"10 mail.example\" (or just the host) for MX, text for TXT"),
            ConfigKey.optional("match", ValueType.STRING, "any",
                    "how expected answers must match: any (one is present), all (each is present), exact (nothing else)"),
            ConfigKey.optional("expected_rcode", ValueType.STRING, "NOERROR",
                    "the response code that passes, such as NOERROR or NXDOMAIN"),
            ConfigKey.optional("protocol", ValueType.STRING, "udp",
                    "udp (falls back to tcp when the answer is truncated) or tcp"),
            ConfigKey.optional("recursion", ValueType.BOOLEAN, "true",
                    "ask the server to recurse (the RD flag); false to test an authoritative server"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0",
                    "extra attempts after a failed one, within the pulse timeout (0 to 10)"));

    private final DnsTools tools;
    private final Interner<DnsSpec> specs = Interner.create();

    /** The provider {@link java.util.ServiceLoader} creates. */
    public DnsCheckPlugin() {
        this(DnsTools.system());
    }

    DnsCheckPlugin(DnsTools tools) {
        this.tools = tools;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PulseCheck prepare(PluginConfig config, PluginContext context) {
        Name name = name(config);
        QueryType type;
        try {
            type = QueryType.of(config.string("record_type", "A"));
        } catch (IllegalArgumentException e) {
            throw config.error("record_type", e.getMessage());
        }
        List<String> expected = new ArrayList<>();
        List<String> written = config.strings("expected");
        for (int i = 0; i < written.size(); i++) {
            try {
                expected.add(type.expected(written.get(i)));
            } catch (IllegalArgumentException e) {
                throw config.error("expected[" + i + "]", e.getMessage() + " (record_type is " + type + ")");
            }
        }
        DnsSpec.Match match;
        try {
            match = DnsSpec.Match.valueOf(config.string("match", "any").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw config.error("match", "expected any, all or exact, got \"" + config.string("match") + "\"");
        }
        String rcodeName = config.string("expected_rcode", "NOERROR").strip().toUpperCase(Locale.ROOT);
        int rcode = Rcode.value(rcodeName);
        if (rcode < 0) {
            throw config.error("expected_rcode", "\"" + rcodeName + "\" is not a DNS response code such as NOERROR, NXDOMAIN or SERVFAIL");
        }
        if (rcode != Rcode.NOERROR && !expected.isEmpty()) {
            throw config.error("expected", "answers cannot be expected with expected_rcode " + rcodeName);
        }
        String protocol = config.string("protocol", "udp").strip().toLowerCase(Locale.ROOT);
        if (!protocol.equals("udp") && !protocol.equals("tcp")) {
            throw config.error("protocol", "expected udp or tcp, got \"" + protocol + "\"");
        }
        Server server = null;
        if (config.has("server")) {
            try {
                server = Server.parse(config.string("server"));
            } catch (IllegalArgumentException e) {
                throw config.error("server", e.getMessage());
            }
        }
        int retries = config.integer("retries", 0);
        if (retries < 0 || retries > 10) {
            throw config.error("retries", "must be between 0 and 10, got " + retries);
        }
        DnsSpec spec = new DnsSpec(type, server, List.copyOf(expected), match, rcode, protocol.equals("tcp"),
                config.bool("recursion", true), retries);
        return new DnsCheck(name, specs.intern(spec), tools);
    }

    private static Name name(PluginConfig config) {
        String text = config.string("name").strip();
        if (text.isEmpty()) {
            throw config.error("name", "must not be empty");
        }
        try {
            return Name.fromString(text, Name.root);
        } catch (TextParseException e) {
            throw config.error("name", "\"" + text + "\" is not a domain name: " + e.getMessage());
        }
    }
}
