package io.cpra.core.trust;

import io.cpra.core.manifest.ManifestReader;
import io.cpra.core.manifest.ManifestResult;
import io.cpra.core.manifest.MonitorDefinition;
import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Descriptors shaped like the bundled plugins', with their roles, for the trust tests. */
final class Catalog {

    static final PluginCatalog PLUGINS = PluginCatalog.of(
            List.of(PluginDescriptor.of("http", "an http check",
                            ConfigKey.required("url", ValueType.STRING, "url").withRoles(KeyRole.TARGET_URL),
                            ConfigKey.optional("username", ValueType.STRING, null, "user"),
                            ConfigKey.optional("password", ValueType.STRING, null, "password").withRoles(KeyRole.SECRET),
                            ConfigKey.optional("headers", ValueType.ANY, null, "headers").withRoles(KeyRole.SECRET),
                            ConfigKey.optional("body_regex", ValueType.STRING, null, "regex").withRoles(KeyRole.RESPONSE_MATCH),
                            ConfigKey.optional("ca_file", ValueType.STRING, null, "ca").withRoles(KeyRole.READ_PATH)),
                    PluginDescriptor.of("tcp", "a tcp check",
                            ConfigKey.required("host", ValueType.STRING, "host").withRoles(KeyRole.TARGET_HOST),
                            ConfigKey.optional("port", ValueType.INTEGER, null, "port").withRoles(KeyRole.TARGET_PORT)),
                    PluginDescriptor.of("command", "runs a program",
                            ConfigKey.required("command", ValueType.ANY, "program").withRoles(KeyRole.READ_PATH))),
            List.of(PluginDescriptor.of("script", "runs a script",
                            ConfigKey.required("path", ValueType.STRING, "script").withRoles(KeyRole.READ_PATH)),
                    PluginDescriptor.of("webhook", "calls a url",
                            ConfigKey.required("url", ValueType.STRING, "url").withRoles(KeyRole.TARGET_URL, KeyRole.SECRET),
                            ConfigKey.optional("headers", ValueType.MAP, null, "headers").withRoles(KeyRole.SECRET))),
            List.of(PluginDescriptor.of("log", "appends to a file",
                            ConfigKey.required("file", ValueType.STRING, "file").withRoles(KeyRole.WRITE_PATH)),
                    PluginDescriptor.of("email", "sends mail",
                            ConfigKey.required("host", ValueType.STRING, "host").withRoles(KeyRole.TARGET_HOST),
                            ConfigKey.optional("password", ValueType.STRING, null, "password").withRoles(KeyRole.SECRET),
                            ConfigKey.optional("smtp", ValueType.MAP, null, "nested").withChildren(
                                    ConfigKey.optional("token", ValueType.STRING, null, "nested secret")
                                            .withRoles(KeyRole.SECRET)))));

    private Catalog() {
    }

    /** The monitor validated as the API would, handed to the check while it is being consumed. */
    static List<PolicyCheck.Refusal> check(PolicyCheck check, Map<String, Object> monitor) {
        List<PolicyCheck.Refusal> refusals = new ArrayList<>();
        ManifestResult result = ManifestReader.create(PLUGINS).validateMonitor("request body", monitor,
                (MonitorDefinition d) -> refusals.addAll(check.check(d)));
        assertThat(result.ok()).as(result.describe()).isTrue();
        return refusals;
    }
}
