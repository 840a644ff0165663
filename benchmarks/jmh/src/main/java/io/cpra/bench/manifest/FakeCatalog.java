package io.cpra.bench.manifest;

import io.cpra.core.manifest.PluginCatalog;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.ValueType;

import java.util.List;

/**
 * Plugin descriptors shaped like the bundled ones, for the types {@link ManifestGenerator}
 * writes, so that benchmarks validate config blocks as a real load would.
 */
public final class FakeCatalog {

    private FakeCatalog() {
    }

    /**
     * The catalog.
     *
     * @return pulse {@code http}, {@code tcp}; intervention {@code webhook}; codes {@code webhook}, {@code log}
     */
    public static PluginCatalog create() {
        PluginDescriptor http = PluginDescriptor.of("http", "HTTP request",
                ConfigKey.required("url", ValueType.STRING, "the URL"),
                ConfigKey.optional("method", ValueType.STRING, "GET", "the method"),
                ConfigKey.optional("expected_status", ValueType.INTEGER, "200", "the status expected"),
                ConfigKey.optional("headers", ValueType.LIST, null, "request headers"),
                ConfigKey.optional("retries", ValueType.INTEGER, "0", "retries"));
        PluginDescriptor tcp = PluginDescriptor.of("tcp", "TCP connect",
                ConfigKey.required("host", ValueType.STRING, "host"),
                ConfigKey.required("port", ValueType.INTEGER, "port"));
        PluginDescriptor webhook = PluginDescriptor.of("webhook", "call a URL",
                ConfigKey.required("url", ValueType.STRING, "the URL"));
        PluginDescriptor log = PluginDescriptor.of("log", "append to a file",
                ConfigKey.required("file", ValueType.STRING, "the file"));
        return PluginCatalog.of(List.of(http, tcp), List.of(webhook), List.of(webhook, log));
    }
}
