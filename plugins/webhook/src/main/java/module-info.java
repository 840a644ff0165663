/**
 * HTTP plugins: the {@code webhook}, {@code slack} and {@code pagerduty} codes and the
 * {@code webhook} intervention.
 *
 * <p>Helidon WebClient, Fault Tolerance and JSON-P come from the distribution's boot layer,
 * so every plugin shares one copy; this module bundles no library of its own.
 */
module io.cpra.plugins.webhook {
    requires io.cpra.plugin.api;
    requires io.helidon.webclient;
    requires io.helidon.faulttolerance;
    requires jakarta.json;

    provides io.cpra.plugin.api.CodePlugin with
            io.cpra.plugins.webhook.code.WebhookCodePlugin,
            io.cpra.plugins.webhook.slack.SlackPlugin,
            io.cpra.plugins.webhook.pagerduty.PagerDutyPlugin;
    provides io.cpra.plugin.api.InterventionPlugin with
            io.cpra.plugins.webhook.intervention.WebhookInterventionPlugin;
}
