package io.cpra.core.http;

import io.cpra.core.engine.CodeRoute;
import io.cpra.core.engine.EngineEvent;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/events}: a real engine's events over a real SSE connection. */
class EventStreamTest {

    private static final Notifier ACCEPTING = (alert, deadline) -> DeliveryOutcome.delivered("accepted");

    private static CodeRoute red() {
        return new CodeRoute(Colour.RED, "recording", ACCEPTING, true);
    }

    private static void failing(ApiFixture api, String... names) {
        for (String name : names) {
            api.apply(plan(name, ApiFixture.ScriptedCheck.failing(), "scripted", List.of("tests"), red()));
        }
    }

    /** Events of one stream by kind, read until every wanted kind arrived. */
    private static Map<String, JsonObject> collect(SseClient stream, String... kinds) {
        Map<String, JsonObject> seen = new HashMap<>();
        while (!seen.keySet().containsAll(List.of(kinds))) {
            SseClient.Frame frame = stream.nextEvent();
            JsonObject data = frame.json();
            assertThat(data.getString("kind")).isEqualTo(frame.event());
            String key = frame.event().equals(EventJson.CODE_RAISED) ? "code_raised:" + data.getString("colour") : frame.event();
            seen.putIfAbsent(key, data);
        }
        return seen;
    }

    @Test
    void aFailingMonitorsStageChangeCodeAndDeliveryArriveAsJson() {
        try (ApiFixture api = ApiFixture.withToken()) {
            failing(api, "db");
            try (SseClient stream = new SseClient(api, "?monitor=db", null)) {
                assertThat(api.post("/api/v1/monitors/db/run").status()).isEqualTo(202);

                Map<String, JsonObject> events = collect(stream, "stage_changed", "incident_opened", "code_raised:red",
                        "delivery");

                JsonObject stage = events.get("stage_changed");
                assertThat(stage.keySet()).containsExactlyInAnyOrder("kind", "at", "monitor", "from", "to", "incident_id", "cause");
                assertThat(stage.getString("monitor")).isEqualTo("db");
                assertThat(stage.getString("from")).isEqualTo("healthy");
                assertThat(stage.getString("to")).isEqualTo("incident");
                assertThat(Instant.parse(stage.getString("at"))).isEqualTo(api.wall.instant());
                long incident = stage.getJsonNumber("incident_id").longValue();
                assertThat(incident).isPositive();

                assertThat(events.get("incident_opened").getJsonNumber("incident_id").longValue()).isEqualTo(incident);
                assertThat(events.get("incident_opened").getString("cause")).contains("connection refused");

                JsonObject code = events.get("code_raised:red");
                assertThat(code.getString("status")).isEqualTo("critical");
                assertThat(code.getString("alert_id")).isNotBlank();
                assertThat(code.getJsonNumber("incident_id").longValue()).isEqualTo(incident);
                assertThat(code.getBoolean("suppressed")).isFalse();
                assertThat(code.getBoolean("dispatched")).isTrue();
                assertThat(code.getString("notifier")).isEqualTo("recording");
                assertThat(code.getString("summary")).isNotBlank();

                JsonObject delivery = events.get("delivery");
                assertThat(delivery.getString("alert_id")).isEqualTo(code.getString("alert_id"));
                assertThat(delivery.getString("colour")).isEqualTo("red");
                assertThat(delivery.getBoolean("delivered")).isTrue();
                assertThat(delivery.getBoolean("dead_lettered")).isFalse();
                assertThat(delivery.isNull("next_attempt")).isTrue();
                assertThat(delivery.getInt("attempt")).isEqualTo(1);
            }
        }
    }

