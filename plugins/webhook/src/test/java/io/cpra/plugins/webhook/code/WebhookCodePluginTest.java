package io.cpra.plugins.webhook.code;

import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.ConfigException;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugins.webhook.delivery.Fixtures;
import io.cpra.plugins.webhook.delivery.Receiver;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookCodePluginTest {

    private final WebhookCodePlugin plugin = new WebhookCodePlugin();
    private final Receiver receiver = Receiver.start();

    @AfterEach
    void stop() {
        receiver.close();
        plugin.close();
    }

    private Notifier prepare(String monitor, Map<String, ?> config) {
        return plugin.prepare(PluginConfig.of(monitor, "codes.red.config", config), PluginContext.of(monitor, Path.of(".")));
    }

    @Test
    void postsEveryAlertFieldAsDocumented() throws Exception {
        Notifier notifier = prepare("checkout-api", Map.of("url", receiver.url("/cpra"),
                "headers", Map.of("Authorization", "Bearer t0ken")));

        DeliveryOutcome outcome = notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later());

        assertThat(outcome).isEqualTo(DeliveryOutcome.delivered("HTTP 200: ok"));
        Receiver.Request request = receiver.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/cpra");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(request.header("Idempotency-Key")).isEqualTo("alert-7");
        JsonObject body = request.json();
        assertThat(body.keySet()).containsExactly("alert_id", "monitor", "colour", "colour_hex", "status", "severity",
                "title", "summary", "action", "incident_id", "occurred_at", "last_message", "groups");
        assertThat(body.getString("alert_id")).isEqualTo("alert-7");
        assertThat(body.getString("monitor")).isEqualTo("checkout-api");
        assertThat(body.getString("colour")).isEqualTo("red");
        assertThat(body.getString("colour_hex")).isEqualTo("#D0021B");
        assertThat(body.getString("status")).isEqualTo("CRITICAL");
        assertThat(body.getString("severity")).isEqualTo("critical");
        assertThat(body.getString("title")).isEqualTo("[CRITICAL] checkout-api");
        assertThat(body.getString("summary")).isEqualTo("checkout-api failed 3 checks in a row");
        assertThat(body.getString("action")).isEqualTo("Check the <pods> & restart");
        assertThat(body.getString("incident_id")).isEqualTo("inc-42");
        assertThat(body.getString("occurred_at")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(body.getString("last_message")).isEqualTo("HTTP 503 in 12 ms");
        assertThat(body.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("payments", "tier-1");
    }

    @Test
    void putIsAvailable() throws Exception {
        prepare("m", Map.of("url", receiver.url("/x"), "method", "put")).deliver(Fixtures.alert(Colour.GREEN), Fixtures.later());

        assertThat(receiver.take().method()).isEqualTo("PUT");
    }

    @Test
    void statusCodesMapToOutcomes() throws Exception {
        Notifier notifier = prepare("m", Map.of("url", receiver.url("/x")));

        receiver.next(503, 429, 400, 202);
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
        DeliveryOutcome rejected = notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later());
        assertThat(rejected.delivered()).isFalse();
        assertThat(rejected.retryable()).isFalse();
        assertThat(rejected.message()).isEqualTo("HTTP 400: scripted 400");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).delivered()).isTrue();
    }

    @Test
    void receiverDownIsRetryable() throws Exception {
        DeliveryOutcome outcome = prepare("m", Map.of("url", Fixtures.deadUrl()))
                .deliver(Fixtures.alert(Colour.RED), Fixtures.later());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.message()).containsIgnoringCase("connect");
    }

    @Test
    void slowReceiverPastTheDeadlineIsRetryable() throws Exception {
        receiver.slow(Duration.ofSeconds(3));
        Notifier notifier = prepare("m", Map.of("url", receiver.url("/slow")));

        DeliveryOutcome outcome = notifier.deliver(Fixtures.alert(Colour.RED), Deadline.after(Duration.ofMillis(300)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.message()).containsIgnoringCase("timeout");
    }

    @Test
    void equalBlocksShareOneNotifierUntilAllAreClosed() {
        Notifier first = prepare("a", Map.of("url", receiver.url("/x")));
        Notifier second = prepare("b", Map.of("url", receiver.url("/x")));
        Notifier other = prepare("c", Map.of("url", receiver.url("/y")));

        assertThat(second).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(plugin.instances()).isEqualTo(2);
        first.close();
        second.close();
        assertThat(plugin.instances()).isEqualTo(1);
    }

    @Test
    void destinationKeepsSecretsOut() {
        Notifier notifier = prepare("m", Map.of("url", "https://user:pw@alerts.example.com/in/t0ken-in-path?key=s3cret"));

        // the url is a secret (a token often rides in its path): events and logs show its origin only
        assertThat(notifier.destination()).isEqualTo("https://alerts.example.com:443/...");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare("m", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("monitor \"m\": codes.red.config.url: required key is missing");
        assertThatThrownBy(() -> prepare("m", Map.of("url", "http://h/x", "method", "GET")))
                .hasMessage("monitor \"m\": codes.red.config.method: expected one of POST, PUT, got \"GET\"");
        assertThatThrownBy(() -> prepare("m", Map.of("url", "http://h/x", "timeout", "0s")))
                .hasMessage("monitor \"m\": codes.red.config.timeout: must be positive, got 0s");
    }

    @Test
    void descriptorListsEveryKey() {
        assertThat(plugin.descriptor().type()).isEqualTo("webhook");
        assertThat(plugin.descriptor().keys()).extracting(k -> k.name())
                .isEqualTo(List.of("url", "method", "headers", "timeout"));
        assertThat(PluginConfig.of(Map.of("url", "http://h/x", "urll", "y")).check(plugin.descriptor().keys()))
                .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("did you mean \"url\""));
    }
}
