package io.cpra.it;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.Plugin;
import io.cpra.plugins.command.CommandInterventionPlugin;
import io.cpra.plugins.command.CommandPulsePlugin;
import io.cpra.plugins.command.ScriptInterventionPlugin;
import io.cpra.plugins.dns.DnsCheckPlugin;
import io.cpra.plugins.docker.DockerPlugin;
import io.cpra.plugins.email.EmailPlugin;
import io.cpra.plugins.examplecheck.FileCheckPlugin;
import io.cpra.plugins.http.HttpCheckPlugin;
import io.cpra.plugins.log.LogPlugin;
import io.cpra.plugins.network.IcmpCheckPlugin;
import io.cpra.plugins.network.TcpCheckPlugin;
import io.cpra.plugins.webhook.code.WebhookCodePlugin;
import io.cpra.plugins.webhook.intervention.WebhookInterventionPlugin;
import io.cpra.plugins.webhook.pagerduty.PagerDutyPlugin;
import io.cpra.plugins.webhook.slack.SlackPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundled plugin's descriptor marks its secrets, paths and network targets, so the
 * platform can redact, confine and police them without knowing the plugins. The expected
 * roles are written out here, key by key: a key that gains or loses a role must be a
 * decision, made in this table as well as in the plugin.
 */
class KeyRolesTest {

    private static final List<Plugin<?>> PLUGINS = List.of(new HttpCheckPlugin(), new TcpCheckPlugin(),
            new IcmpCheckPlugin(), new DnsCheckPlugin(), new CommandPulsePlugin(), new CommandInterventionPlugin(),
            new ScriptInterventionPlugin(), new DockerPlugin(), new LogPlugin(), new EmailPlugin(),
            new WebhookCodePlugin(), new WebhookInterventionPlugin(), new SlackPlugin(), new PagerDutyPlugin(),
            new FileCheckPlugin());

    @AfterAll
    static void close() {
        PLUGINS.forEach(Plugin::close);
    }

    @Test
    void everyBundledKeyWithARoleIsMarked() {
        Map<String, Set<KeyRole>> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("http.url", EnumSet.of(KeyRole.TARGET_URL)),
                Map.entry("http.auth", EnumSet.of(KeyRole.SECRET)),
                Map.entry("http.headers", EnumSet.of(KeyRole.SECRET)),
                Map.entry("http.password", EnumSet.of(KeyRole.SECRET)),
                Map.entry("http.ca_file", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("http.body_contains", EnumSet.of(KeyRole.RESPONSE_MATCH)),
                Map.entry("http.body_not_contains", EnumSet.of(KeyRole.RESPONSE_MATCH)),
                Map.entry("http.body_regex", EnumSet.of(KeyRole.RESPONSE_MATCH)),
                Map.entry("tcp.host", EnumSet.of(KeyRole.TARGET_HOST)),
                Map.entry("tcp.port", EnumSet.of(KeyRole.TARGET_PORT)),
                Map.entry("tcp.ca_file", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("tcp.expect", EnumSet.of(KeyRole.RESPONSE_MATCH)),
                Map.entry("icmp.host", EnumSet.of(KeyRole.TARGET_HOST)),
                Map.entry("dns.server", EnumSet.of(KeyRole.TARGET_HOST)),
                Map.entry("command.command", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("command.env", EnumSet.of(KeyRole.SECRET)),
                Map.entry("command.working_dir", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("script.path", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("script.interpreter", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("script.env", EnumSet.of(KeyRole.SECRET)),
                Map.entry("script.working_dir", EnumSet.of(KeyRole.READ_PATH)),
                Map.entry("docker.socket", EnumSet.of(KeyRole.WRITE_PATH)),
                Map.entry("log.file", EnumSet.of(KeyRole.WRITE_PATH)),
                Map.entry("email.host", EnumSet.of(KeyRole.TARGET_HOST)),
                Map.entry("email.port", EnumSet.of(KeyRole.TARGET_PORT)),
                Map.entry("email.password", EnumSet.of(KeyRole.SECRET)),
                Map.entry("webhook.url", EnumSet.of(KeyRole.SECRET, KeyRole.TARGET_URL)),
                Map.entry("webhook.headers", EnumSet.of(KeyRole.SECRET)),
                Map.entry("slack.hook", EnumSet.of(KeyRole.SECRET, KeyRole.TARGET_URL)),
                Map.entry("pagerduty.url", EnumSet.of(KeyRole.TARGET_URL)),
                Map.entry("pagerduty.routing_key", EnumSet.of(KeyRole.SECRET)),
                Map.entry("file.path", EnumSet.of(KeyRole.READ_PATH))));

        Map<String, Set<KeyRole>> marked = new TreeMap<>();
        for (Plugin<?> plugin : PLUGINS) {
            collect(plugin.descriptor().type() + ".", plugin.descriptor().keys(), marked);
        }

        assertThat(marked).isEqualTo(expected);
    }

    @Test
    void keysWhoseNamesSpeakOfSecretsPathsOrTargetsHaveARole() {
        List<String> unmarked = new ArrayList<>();
        for (Plugin<?> plugin : PLUGINS) {
            Map<String, ConfigKey> keys = new LinkedHashMap<>();
            plugin.descriptor().keys().forEach(key -> keys.put(key.name(), key));
            keys.forEach((name, key) -> {
                boolean speaks = name.matches("(?i).*(password|secret|token|_key|hook|url|host|port|file|path|socket|_dir).*")
                        && !name.matches("(client_url|icon_url|ignore_privilege|api_version|export)");
                if (speaks && key.roles().isEmpty()) {
                    unmarked.add(plugin.descriptor().type() + "." + name);
                }
            });
        }
        assertThat(unmarked).as("keys that look like secrets, paths or targets but have no role").isEmpty();
    }

    @Test
    void secretTextKeysAcceptTheirEnvAndFileFormsInEveryBundledPlugin() {
        List<String> secrets = new ArrayList<>();
        for (Plugin<?> plugin : PLUGINS) {
            for (ConfigKey key : plugin.descriptor().keys()) {
                if (key.has(KeyRole.SECRET) && key.type() == io.cpra.plugin.api.ValueType.STRING) {
                    secrets.add(plugin.descriptor().type() + "." + key.name());
                    assertThat(plugin.descriptor().key(key.name() + "_env")).as("%s declares its _env form by hand", key.name())
                            .isEmpty();
                }
            }
        }
        assertThat(secrets).contains("pagerduty.routing_key", "email.password", "slack.hook", "http.password");
    }

    private static void collect(String prefix, List<ConfigKey> keys, Map<String, Set<KeyRole>> marked) {
        for (ConfigKey key : keys) {
            if (!key.roles().isEmpty()) {
                marked.put(prefix + key.name(), key.roles());
            }
            collect(prefix + key.name() + ".", key.children(), marked);
        }
    }
}
