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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code depends_on} on the assembled distribution: a parent HTTP service on loopback and fifty
 * children behind it (each checks its own path of the same service). Stopping the service opens
 * the parent's incident only: the children become unreachable, with no incident and nothing sent
 * to the receiver for them. Starting it again brings every monitor back to green.
 */
class DependenciesIT {

    private static final int CHILDREN = 50;

    @TempDir
    Path temp;

    Distribution cpra;
    WebServer service;
    WebServer receiver;
    final List<JsonObject> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
    }

    @AfterEach
    void stop() {
        cpra.kill();
        if (service != null) {
            service.stop();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    private static WebServer service(int port) {
        return WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> r.get("/*", (req, res) -> res.send("ok")))
                .build().start();
    }

    private String manifest(int servicePort, int receiverPort) {
        String hook = "http://127.0.0.1:" + receiverPort + "/hook";
        StringBuilder yaml = new StringBuilder("""
                monitors:
                  - name: gateway
                    groups: [edge]
                    pulse_check:
                      type: http
                      interval: 1s
                      timeout: 800ms
                      max_failures: 1
                      healthy_threshold: 2
                      config:
                        url: http://127.0.0.1:%d/health
                    codes:
                      red: {notify: webhook, config: {url: %s}}
                      green: {notify: webhook, config: {url: %s}}
                """.formatted(servicePort, hook, hook));
        for (int i = 0; i < CHILDREN; i++) {
            yaml.append("""
                      - name: app-%02d
                        depends_on: [%s]
                        pulse_check:
                          type: http
                          interval: 2s
                          timeout: 1500ms
                          max_failures: 2
                          config:
                            url: http://127.0.0.1:%d/app/%d
                        codes:
                          yellow: {notify: webhook, config: {url: %s}}
                          red: {notify: webhook, config: {url: %s}}
                          green: {notify: webhook, config: {url: %s}}
                    """.formatted(i, i % 2 == 0 ? "gateway" : "\"group:edge\"", servicePort, i, hook, hook, hook));
        }
        return yaml.toString();
    }

    private JsonObject summary() throws IOException, InterruptedException {
        return Json.createReader(new StringReader(cpra.get("/api/v1/summary").body())).readObject();
    }

    private JsonObject awaitSummary(Predicate<JsonObject> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject last = summary();
        while (!condition.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = summary();
        }
        assertThat(condition.test(last)).as("%s within 60 s; last summary %s", what, last).isTrue();
        return last;
    }

    @Test
    void stoppingTheParentOpensOneIncidentAndItsChildrenBecomeUnreachableQuietly() throws Exception {
        int servicePort = Distribution.freePort();
        int receiverPort = Distribution.freePort();
        receiver = WebServer.builder().host("127.0.0.1").port(receiverPort)
                .routing(r -> r.post("/hook", (req, res) -> {
                    received.add(Json.createReader(new StringReader(req.content().as(String.class))).readObject());
                    res.status(202).send();
                }))
                .build().start();
        service = service(servicePort);
        Path file = temp.resolve("monitors.yaml");
        Files.writeString(file, manifest(servicePort, receiverPort));
        cpra.env("CPRA_MANIFEST", file.toString()).serve();

        awaitSummary(s -> s.getJsonObject("stages").getInt("healthy") == CHILDREN + 1
                && s.getJsonObject("checks").getInt("finished") >= 3 * (CHILDREN + 1), "every monitor checked");

        // what a slow start may have raised (a check past its timeout on a loaded machine) is not our concern
        Thread.sleep(1000);
        int mark = received.size();
        service.stop();
        service = null;
        awaitSummary(s -> s.getJsonObject("stages").getInt("unreachable") == CHILDREN, "every child unreachable");

        JsonObject down = summary();
        assertThat(down.getInt("open_incidents")).as("only the gateway's incident: %s", down).isEqualTo(1);
        assertThat(down.getJsonObject("colours").getInt("purple")).isEqualTo(CHILDREN);
        JsonObject child = Json.createReader(new StringReader(cpra.get("/api/v1/monitors/app-07").body())).readObject();
        assertThat(child.getString("stage")).isEqualTo("unreachable");
        assertThat(child.getString("colour")).isEqualTo("purple");
        assertThat(child.getJsonArray("depends_on").getString(0)).isEqualTo("group:edge");

        service = service(servicePort);
        awaitSummary(s -> s.getJsonObject("stages").getInt("healthy") == CHILDREN + 1, "every monitor healthy again");
        assertThat(summary().getInt("open_incidents")).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (since(mark, "gateway").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1000);  // greens owed to children go out with the gateway's; one more second to see them
        assertThat(since(mark, "gateway")).containsExactly("red", "green");
        for (int i = 0; i < CHILDREN; i++) {
            String name = "app-%02d".formatted(i);
            // a child whose check failed in the second before the gateway's did raised a yellow (nothing
            // knew of the outage yet) and gets its green; no child raises anything else
            assertThat(since(mark, name)).as(name).isIn(List.of(), List.of("yellow", "green"), List.of("green"));
        }
    }

    /** The colours received for one monitor after the first {@code mark} alerts, in order. */
    private List<String> since(int mark, String monitor) {
        return received.subList(mark, received.size()).stream()
                .filter(alert -> alert.getString("monitor").equals(monitor))
                .map(alert -> alert.getString("colour")).toList();
    }
}
