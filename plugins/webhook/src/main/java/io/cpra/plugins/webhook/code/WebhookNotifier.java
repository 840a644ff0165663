package io.cpra.plugins.webhook.code;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.HttpTarget;

import java.util.Map;

/**
 * One prepared {@code webhook} destination, shared by every monitor with the same block.
 * Immutable apart from the shared registry's reference count, so safe for concurrent calls.
 * The alert id travels as the {@code Idempotency-Key} header as well as in the body.
 */
final class WebhookNotifier implements Notifier {

    private final HttpTarget target;
    private final HttpSender sender;
    private final SharedInstances<HttpTarget, WebhookNotifier> owner;

    WebhookNotifier(HttpTarget target, HttpSender sender, SharedInstances<HttpTarget, WebhookNotifier> owner) {
        this.target = target;
        this.sender = sender;
        this.owner = owner;
    }

    @Override
    public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
        return sender.deliverJson(target, Map.of("Idempotency-Key", alert.id()), AlertDocument.json(alert), deadline);
    }

    /** The URL without query or user info: credentials belong in headers, which never show here. */
    @Override
    public String destination() {
        return target.withoutSecrets();
    }

    @Override
    public void close() {
        owner.release(target);
    }

    @Override
    public String toString() {
        return "webhook " + destination();
    }
}
