package io.cpra.plugins.webhook.slack;

import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugins.webhook.delivery.Fixtures;
import io.cpra.plugins.webhook.delivery.Receiver;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackPluginTest {

    private final SlackPlugin plugin = new SlackPlugin();
    private final Receiver slack = Receiver.start();

    @AfterEach
    void stop() {
        slack.close();
        plugin.close();
    }

    private Notifier prepare(Map<String, ?> config) {
        return plugin.prepare(PluginConfig.of("search-api", "codes.red.config", config), PluginContext.of("search-api", Path.of(".")));
    }

    @Test
    void postsAnIncomingWebhookMessageWithAColouredAttachment() throws Exception {
        Notifier notifier = prepare(Map.of("hook", slack.url("/services/T111/B111/YYYY"), "channel", "#ops",
                "username", "cpra", "icon_emoji", ":rotating_light:"));

        DeliveryOutcome outcome = notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later());

        assertThat(outcome.delivered()).isTrue();
        Receiver.Request request = slack.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/services/T111/B111/YYYY");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonObject message = request.json();
        assertThat(message.getString("channel")).isEqualTo("#ops");
        assertThat(message.getString("username")).isEqualTo("cpra");
        assertThat(message.getString("icon_emoji")).isEqualTo(":rotating_light:");
        assertThat(message.containsKey("icon_url")).isFalse();
        assertThat(message.getString("text")).isEqualTo("[CRITICAL] checkout-api");
        JsonArray attachments = message.getJsonArray("attachments");
        assertThat(attachments).hasSize(1);
        JsonObject attachment = attachments.getJsonObject(0);
        assertThat(attachment.getString("color")).isEqualTo("#D0021B");
        assertThat(attachment.getString("title")).isEqualTo("[CRITICAL] checkout-api");
        assertThat(attachment.getString("text")).isEqualTo("checkout-api failed 3 checks in a row");
        assertThat(attachment.getString("fallback")).isEqualTo("[CRITICAL] checkout-api: checkout-api failed 3 checks in a row");
        assertThat(attachment.getString("footer")).isEqualTo("cpra | alert alert-7");
        assertThat(attachment.getJsonNumber("ts").longValue()).isEqualTo(Fixtures.OCCURRED.getEpochSecond());
        JsonArray fields = attachment.getJsonArray("fields");
        assertThat(fields.getValuesAs(JsonObject.class)).extracting(f -> f.getString("title"))
                .containsExactly("Monitor", "Status", "Incident", "Groups", "Last check", "Action");
        assertThat(fields.getValuesAs(JsonObject.class)).extracting(f -> f.getString("value"))
                .containsExactly("checkout-api", "CRITICAL", "inc-42", "payments, tier-1", "HTTP 503 in 12 ms",
                        "Check the &lt;pods&gt; &amp; restart");
        assertThat(fields.getValuesAs(JsonObject.class)).extracting(f -> f.getBoolean("short"))
                .containsExactly(true, true, true, true, false, false);
    }

    @ParameterizedTest
    @EnumSource(Colour.class)
    void attachmentTakesTheColoursHex(Colour colour) throws Exception {
        prepare(Map.of("hook", slack.url("/services/T/B/X"))).deliver(Fixtures.withoutIncident(colour), Fixtures.later());

        JsonObject message = slack.take().json();
        assertThat(message.getJsonArray("attachments").getJsonObject(0).getString("color")).isEqualTo(colour.hex());
        assertThat(message.keySet()).containsExactly("text", "attachments");
        assertThat(message.getJsonArray("attachments").getJsonObject(0).getJsonArray("fields")).hasSize(2);
    }

    @Test
    void slackErrorsMapToOutcomes() throws Exception {
        Notifier notifier = prepare(Map.of("hook", slack.url("/services/T/B/X")));

        slack.always(404, "no_service");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()))
                .isEqualTo(DeliveryOutcome.reject("HTTP 404: no_service"));
        slack.always(429, "rate_limited");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
        slack.always(500, "rollup_error");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
    }

    @Test
    void destinationLeavesTheTokenOut() {
        assertThat(SlackNotifier.withoutToken(URI.create("https://hooks.slack.com/services/T000/B000/XXXX")))
                .isEqualTo("https://hooks.slack.com:443/services/T000/B000");
        assertThat(SlackNotifier.withoutToken(URI.create("https://hooks.slack.com/services/T000/B000/XXXX/")))
                .isEqualTo("https://hooks.slack.com:443/services/T000/B000");
        assertThat(SlackNotifier.withoutToken(URI.create("http://127.0.0.1:18090/hook")))
                .isEqualTo("http://127.0.0.1:18090");
    }

    @Test
    void monitorsOnOneHookShareOneNotifier() {
        Notifier a = prepare(Map.of("hook", slack.url("/services/T/B/X")));
        Notifier b = plugin.prepare(PluginConfig.of("other", "codes.red.config", Map.of("hook", slack.url("/services/T/B/X"))),
                PluginContext.of("other", Path.of(".")));

        assertThat(b).isSameAs(a);
        assertThat(plugin.instances()).isEqualTo(1);
    }

    @Test
    void cpraBlockFitsTheDescriptor() {
        Map<String, Object> cpra = Map.of("hook", "http://127.0.0.1:18090/services/T000/B000/XXXX");

        assertThat(PluginConfig.of(cpra).check(plugin.descriptor().keys())).isEmpty();
        assertThat(prepare(cpra).destination()).isEqualTo("http://127.0.0.1:18090/services/T000/B000");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of()))
                .hasMessage("monitor \"search-api\": codes.red.config.hook: required key is missing");
        assertThatThrownBy(() -> prepare(Map.of("hook", "http://h/x", "icon_emoji", "siren")))
                .hasMessageContaining("codes.red.config.icon_emoji: expected an emoji code");
        assertThatThrownBy(() -> prepare(Map.of("hook", "http://h/x", "icon_url", "nope")))
                .hasMessageContaining("codes.red.config.icon_url: expected an http:// or https:// URL");
    }
}
