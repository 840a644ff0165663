package io.cpra.plugins.webhook.slack;

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

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code slack} code: posts each code to a Slack incoming webhook as a message with one
 * attachment in the colour's display colour (see {@link SlackMessage}). CPRA's {@code hook}
 * key names the webhook URL.
 *
 * <pre>{@code
 * codes:
 *   red:
 *     dispatch: true
 *     notify: slack
 *     config:
 *       hook: https://hooks.slack.com/services/T000/B000/XXXX
 *       channel: "#ops"
 * }</pre>
 *
 * <p>Monitors whose blocks are equal share one prepared notifier.
 */
public final class SlackPlugin implements CodePlugin {

    static final PluginDescriptor DESCRIPTOR = PluginDescriptor.of(
            "slack",
            "Posts each code to a Slack incoming webhook as a colour-coded message",
            ConfigKey.required("hook", ValueType.STRING, "the incoming webhook URL Slack gave you")
                    .withRoles(KeyRole.TARGET_URL, KeyRole.SECRET),
            ConfigKey.optional("channel", ValueType.STRING, null,
                    "overrides the webhook's channel, such as #ops (only legacy webhooks honour it)"),
            ConfigKey.optional("username", ValueType.STRING, null,
                    "overrides the name the message is posted under (legacy webhooks only)"),
            ConfigKey.optional("icon_emoji", ValueType.STRING, null,
                    "overrides the poster's icon with an emoji such as :rotating_light: (legacy webhooks only)"),
            ConfigKey.optional("icon_url", ValueType.STRING, null,
                    "overrides the poster's icon with an image URL (legacy webhooks only)"),
            ConfigKey.optional("timeout", ValueType.DURATION, "10s",
                    "how long one request may take at most; the delivery deadline may cut it shorter"));

    private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+'-]+:");

    private final HttpSender sender;
    private final SharedInstances<SlackMessage.Settings, SlackNotifier> shared = SharedInstances.create();

    /** Creates the provider with its own HTTP client; called by {@link java.util.ServiceLoader}. */
    public SlackPlugin() {
        this(HttpSender.create());
    }

    SlackPlugin(HttpSender sender) {
        this.sender = sender;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Notifier prepare(PluginConfig config, PluginContext context) {
        HttpTarget target = new HttpTarget(HttpTarget.url(config, "hook", config.string("hook")), "POST", Map.of(),
                HttpTarget.timeout(config, "timeout", HttpTarget.DEFAULT_TIMEOUT));
        Optional<String> emoji = config.optionalString("icon_emoji").map(String::strip);
        if (emoji.isPresent() && !EMOJI.matcher(emoji.get()).matches()) {
            throw config.error("icon_emoji", "expected an emoji code such as :rotating_light:, got \"" + emoji.get() + "\"");
        }
        Optional<String> iconUrl = config.optionalString("icon_url");
        iconUrl.ifPresent(url -> HttpTarget.url(config, "icon_url", url));
        SlackMessage.Settings settings = new SlackMessage.Settings(target,
                config.optionalString("channel").map(String::strip).orElse(""),
                config.optionalString("username").orElse(""),
                emoji.orElse(""),
                iconUrl.orElse(""));
        return shared.acquire(settings, key -> new SlackNotifier(key, sender, shared));
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
