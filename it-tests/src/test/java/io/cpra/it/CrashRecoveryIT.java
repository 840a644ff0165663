package io.cpra.it;

import io.cpra.testing.postgres.TestPostgres;
import io.helidon.webserver.WebServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution killed with SIGKILL while it works hard: thousands of monitors changing stage,
 * codes to a receiver that is down, holds set and a monitor created through the API. After a restart on the same store
 * nothing acknowledged is lost: the created monitor, holds, open incidents (same ids, no new ones) and every code that
 * was waiting, delivered with the id it was first tried with. Once on the embedded SQLite store,
 * once on PostgreSQL ({@link TestPostgres}, a schema of its own).
 */
class CrashRecoveryIT {

    private static final String TOKEN = "crash-it-" + UUID.randomUUID();
    private static final int DOWN = 4;
    private static final int FLAPPING = 2_000;
    private static final Pattern FAILED_DELIVERY =
            Pattern.compile("delivery of (a\\d+) \\((yellow|red) (down-\\d+)\\) to webhook failed");

    @TempDir
    Path temp;

    Distribution cpra;
    WebServer receiver;
    String schema;

    @BeforeEach
    void copy() throws IOException {
        cpra = Distribution.copyTo(temp.resolve("cpra"));
        cpra.env("CPRA_API_TOKEN", TOKEN).env("CPRA_DELIVERY_BACKOFF", "1s").env("CPRA_CODES_COOLDOWN", "0s");
    }

