package io.cpra.plugins.webhook.pagerduty;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.SharedInstances;
import io.cpra.plugins.webhook.delivery.HttpSender;

import java.util.Map;

/**
 * One prepared PagerDuty integration, shared by every monitor with the same block. Immutable
 * apart from the registry's reference count, so safe for concurrent calls. The routing key
 * travels in the body and never shows in {@link #destination()}.
 */
final class PagerDutyNotifier implements Notifier {

    private final PagerDutyEvent.Settings settings;
    private final HttpSender sender;
    private final SharedInstances<PagerDutyEvent.Settings, PagerDutyNotifier> owner;

    PagerDutyNotifier(PagerDutyEvent.Settings settings, HttpSender sender,
                      SharedInstances<PagerDutyEvent.Settings, PagerDutyNotifier> owner) {
        this.settings = settings;
        this.sender = sender;
        this.owner = owner;
    }

    @Override
    public DeliveryOutcome deliver(Alert alert, Deadline deadline) throws InterruptedException {
        PagerDutyEvent.Action action = settings.actionFor(alert.colour());
        if (action == PagerDutyEvent.Action.NONE) {
            return DeliveryOutcome.delivered("not sent: " + alert.colour().key() + "_action is none");
        }
        DeliveryOutcome outcome = sender.deliverJson(settings.target(), Map.of(),
                PagerDutyEvent.json(alert, action, settings), deadline);
        return outcome.withMessage(action.word() + " " + outcome.message());
    }

    @Override
    public String destination() {
        return settings.target().withoutSecrets();
    }

    @Override
    public void close() {
        owner.release(settings);
    }

    @Override
    public String toString() {
        return "pagerduty " + destination();
    }
}