    @Test
    void filtersByMonitorColourAndKindLetNothingElseThrough() {
        try (ApiFixture api = ApiFixture.withToken()) {
            failing(api, "other", "db", "z");
            try (SseClient byMonitor = new SseClient(api, "?monitor=db", null);
                 SseClient redCodes = new SseClient(api, "?colour=red&kind=code_raised", null);
                 SseClient otherStages = new SseClient(api, "?monitor=other,nobody&kind=stage_changed", null)) {
                // each step's events are all published before the next step starts, in order
                api.post("/api/v1/monitors/other/run");
                assertThat(otherStages.nextEvent().json().getString("to")).isEqualTo("incident");
                api.post("/api/v1/monitors/db/run");
                assertThat(byMonitor.nextEvent().json().getString("monitor")).isEqualTo("db");
                api.post("/api/v1/monitors/other/maintenance");
                api.post("/api/v1/monitors/z/run");

                List<String> reds = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    SseClient.Frame frame = redCodes.nextEvent();
                    assertThat(frame.event()).isEqualTo("code_raised");
                    assertThat(frame.json().getString("colour")).isEqualTo("red");
                    reds.add(frame.json().getString("monitor"));
                }
                assertThat(reds).containsExactly("other", "db", "z");

                // db's and z's stage changes came in between and were left out
                JsonObject maintenance = otherStages.nextEvent().json();
                assertThat(maintenance.getString("monitor")).isEqualTo("other");
                assertThat(maintenance.getString("from")).isEqualTo("incident");
                assertThat(maintenance.getString("to")).isEqualTo("maintenance");

                for (int i = 0; i < 3; i++) {
                    assertThat(byMonitor.nextEvent().json().getString("monitor")).isEqualTo("db");
                }
            }
        }
    }

    @Test
    void badFiltersAreRefusedBeforeTheStreamOpens() {
        try (ApiFixture api = ApiFixture.withToken()) {
            ApiFixture.Reply colour = api.get("/api/v1/events?colour=purple");
            ApiFixture.Reply kind = api.get("/api/v1/events?kind=stage_changed,explosion");
            ApiFixture.Reply unknown = api.get("/api/v1/events?since=yesterday");

            assertThat(colour.status()).isEqualTo(400);
            assertThat(colour.error()).isEqualTo("colour: unknown colour \"purple\"; expected one of yellow, red, cyan, green, gray");
            assertThat(kind.status()).isEqualTo(400);
            assertThat(kind.error()).startsWith("kind: unknown kind \"explosion\"; expected one of stage_changed,");
            assertThat(unknown.error()).isEqualTo("since: unknown parameter; accepted: colour, kind, monitor");
            assertThat(api.api.hub().subscribers()).isZero();
        }
    }

    @Test
    void aQuietStreamSendsHeartbeatsAndADepartedClientIsForgotten() throws InterruptedException {
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults(), b -> b.heartbeat(Duration.ofMillis(50)))) {
            SseClient stream = new SseClient(api, "", null);
            assertThat(stream.next().comment()).isEqualTo("heartbeat");
            assertThat(stream.next().comment()).isEqualTo("heartbeat");
            assertThat(api.api.hub().subscribers()).isEqualTo(1);

            stream.close();

            ApiFixture.await("the server to notice the client left", () -> api.api.hub().subscribers() == 0);
        }
    }

    @Test
    void closingTheApiEndsEveryStream() throws InterruptedException {
        try (ApiFixture api = ApiFixture.withToken()) {
            SseClient stream = new SseClient(api, "", null);

            api.api.close();

            assertThat(stream.awaitEnd(Duration.ofSeconds(10))).contains(EventHub.STOPPING);
            assertThat(api.get("/api/v1/events").status()).isEqualTo(503);
        }
    }

    /**
     * A client that stops reading fills the socket buffers, then its queue, and is dropped; the
     * bus and a client that keeps reading see every event meanwhile.
     */
    @Test
    void aSubscriberThatStopsReadingIsDroppedWithoutHoldingTheOthers() throws IOException, InterruptedException {
        int buffer = 64;
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults(), b -> b.buffer(buffer));
             Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", api.server.port()));
            slow.setSoTimeout(10_000);
            OutputStream request = slow.getOutputStream();
            request.write(("GET " + EventsResource.PATH + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream slowIn = slow.getInputStream();
            readUntil(slowIn, ": connected");
            try (SseClient fast = new SseClient(api, "", null)) {
                String cause = "x".repeat(64 * 1024);
                int total = 400;
                for (int id = 1; id <= total; id++) {
                    api.bus.publish(new EngineEvent.IncidentOpened(api.wall.instant(), "m", id, cause, java.util.List.of()));
                    if (id % 50 == 0) {
                        // the fast client keeps up: it never has more than 50 events outstanding
                        for (int expected = id - 49; expected <= id; expected++) {
                            assertThat(fast.nextEvent().json().getJsonNumber("incident_id").longValue()).isEqualTo(expected);
                        }
                    }
                }
                assertThat(api.api.hub().dropped()).isEqualTo(1);
                assertThat(api.api.hub().subscribers()).isEqualTo(1);
            }
            // the slow client, reading at last, finds the notice at the end of its response
            String tail = readToEnd(slowIn);
            assertThat(tail).contains(": " + String.format(EventHub.FELL_BEHIND, buffer));
            assertThat(api.bus.dropped()).isZero();
        }
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            int b = in.read();
            assertThat(b).as("the stream ended before " + marker).isNotNegative();
            seen.write(b);
        }
    }

    /** Reads until the response's last chunk, keeping only the last 4 KiB. */
    private static String readToEnd(InputStream in) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        String tail = "";
        while (!tail.endsWith("\r\n0\r\n\r\n")) {
            int n = in.read(chunk);
            assertThat(n).as("the connection closed before the response ended").isPositive();
            String joined = tail + new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
            tail = joined.length() > 4096 ? joined.substring(joined.length() - 4096) : joined;
        }
        return tail;
    }
}
