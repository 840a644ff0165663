package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.PluginConfig;
import io.cpra.plugin.api.PluginContext;
import io.cpra.plugins.webhook.delivery.Fixtures;
import io.cpra.plugins.webhook.delivery.HttpSender;
import io.cpra.plugins.webhook.delivery.Receiver;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookInterventionPluginTest {

    private static final InterventionRequest REQUEST =
            InterventionRequest.builder("checkout-api").attempt(2, 3).lastError("HTTP 503: \"upstream\" down\n")
                    .incidentId("inc-42").build();

    private final WebhookInterventionPlugin plugin = new WebhookInterventionPlugin(HttpSender.create(), () -> 0.5);
    private final Receiver receiver = Receiver.start();

    @AfterEach
    void stop() {
        receiver.close();
        plugin.close();
    }

    private Intervention prepare(Map<String, ?> config) {
        Map<String, Object> withUrl = new HashMap<>(config);
        withUrl.putIfAbsent("url", receiver.url("/restart"));
        return plugin.prepare(PluginConfig.of("checkout-api", "intervention.config", withUrl),
                PluginContext.of("checkout-api", Path.of(".")));
    }

    @Test
    void defaultBodyCarriesEveryFieldJsonEscaped() throws Exception {
        InterventionOutcome outcome = prepare(Map.of()).intervene(REQUEST, Fixtures.later());

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.message()).isEqualTo("POST " + receiver.url("/...") + " answered HTTP 200: ok");
        Receiver.Request request = receiver.take();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonObject body = request.json();
        assertThat(body.getString("monitor")).isEqualTo("checkout-api");
        assertThat(body.getInt("attempt")).isEqualTo(2);
        assertThat(body.getInt("max_attempts")).isEqualTo(3);
        assertThat(body.getString("last_error")).isEqualTo("HTTP 503: \"upstream\" down\n");
        assertThat(body.getString("incident_id")).isEqualTo("inc-42");
    }

    @Test
    void customTemplateMethodAndHeaders() throws Exception {
        Intervention intervention = prepare(Map.of("method", "put", "headers", Map.of("X-Token", "abc"),
                "body", "{\"service\": \"${monitor}\", \"why\": \"${ last_error }\", \"cost\": \"$$5\"}"));

        assertThat(intervention.intervene(REQUEST, Fixtures.later()).success()).isTrue();

        Receiver.Request request = receiver.take();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.header("X-Token")).isEqualTo("abc");
        assertThat(request.json().getString("why")).isEqualTo("HTTP 503: \"upstream\" down\n");
        assertThat(request.json().getString("cost")).isEqualTo("$5");
    }

    @Test
    void formBodiesAreUrlEncodedAndGetHasNoBody() throws Exception {
        prepare(Map.of("content_type", "application/x-www-form-urlencoded", "body", "service=${monitor}&why=${last_error}"))
                .intervene(REQUEST, Fixtures.later());
        assertThat(receiver.take().body()).isEqualTo("service=checkout-api&why=HTTP+503%3A+%22upstream%22+down%0A");

        prepare(Map.of("method", "GET")).intervene(REQUEST, Fixtures.later());
        Receiver.Request get = receiver.take();
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.body()).isEmpty();
    }

    @Test
    void retriesUntilAReceiverThatFailsTwiceSucceeds() throws Exception {
        receiver.next(503, 502);
        Intervention intervention = prepare(Map.of("attempts", 3, "backoff", "10ms"));

        InterventionOutcome outcome = intervention.intervene(REQUEST, Fixtures.later());

        assertThat(outcome.success()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).endsWith("answered HTTP 200: ok on call 3");
        assertThat(receiver.drain()).hasSize(3);
    }

    @Test
    void givesUpAfterTheLastAttempt() throws Exception {
        receiver.always(503, "down");

        InterventionOutcome outcome = prepare(Map.of("attempts", 2, "backoff", "10ms")).intervene(REQUEST, Fixtures.later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).endsWith("answered HTTP 503: down (gave up after 2 calls)");
        assertThat(receiver.drain()).hasSize(2);
    }

    @Test
    void stopsAtTheDeadline() throws Exception {
        receiver.always(503, "down");
        Intervention intervention = prepare(Map.of("attempts", 20, "backoff", "100ms", "backoff_max", "200ms"));
        Deadline deadline = Deadline.after(Duration.ofMillis(700));

        InterventionOutcome outcome = intervention.intervene(REQUEST, deadline);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).contains("another would not finish before the deadline");
        assertThat(receiver.drain().size()).isBetween(2, 7);
    }

    @Test
    void unexpectedStatusFailsWithoutRetry() throws Exception {
        receiver.always(200, "ok");

        InterventionOutcome outcome = prepare(Map.of("expected_status", List.of(202, "204"))).intervene(REQUEST, Fixtures.later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).endsWith("answered HTTP 200: ok, expected 202, 204");
        assertThat(receiver.drain()).hasSize(1);
    }

    @Test
    void receiverDownIsRetriedThenFails() throws Exception {
        InterventionOutcome outcome = prepare(Map.of("url", Fixtures.deadUrl(), "attempts", 2, "backoff", "10ms"))
                .intervene(REQUEST, Fixtures.later());

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).containsIgnoringCase("connect").endsWith("(gave up after 2 calls)");
    }

    @Test
    void interruptionPropagates() {
        receiver.slow(Duration.ofSeconds(2));
        Intervention intervention = prepare(Map.of());
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> intervention.intervene(REQUEST, Fixtures.later())).isInstanceOf(InterruptedException.class);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> prepare(Map.of("body", "${monitr}")))
                .hasMessageStartingWith("monitor \"checkout-api\": intervention.config.body: unknown placeholder ${monitr}");
        assertThatThrownBy(() -> prepare(Map.of("method", "GET", "body", "x")))
                .hasMessage("monitor \"checkout-api\": intervention.config.body: GET requests carry no body; use POST, PUT or PATCH");
        assertThatThrownBy(() -> prepare(Map.of("expected_status", List.of("200", "2x"))))
                .hasMessageStartingWith("monitor \"checkout-api\": intervention.config.expected_status[1]: expected a status");
        assertThatThrownBy(() -> prepare(Map.of("attempts", 0)))
                .hasMessage("monitor \"checkout-api\": intervention.config.attempts: expected 1 to 20, got 0");
        assertThatThrownBy(() -> prepare(Map.of("backoff", "2s", "backoff_max", "1s")))
                .hasMessageContaining("intervention.config.backoff_max: must not be shorter than backoff (2s)");
    }
}
