package io.cpra.core.manifest;

import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.util.List;

/** Descriptors shaped like the bundled plugins', enough for the compat manifest and the tests. */
final class TestCatalog {

    static final PluginDescriptor HTTP = PluginDescriptor.of("http", "HTTP check",
            ConfigKey.required("url", ValueType.STRING, "url"),
            ConfigKey.optional("method", ValueType.STRING, "GET", "method"),
            ConfigKey.optional("expected_status", ValueType.INTEGER, "200", "status"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0", "retries"),
            ConfigKey.optional("headers", ValueType.LIST, null, "headers"),
            ConfigKey.optional("tls", ValueType.MAP, null, "tls").withChildren(
                    ConfigKey.optional("verify", ValueType.BOOLEAN, "true", "verify")));
    static final PluginDescriptor TCP = PluginDescriptor.of("tcp", "TCP connect",
            ConfigKey.required("host", ValueType.STRING, "host"),
            ConfigKey.required("port", ValueType.INTEGER, "port"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0", "retries"));
    static final PluginDescriptor ICMP = PluginDescriptor.of("icmp", "ping",
            ConfigKey.required("host", ValueType.STRING, "host"),
            ConfigKey.optional("count", ValueType.INTEGER, "1", "count"),
            ConfigKey.optional("ignore_privilege", ValueType.BOOLEAN, "false", "fallback"),
            ConfigKey.optional("retries", ValueType.INTEGER, "0", "retries"));
    static final PluginDescriptor DOCKER = PluginDescriptor.of("docker", "restart a container",
            ConfigKey.required("container", ValueType.STRING, "container"),
            ConfigKey.optional("type", ValueType.STRING, "container", "kind"),
            ConfigKey.optional("timeout", ValueType.DURATION, "20s", "timeout"));
    static final PluginDescriptor WEBHOOK = PluginDescriptor.of("webhook", "call a URL",
            ConfigKey.required("url", ValueType.STRING, "url"));
    static final PluginDescriptor LOG = PluginDescriptor.of("log", "append to a file",
            ConfigKey.required("file", ValueType.STRING, "file"));
    static final PluginDescriptor SLACK = PluginDescriptor.of("slack", "Slack",
            ConfigKey.required("hook", ValueType.STRING, "hook"));
    static final PluginDescriptor PAGERDUTY = PluginDescriptor.of("pagerduty", "PagerDuty",
            ConfigKey.required("url", ValueType.STRING, "url"));

    static final PluginCatalog CATALOG = PluginCatalog.of(List.of(HTTP, TCP, ICMP), List.of(DOCKER, WEBHOOK),
            List.of(LOG, SLACK, PAGERDUTY, WEBHOOK));

    private TestCatalog() {
    }
}
