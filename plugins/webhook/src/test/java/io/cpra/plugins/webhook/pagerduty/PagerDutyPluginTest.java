package io.cpra.plugins.webhook.pagerduty;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugin.testkit.PluginTester;
import io.cpra.plugin.testkit.TestConfigs;
import io.cpra.plugins.webhook.delivery.Fixtures;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.Receiver;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagerDutyPluginTest {

    private static final String KEY = "R0UT1NGKEY0000000000000000000000";
    private static final String ACCEPTED = "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"inc-42\"}";

    private final Map<String, String> environment = new HashMap<>();
    private final PagerDutyPlugin plugin = new PagerDutyPlugin(HttpSender.create());
    private final Receiver pagerDuty = Receiver.start().always(202, ACCEPTED);

    @AfterEach
    void stop() {
        pagerDuty.close();
        plugin.close();
    }

    private Notifier prepare(Map<String, ?> config) {
        Map<String, Object> withUrl = new HashMap<>(config);
        withUrl.putIfAbsent("url", pagerDuty.url("/v2/enqueue"));
        // as the platform does: the block is checked against the descriptor, then prepared
        return PluginTester.prepare(plugin, TestConfigs.map(withUrl).monitor("checkout-api").path("codes.red.config")
                .environment(environment::get).build(), PluginContext.of("checkout-api", Path.of(".")));
    }

    private JsonObject send(Notifier notifier, Alert alert) throws Exception {
        DeliveryOutcome outcome = notifier.deliver(alert, Fixtures.later());
        assertThat(outcome.delivered()).as(outcome.message()).isTrue();
        return pagerDuty.take().json();
    }

    @Test
    void redTriggersWithTheFullPayload() throws Exception {
        Notifier notifier = prepare(Map.of("routing_key", KEY, "component", "api", "group", "prod", "class", "health",
                "client_url", "https://cpra.example.com"));

        DeliveryOutcome outcome = notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later());

        assertThat(outcome.message()).isEqualTo("trigger HTTP 202: " + ACCEPTED);
        Receiver.Request request = pagerDuty.take();
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonObject event = request.json();
        assertThat(event.keySet()).containsExactly("routing_key", "event_action", "dedup_key", "client", "client_url", "payload");
        assertThat(event.getString("routing_key")).isEqualTo(KEY);
        assertThat(event.getString("event_action")).isEqualTo("trigger");
        assertThat(event.getString("dedup_key")).isEqualTo("inc-42");
        assertThat(event.getString("client")).isEqualTo("cpra");
        assertThat(event.getString("client_url")).isEqualTo("https://cpra.example.com");
        JsonObject payload = event.getJsonObject("payload");
        assertThat(payload.keySet()).containsExactly("summary", "source", "severity", "timestamp", "component", "group",
                "class", "custom_details");
        assertThat(payload.getString("summary")).isEqualTo("[CRITICAL] checkout-api: checkout-api failed 3 checks in a row");
        assertThat(payload.getString("source")).isEqualTo("checkout-api");
        assertThat(payload.getString("severity")).isEqualTo("critical");
        assertThat(payload.getString("timestamp")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(payload.getString("component")).isEqualTo("api");
        assertThat(payload.getString("group")).isEqualTo("prod");
        assertThat(payload.getString("class")).isEqualTo("health");
        JsonObject details = payload.getJsonObject("custom_details");
        assertThat(details.getString("monitor")).isEqualTo("checkout-api");
        assertThat(details.getString("colour")).isEqualTo("red");
        assertThat(details.getString("status")).isEqualTo("CRITICAL");
        assertThat(details.getString("action")).isEqualTo("Check the <pods> & restart");
        assertThat(details.getString("incident_id")).isEqualTo("inc-42");
        assertThat(details.getString("alert_id")).isEqualTo("alert-7");
        assertThat(details.getString("last_message")).isEqualTo("HTTP 503 in 12 ms");
        assertThat(details.getJsonArray("groups")).hasSize(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"CYAN, acknowledge", "GREEN, resolve"})
    void acknowledgeAndResolveCarryOnlyTheKeys(Colour colour, String action) throws Exception {
        JsonObject event = send(prepare(Map.of("routing_key", KEY)), Fixtures.alert(colour));

        assertThat(event.keySet()).containsExactly("routing_key", "event_action", "dedup_key");
        assertThat(event.getString("event_action")).isEqualTo(action);
        assertThat(event.getString("dedup_key")).isEqualTo("inc-42");
    }

    @Test
    void yellowTriggersAWarningByDefaultAndGrayAcknowledges() throws Exception {
        Notifier notifier = prepare(Map.of("routing_key", KEY));

        JsonObject yellow = send(notifier, Fixtures.withoutIncident(Colour.YELLOW));
        assertThat(yellow.getString("event_action")).isEqualTo("trigger");
        assertThat(yellow.getString("dedup_key")).isEqualTo("cpra/orders-db");
        assertThat(yellow.getJsonObject("payload").getString("severity")).isEqualTo("warning");
        assertThat(yellow.getJsonObject("payload").getString("summary")).isEqualTo("[DEGRADED] orders-db: first failure");
        JsonObject gray = send(notifier, Fixtures.withoutIncident(Colour.GRAY));
        assertThat(gray.getString("event_action")).isEqualTo("acknowledge");
        assertThat(gray.getString("dedup_key")).isEqualTo("cpra/orders-db");
    }

    @Test
    void yellowAndGrayActionsAreConfigurable() throws Exception {
        Notifier notifier = prepare(Map.of("routing_key", KEY, "yellow_action", "none", "gray_action", "TRIGGER"));

        assertThat(notifier.deliver(Fixtures.alert(Colour.YELLOW), Fixtures.later()))
                .isEqualTo(DeliveryOutcome.delivered("not sent: yellow_action is none"));
        JsonObject gray = send(notifier, Fixtures.alert(Colour.GRAY));
        assertThat(gray.getString("event_action")).isEqualTo("trigger");
        assertThat(gray.getJsonObject("payload").getString("severity")).isEqualTo("info");
        assertThat(pagerDuty.drain()).isEmpty();
    }

    @Test
    void statusesMapToOutcomes() throws Exception {
        Notifier notifier = prepare(Map.of("routing_key", KEY));

        pagerDuty.always(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
        DeliveryOutcome invalid = notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later());
        assertThat(invalid.delivered() || invalid.retryable()).isFalse();
        assertThat(invalid.message()).startsWith("trigger HTTP 400: ");
        pagerDuty.always(429, "");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
        pagerDuty.always(502, "");
        assertThat(notifier.deliver(Fixtures.alert(Colour.RED), Fixtures.later()).retryable()).isTrue();
    }

    @Test
    void routingKeyComesFromTheEnvironment() throws Exception {
        environment.put("PD_KEY", " " + KEY + " ");

        JsonObject event = send(prepare(Map.of("routing_key_env", "PD_KEY")), Fixtures.alert(Colour.RED));

        assertThat(event.getString("routing_key")).isEqualTo(KEY);
        assertThatThrownBy(() -> prepare(Map.of("routing_key_env", "UNSET")))
                .hasMessage("monitor \"checkout-api\": codes.red.config.routing_key_env: environment variable UNSET is not set or empty");
        assertThatThrownBy(() -> prepare(Map.of("routing_key_env", "PD_KEY", "routing_key", KEY)))
                .hasMessageContaining("set only one of routing_key, routing_key_env and routing_key_file")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void routingKeyComesFromAFile(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("pagerduty.key"), KEY + "\n");

        JsonObject event = send(PluginTester.prepare(plugin, TestConfigs.of("routing_key_file", "pagerduty.key",
                "url", pagerDuty.url("/v2/enqueue")).baseDirectory(home).build()), Fixtures.alert(Colour.RED));

        assertThat(event.getString("routing_key")).isEqualTo(KEY);
    }

    @Test
    void pagerDutysOwnEndpointNeedsARoutingKey() {
        assertThatThrownBy(() -> prepare(Map.of("url", PagerDutyPlugin.EVENTS_URL)))
                .hasMessage("monitor \"checkout-api\": codes.red.config.routing_key: PagerDuty's endpoint needs a routing key: "
                        + "set routing_key, routing_key_env or routing_key_file");
        assertThat(prepare(Map.of("url", PagerDutyPlugin.EVENTS_URL, "routing_key", KEY)).destination())
                .isEqualTo("https://events.pagerduty.com:443/...");
    }

    @Test
    void cpraBlockWithOnlyAUrlLoadsAndSendsWithoutARoutingKey() throws Exception {
        Map<String, Object> cpra = Map.of("url", pagerDuty.url("/v2/enqueue"));
        assertThat(PluginConfig.of(cpra).check(plugin.descriptor().keys())).isEmpty();

        JsonObject event = send(prepare(cpra), Fixtures.alert(Colour.RED));

        assertThat(event.containsKey("routing_key")).isFalse();
        assertThat(event.getString("event_action")).isEqualTo("trigger");
    }

    @Test
    void oneDedupKeyPerIncidentAndAStableOneOutside() {
        assertThat(PagerDutyEvent.dedupKey(Fixtures.alert(Colour.RED))).isEqualTo("inc-42");
        assertThat(PagerDutyEvent.dedupKey(Fixtures.alert(Colour.GREEN))).isEqualTo("inc-42");
        assertThat(PagerDutyEvent.dedupKey(Fixtures.withoutIncident(Colour.RED))).isEqualTo("cpra/orders-db");
        Alert longName = Alert.builder().id("a").monitor("m".repeat(300)).colour(Colour.RED).title("t")
                .summary("s").occurredAt(Fixtures.OCCURRED).build();
        assertThat(PagerDutyEvent.dedupKey(longName)).startsWith("cpra/sha256:").hasSizeLessThanOrEqualTo(255)
                .isEqualTo(PagerDutyEvent.dedupKey(longName));
    }

    @Test
    void summaryIsCutAtTheApisLimit() {
        Alert wordy = Alert.builder().id("a").monitor("m").colour(Colour.RED).title("t").summary("s".repeat(2000))
                .occurredAt(Fixtures.OCCURRED).build();

        assertThat(PagerDutyEvent.summary(wordy)).hasSize(1024).endsWith("...");
    }

    @Test
    void monitorsShareOneNotifierBecauseSourceDefaultsAtDeliveryTime() {
        Notifier a = prepare(Map.of("routing_key", KEY));
        Notifier b = plugin.prepare(PluginConfig.of("other", "codes.red.config",
                Map.of("routing_key", KEY, "url", pagerDuty.url("/v2/enqueue"))), PluginContext.of("other", Path.of(".")));

        assertThat(b).isSameAs(a);
    }

    @Test
    void badActionsNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of("routing_key", KEY, "yellow_action", "page")))
                .hasMessage("monitor \"checkout-api\": codes.red.config.yellow_action: expected trigger, acknowledge, resolve "
                        + "or none, got \"page\"");
    }
}
