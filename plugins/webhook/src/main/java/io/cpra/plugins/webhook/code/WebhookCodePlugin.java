package io.cpra.plugins.webhook.code;

import io.cpra.plugin.api.CodePlugin;
import io.cpra.plugin.api.ConfigKey;
import io.cpra.plugin.api.KeyRole;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.api.PluginDescriptor;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugin.api.ValueType;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.HttpTarget;

import java.util.List;

/**
 * The {@code webhook} code: sends each code as one JSON document (see {@link AlertDocument}
 * for its fields) to an HTTP endpoint. 2xx is delivered; 408, 425, 429, 5xx and network
 * failures are worth another attempt; other answers are permanent.
 *
 * <pre>{@code
 * codes:
 *   red:
 *     dispatch: true
 *     notify: webhook
 *     config:
 *       url: https://alerts.example.com/cpra
 *       headers:
 *         Authorization: Bearer s3cret
 * }</pre>
 *
 * <p>Monitors whose blocks are equal share one prepared notifier.
 */
public final class WebhookCodePlugin implements CodePlugin {

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "webhook",
            "Sends each code as a JSON document to an HTTP endpoint",
            ConfigKey.required("url", ValueType.STRING, "the http:// or https:// URL to send to")
                    .withRoles(KeyRole.TARGET_URL, KeyRole.SECRET),
            ConfigKey.optional("method", ValueType.STRING, "POST", "POST or PUT"),
            ConfigKey.optional("headers", ValueType.MAP, null,
                    "extra request headers, such as Authorization; a map of name to value")
                    .withRoles(KeyRole.SECRET),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long one request may take at most; the delivery deadline may cut it shorter"));

    private final HttpSender sender;
    private final SharedInstances<HttpTarget, WebhookNotifier> shared = SharedInstances.create();

    /** Creates the provider with its own HTTP client; called by {@link java.util.ServiceLoader}. */
    public WebhookCodePlugin() {
        this(HttpSender.create());
    }

    WebhookCodePlugin(HttpSender sender) {
        this.sender = sender;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        HttpTarget target = new HttpTarget(
                HttpTarget.url(config, "url", config.string("url")),
                HttpTarget.method(config, "method", "POST", List.of("POST", "PUT")),
                HttpTarget.headers(config, "headers"),
                HttpTarget.timeout(config, "timeout", HttpTarget.DEFAULT_TIMEOUT));
        return shared.acquire(target, key -> new WebhookNotifier(key, sender, shared));
    }

    /** Distinct notifiers held, for tests. */
    int instances() {
        return shared.size();
    }

    @Override
    public void close() {
        sender.close();
    }
}