    @AfterEach
    void stop() throws SQLException {
        cpra.kill();
        if (receiver != null) {
            receiver.stop();
        }
        if (schema != null) {
            try (Connection admin = postgres(); Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aKillNineUnderLoadLosesNoHoldIncidentOrWaitingCode(String store) throws Exception {
        if (store.equals("postgresql")) {
            usePostgres();
        }
        int hookPort = freePort();
        manifest(hookPort);
        cpra.serve();

        // every down monitor has tried its yellow and red codes on the dead receiver at least once
        Map<String, String> waiting = awaitFailedDeliveries(2 * DOWN);
        Map<String, Long> incidents = new HashMap<>();
        for (int i = 1; i <= DOWN; i++) {
            JsonObject view = monitor("down-" + i);
            assertThat(view.getString("stage")).isEqualTo("incident");
            incidents.put("down-" + i, view.getJsonNumber("incident_id").longValue());
        }
        // acknowledged changes through the API
        assertThat(cpra.send("POST", "/api/v1/monitors/paused-one/pause", TOKEN).statusCode()).isEqualTo(200);
        var maintenance = cpra.send("POST", "/api/v1/monitors/maintained-one/maintenance", TOKEN, "{\"for\": \"2h\"}");
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(200);
        String maintenanceUntil = json(maintenance.body()).getString("maintenance_until");
        var created = cpra.send("POST", "/api/v1/monitors", TOKEN, """
                {"name": "api-made", "groups": ["api"], "pulse_check": {"type": "synthetic", "interval": "2s"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        waiting.putAll(failedDeliveries());

        // at some moment while the flapping monitors keep the journal busy
        Thread.sleep(ThreadLocalRandom.current().nextLong(200, 1500));
        cpra.killNine();
        String beforeKill = cpra.output();

        List<JsonObject> received = new CopyOnWriteArrayList<>();
        receiver = WebServer.builder().host("127.0.0.1").port(hookPort)
                .routing(r -> r.post("/hook", (req, res) -> {
                    received.add(Json.createReader(new StringReader(req.content().as(String.class))).readObject());
                    res.status(202).send();
                }))
                .build().start();
        cpra.serve();

        assertThat(monitor("paused-one").getBoolean("paused")).isTrue();
        JsonObject apiMade = monitor("api-made");
        assertThat(apiMade.getString("origin")).isEqualTo("api");
        assertThat(apiMade.getJsonArray("groups").getString(0)).isEqualTo("api");
        assertThat(apiMade.getInt("interval_ms")).isEqualTo(2000);
        JsonObject maintained = monitor("maintained-one");
        assertThat(maintained.getString("stage")).isEqualTo("maintenance");
        assertThat(maintained.getString("maintenance_until")).isEqualTo(maintenanceUntil);
        for (var incident : incidents.entrySet()) {
            JsonObject view = monitor(incident.getKey());
            assertThat(view.getString("stage")).as(incident.getKey()).isEqualTo("incident");
            assertThat(view.getJsonNumber("incident_id").longValue()).as(incident.getKey()).isEqualTo(incident.getValue());
        }
        // every code that was waiting arrives, with the id it was tried with before the crash
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!receivedIds(received).containsAll(waiting.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(receivedIds(received)).as("before the kill:\n%s\nafter:\n%s", beforeKill, cpra.output())
                .containsAll(waiting.keySet());
        for (JsonObject alert : received) {
            String monitor = waiting.get(alert.getString("alert_id"));
            if (monitor != null) {
                assertThat(alert.getString("monitor")).isEqualTo(monitor);
            }
        }
        // resumed, not reopened: no down monitor raised a new code after the restart
        assertThat(received).extracting(a -> a.getString("alert_id")).allMatch(waiting::containsKey);
        assertThat(cpra.output()).containsPattern("resumed \\d+ monitor\\(s\\), \\d+ open incident\\(s\\)");
        assertThat(cpra.terminate(Duration.ofSeconds(15)).status()).isZero();
    }

    private void usePostgres() throws SQLException {
        schema = "cpra_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = postgres(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        TestPostgres server = TestPostgres.get();
        cpra.env("CPRA_STORAGE_URL", server.url(schema)).env("CPRA_STORAGE_USER", server.user())
                .env("CPRA_STORAGE_PASSWORD", server.password());
    }

    private static Connection postgres() throws SQLException {
        return TestPostgres.get().admin();
    }

    private void manifest(int hookPort) throws IOException {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 1; i <= DOWN; i++) {
            yaml.append("""
                      - name: down-%d
                        pulse_check: {type: tcp, interval: 1s, timeout: 500ms, max_failures: 2,
                                      config: {host: 127.0.0.1, port: 1}}
                        codes:
                          yellow: {notify: webhook, config: {url: "http://127.0.0.1:%d/hook"}}
                          red: {notify: webhook, config: {url: "http://127.0.0.1:%d/hook"}}
                    """.formatted(i, hookPort, hookPort));
        }
        for (String name : List.of("paused-one", "maintained-one")) {
            yaml.append("  - name: ").append(name).append("\n    pulse_check: {type: synthetic, interval: 1s}\n");
        }
        for (int i = 0; i < FLAPPING; i++) {
            yaml.append("""
                      - name: flap-%04d
                        groups: [load]
                        pulse_check: {type: synthetic, interval: 1s, timeout: 500ms, unhealthy_threshold: 1,
                                      healthy_threshold: 1, config: {failure_rate: 0.4}}
                        codes:
                          red: {notify: synthetic, config: {mean: 2ms, failure_rate: 0.3}}
                          green: {notify: synthetic, config: {mean: 2ms}}
                    """.formatted(i));
        }
        Path file = temp.resolve("monitors.yaml");
        Files.writeString(file, yaml);
        cpra.env("CPRA_MANIFEST", file.toString());
    }

    private JsonObject monitor(String name) throws IOException, InterruptedException {
        var response = cpra.send("GET", "/api/v1/monitors/" + name, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** Alert id to monitor, for each failed delivery to the dead receiver logged so far. */
    private Map<String, String> failedDeliveries() throws IOException {
        Map<String, String> failed = new HashMap<>();
        Matcher matcher = FAILED_DELIVERY.matcher(cpra.output());
        while (matcher.find()) {
            failed.put(matcher.group(1), matcher.group(3));
        }
        return failed;
    }

    private Map<String, String> awaitFailedDeliveries(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> failed = failedDeliveries();
            if (failed.size() >= count) {
                return failed;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + count + " failed deliveries within 90 s:\n" + cpra.output());
    }

    private static Set<String> receivedIds(List<JsonObject> received) {
        Set<String> ids = new TreeSet<>();
        received.forEach(a -> ids.add(a.getString("alert_id")));
        return ids;
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
