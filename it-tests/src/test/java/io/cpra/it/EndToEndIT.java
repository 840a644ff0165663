package io.cpra.it;

import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One manifest, the bundled plugins and real peers on loopback: an HTTP service that breaks and
 * is brought back by a command intervention (yellow, cyan, green to a webhook receiver), and one
 * that stays broken because its intervention fails (yellow to a Slack receiver, red to a
 * PagerDuty receiver).
 */
class EndToEndIT {

    @TempDir
    Path temp;

    Distribution cpra;
    final List<WebServer> servers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
    }

    @AfterEach
    void stop() {
        cpra.kill();
        servers.forEach(WebServer::stop);
    }

    @Test
    void aServiceIsRestartedAndVerifiedAnotherGoesRedAndTheCodesReachTheirReceivers() throws Exception {
        // the service the intervention "restarts": it answers 503 once broken, until the marker appears
        Path restarted = temp.resolve("restarted");
        AtomicBoolean healthy = new AtomicBoolean(true);
        AtomicInteger webChecks = new AtomicInteger();
        WebServer web = start(WebServer.builder().routing(r -> r.get("/health", (req, res) -> {
            webChecks.incrementAndGet();
            if (Files.deleteIfExists(restarted)) {
                healthy.set(true);
            }
            res.status(healthy.get() ? 200 : 503).send(healthy.get() ? "up" : "down");
        })));
        WebServer broken = start(WebServer.builder().routing(r -> r.get("/health", (req, res) ->
                res.status(503).send("database unavailable"))));

        List<JsonObject> webhook = new CopyOnWriteArrayList<>();
        List<JsonObject> slack = new CopyOnWriteArrayList<>();
        List<JsonObject> pagerduty = new CopyOnWriteArrayList<>();
        WebServer receivers = start(WebServer.builder().routing(r -> r
                .post("/hook", (req, res) -> {
                    webhook.add(json(req.content().as(String.class)));
                    res.status(202).send();
                })
                .post("/services/T000/B000/XXXX", (req, res) -> {
                    slack.add(json(req.content().as(String.class)));
                    res.status(200).send("ok");
                })
                .post("/v2/enqueue", (req, res) -> {
                    JsonObject event = json(req.content().as(String.class));
                    pagerduty.add(event);
                    res.status(202).header("Content-Type", "application/json").send(
                            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                                    + event.getString("dedup_key") + "\"}");
                })));
        String receiver = "http://127.0.0.1:" + receivers.port();

        Path manifest = temp.resolve("monitors.yaml");
        Files.writeString(manifest, """
                monitors:
                  - name: web
                    groups: [shop]
                    pulse_check:
                      type: http
                      interval: 1s
                      timeout: 800ms
                      max_failures: 2
                      healthy_threshold: 2
                      config:
                        url: http://127.0.0.1:%1$d/health
                        expected_status: 200
                    intervention:
                      action: command
                      retries: 1
                      timeout: 10s
                      config:
                        command: [touch, "%2$s"]
                    codes:
                      yellow: {notify: webhook, config: {url: "%3$s/hook"}}
                      cyan: {notify: webhook, config: {url: "%3$s/hook"}}
                      green: {notify: webhook, config: {url: "%3$s/hook"}}
                      red: {notify: webhook, config: {url: "%3$s/hook"}}
                  - name: orders-api
                    groups: [shop]
                    pulse_check:
                      type: http
                      interval: 1s
                      timeout: 800ms
                      max_failures: 2
                      config:
                        url: http://127.0.0.1:%4$d/health
                    intervention:
                      action: command
                      retries: 2
                      timeout: 10s
                      config:
                        shell: true
                        command: 'echo "no such unit: orders-api" >&2; exit 5'
                    codes:
                      yellow: {notify: slack, config: {hook: "%3$s/services/T000/B000/XXXX"}}
                      red: {notify: pagerduty, config: {url: "%3$s/v2/enqueue", routing_key: R0UT1NGKEY}}
                """.formatted(web.port(), restarted, receiver, broken.port()));
        cpra.env("CPRA_MANIFEST", manifest.toString()).serve();

        // healthy first, then broken
        await(() -> webChecks.get() >= 2, "two passing checks of web");
        assertThat(webhook).isEmpty();
        healthy.set(false);

        await(() -> webhook.stream().anyMatch(a -> a.getString("colour").equals("green")), "green for web");
        assertThat(webhook).extracting(a -> a.getString("colour")).containsExactly("yellow", "cyan", "green");
        assertThat(webhook).allSatisfy(a -> {
            assertThat(a.getString("monitor")).isEqualTo("web");
            assertThat(a.getJsonArray("groups").getString(0)).isEqualTo("shop");
        });
        assertThat(webhook).extracting(a -> a.getString("alert_id")).doesNotHaveDuplicates();
        assertThat(webhook.get(0).getString("status")).isEqualTo("DEGRADED");
        assertThat(webhook.get(0).getString("last_message")).contains("503");
        assertThat(webhook.get(1).getString("status")).isEqualTo("INTERVENTION SUCCESS");
        assertThat(webhook.get(2).getString("status")).isEqualTo("RECOVERED");
        assertThat(webhook.get(2).getString("incident_id")).isEqualTo(webhook.get(1).getString("incident_id"));
        assertThat(restarted).doesNotExist();

        await(() -> !pagerduty.isEmpty(), "red for orders-api at PagerDuty");
        JsonObject trigger = pagerduty.get(0);
        assertThat(trigger.getString("event_action")).isEqualTo("trigger");
        assertThat(trigger.getString("routing_key")).isEqualTo("R0UT1NGKEY");
        assertThat(trigger.getString("dedup_key")).isNotBlank();
        assertThat(trigger.getJsonObject("payload").getString("severity")).isEqualTo("critical");
        assertThat(trigger.getJsonObject("payload").getString("source")).isEqualTo("orders-api");
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0).getString("text")).contains("orders-api");
        assertThat(slack.get(0).getJsonArray("attachments").getJsonObject(0).getString("color")).isNotBlank();
        JsonObject view = json(cpra.get("/api/v1/monitors/orders-api").body());
        assertThat(view.getString("stage")).isEqualTo("incident");
        assertThat(view.getInt("intervention_attempts")).isEqualTo(2);

        // the incident's stored timeline: the failing checks, both attempts, the codes and their deliveries
        long incident = view.getJsonNumber("incident_id").longValue();
        await(() -> timeline(incident).stream().anyMatch(e -> e.getString("kind").equals("delivery")
                && e.getString("colour").equals("red")), "red's delivery on the timeline of orders-api's incident");
        List<JsonObject> timeline = timeline(incident);
        assertThat(timeline).extracting(e -> e.getString("kind")).contains("incident_opened", "stage_changed",
                "intervention_started", "intervention_finished", "code_raised", "delivery");
        assertThat(timeline).allSatisfy(e -> assertThat(e.getJsonNumber("incident_id").longValue()).isEqualTo(incident));
        List<JsonObject> checks = timeline.stream()
                .filter(e -> e.getJsonObject("detail").containsKey("checks"))
                .flatMap(e -> e.getJsonObject("detail").getJsonArray("checks").getValuesAs(JsonObject.class).stream())
                .toList();
        assertThat(checks).as("the checks that led to the incident").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(check -> {
                    assertThat(check.getString("status")).isEqualTo("critical");
                    assertThat(check.getString("message")).contains("503");
                });
        assertThat(timeline).filteredOn(e -> e.getString("kind").equals("intervention_finished"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getJsonObject("detail").getBoolean("success")).isFalse());
        List<String> raised = timeline.stream().filter(e -> e.getString("kind").equals("code_raised"))
                .map(e -> e.getJsonObject("detail").getString("alert_id")).toList();
        assertThat(timeline).filteredOn(e -> e.getString("kind").equals("delivery"))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.getJsonObject("detail").getBoolean("delivered")).isTrue();
                    assertThat(raised).contains(e.getJsonObject("detail").getString("alert_id"));
                });
        assertThat(cpra.terminate(Duration.ofSeconds(15)).status()).isZero();
    }

    private WebServer start(io.helidon.webserver.WebServerConfig.Builder builder) {
        WebServer server = builder.host("127.0.0.1").port(0).build().start();
        servers.add(server);
        return server;
    }

    private List<JsonObject> timeline(long incident) {
        java.net.http.HttpResponse<String> reply;
        try {
            reply = cpra.get("/api/v1/incidents/" + incident);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (reply.statusCode() == 404) {
            return List.of();   // not written yet
        }
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return json(reply.body()).getJsonArray("timeline").getValuesAs(JsonObject.class);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 60 s:\n" + cpra.output()).isTrue();
    }
}
