package io.cpra.plugins.webhook.slack;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.HttpTarget;

import java.net.URI;
import java.util.Map;

/**
 * One prepared Slack webhook, shared by every monitor with the same block. Immutable apart
 * from the registry's reference count, so safe for concurrent calls.
 */
final class SlackNotifier implements Notifier {

    private final SlackMessage.Settings settings;
    private final HttpSender sender;
    private final SharedInstances<SlackMessage.Settings, SlackNotifier> owner;

    SlackNotifier(SlackMessage.Settings settings, HttpSender sender, SharedInstances<SlackMessage.Settings, SlackNotifier> owner) {
        this.settings = settings;
        this.sender = sender;
        this.owner = owner;
    }

    @Override
    public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
        return sender.deliverJson(settings.target(), Map.of(), SlackMessage.json(alert, settings), deadline);
    }

    /**
     * The hook without its last path segment: Slack's webhook URLs end in the secret token
     * ({@code /services/T000/B000/XXXX}), while the workspace and integration ids before it
     * tell hooks apart well enough for a circuit breaker.
     */
    @Override
    public String destination() {
        return withoutToken(settings.target().uri());
    }

    static String withoutToken(URI hook) {
        String path = hook.getRawPath() == null ? "" : hook.getRawPath();
        int last = path.lastIndexOf('/', path.endsWith("/") ? path.length() - 2 : path.length());
        return HttpTarget.origin(hook) + (last > 0 ? path.substring(0, last) : "");
    }

    @Override
    public void close() {
        owner.release(settings);
    }

    @Override
    public String toString() {
        return "slack " + destination();
    }
}
