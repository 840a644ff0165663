package io.cpra.plugins.webhook.pagerduty;

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

import java.net.URI;
import java.util.Map;

/**
 * The {@code pagerduty} code: sends PagerDuty Events API v2 events (see {@link PagerDutyEvent}).
 * Red triggers, cyan acknowledges, green resolves; yellow and gray do what
 * {@code yellow_action} and {@code gray_action} say. CPRA's {@code url} key names the
 * endpoint.
 *
 * <p>The routing key is required for PagerDuty's own endpoint. Another URL (a relay, an
 * internal gateway, as CPRA allowed) may do without one, so CPRA manifests that only name a
 * {@code url} keep loading. The key is a secret: {@code routing_key_env} (an environment
 * variable) or {@code routing_key_file} (a file) give it at load time, keeping it out of
 * manifests.
 *
 * <pre>{@code
 * codes:
 *   red:
 *     dispatch: true
 *     notify: pagerduty
 *     config:
 *       routing_key_env: PAGERDUTY_ROUTING_KEY
 * }</pre>
 */
public final class PagerDutyPlugin implements CodePlugin {

    /** PagerDuty's Events API v2 endpoint. */
    public static final String EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "pagerduty",
            "Triggers, acknowledges and resolves PagerDuty incidents through the Events API v2",
            ConfigKey.optional("url", ValueType.STRING, EVENTS_URL, "the Events API v2 endpoint")
                    .withRoles(KeyRole.TARGET_URL),
            ConfigKey.optional("routing_key", ValueType.STRING, null,
                    "the integration's routing key; required for PagerDuty's endpoint").withRoles(KeyRole.SECRET),
            ConfigKey.optional("source", ValueType.STRING, "the monitor's name",
                    "payload.source: the affected system"),
            ConfigKey.optional("component", ValueType.STRING, null, "payload.component: the affected part of the source"),
            ConfigKey.optional("group", ValueType.STRING, null, "payload.group: a cluster or grouping of sources"),
            ConfigKey.optional("class", ValueType.STRING, null, "payload.class: the kind of event"),
            ConfigKey.optional("client", ValueType.STRING, "cpra", "the client name PagerDuty shows"),
            ConfigKey.optional("client_url", ValueType.STRING, null, "a link PagerDuty shows next to the client name"),
            ConfigKey.optional("yellow_action", ValueType.STRING, "trigger",
                    "event for yellow codes: trigger (severity warning), acknowledge, resolve or none"),
            ConfigKey.optional("gray_action", ValueType.STRING, "acknowledge",
                    "event for gray (maintenance) codes: trigger (severity info), acknowledge, resolve or none"),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long one request may take at most; the delivery deadline may cut it shorter"));

    private final HttpSender sender;
    private final SharedInstances<PagerDutyEvent.Settings, PagerDutyNotifier> shared = SharedInstances.create();

    /** Creates the provider with its own HTTP client; called by {@link java.util.ServiceLoader}. */
    public PagerDutyPlugin() {
        this(HttpSender.create());
    }

    PagerDutyPlugin(HttpSender sender) {
        this.sender = sender;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        URI url = HttpTarget.url(config, "url", config.string("url", EVENTS_URL));
        HttpTarget target = new HttpTarget(url, "POST", Map.of(),
                HttpTarget.timeout(config, "timeout", HttpTarget.DEFAULT_TIMEOUT));
        String routingKey = routingKey(config, url);
        config.optionalString("client_url").ifPresent(link -> HttpTarget.url(config, "client_url", link));
        PagerDutyEvent.Settings settings = new PagerDutyEvent.Settings(target, routingKey,
                config.string("source", "").strip(),
                config.string("component", ""),
                config.string("group", ""),
                config.string("class", ""),
                config.string("client", "cpra"),
                config.string("client_url", ""),
                PagerDutyEvent.Action.of(config, "yellow_action", PagerDutyEvent.Action.TRIGGER),
                PagerDutyEvent.Action.of(config, "gray_action", PagerDutyEvent.Action.ACKNOWLEDGE));
        return shared.acquire(settings, key -> new PagerDutyNotifier(key, sender, shared));
    }

    private static String routingKey(PluginConfig config, URI url) {
        String key = config.string("routing_key", "").strip();
        if (key.isEmpty() && "events.pagerduty.com".equalsIgnoreCase(url.getHost())) {
            throw config.error("routing_key", "PagerDuty's endpoint needs a routing key: set routing_key, "
                    + "routing_key_env or routing_key_file");
        }
        return key;
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
