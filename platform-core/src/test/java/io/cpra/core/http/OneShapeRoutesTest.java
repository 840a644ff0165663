package io.cpra.core.http;

import io.cpra.core.OneShape;
import io.cpra.core.engine.CodeRoute;
import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseOutcome;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON answer of the API and every live event follows the one convention
 * ({@link OneShape}): a monitor that fails, opens an incident, raises codes that are delivered and
 * recovers, read through each route and the event stream. (The stored event history's details
 * are walked in {@code StoredEventShapeTest}, where the journal writes them.)
 */
class OneShapeRoutesTest {

    private static final Notifier ACCEPTING = (alert, deadline) -> DeliveryOutcome.delivered("accepted");

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void close() {
        api.close();
    }

    private void runOnce(String name, int outcomes) {
        assertThat(api.post("/api/v1/monitors/" + name + "/run").status()).isEqualTo(202);
        ApiFixture.await(outcomes + " outcomes of " + name, () -> api.get("/api/v1/monitors/" + name + "/outcomes")
                .json().getJsonArray("outcomes").size() == outcomes);
    }

    @Test
    void everyRouteAndEveryLiveEventHasTheOneShape() {
        // fails once, then recovers: red, an incident, then green and the incident closed
        api.apply(plan("db", new ApiFixture.ScriptedCheck(n -> n == 1 ? PulseOutcome.critical("connection refused")
                        : PulseOutcome.ok("fine")), "scripted", List.of("tests"),
                new CodeRoute(Colour.RED, "recording", ACCEPTING, true),
                new CodeRoute(Colour.GREEN, "recording", ACCEPTING, true)));
        api.apply(plan("web", ApiFixture.ScriptedCheck.passing(), "http", List.of("tests")));
        api.storage.writeHistory(new HistoryBatch()
                .add(HistoryBatch.Scope.MONITOR, "db", new HistoryBucket(ApiFixture.EPOCH.toEpochMilli(), 3, 1, 3_450,
                        2_000, new long[] {3, 0, 0, 0, 0, 0, 0, 0}, 2))
                .add(HistoryBatch.Scope.GROUP, "tests", new HistoryBucket(ApiFixture.EPOCH.toEpochMilli(), 3, 1, 3_450,
                        2_000, new long[] {3, 0, 0, 0, 0, 0, 0, 0}, 2)));

        Map<String, JsonObject> live = new HashMap<>();
        try (SseClient stream = new SseClient(api, "", null)) {
            runOnce("db", 1);
            JsonObject failed = api.get("/api/v1/monitors/db").json();
            OneShape.check("a monitor in an incident", failed);
            assertThat(failed.getJsonObject("last_check").getJsonNumber("latency_ms")).isNotNull();
            runOnce("db", 2);
            runOnce("db", 3);
            while (!live.keySet().containsAll(List.of("stage_changed", "incident_opened", "incident_closed",
                    "code_raised", "delivery"))) {
                SseClient.Frame frame = stream.nextEvent();
                live.putIfAbsent(frame.event(), frame.json());
                OneShape.check("the live " + frame.event() + " event", frame.json());
            }
        }
        assertThat(live.get("incident_closed").getJsonNumber("lasted_ms")).isNotNull();
        assertThat(live.get("code_raised").getString("status")).isIn("degraded", "critical", "recovered");

        for (String route : List.of("/api/v1/monitors/db", "/api/v1/monitors/web", "/api/v1/monitors?limit=10",
                "/api/v1/summary", "/api/v1/monitors/db/outcomes", "/api/v1/monitors/db/uptime?window=1h",
                "/api/v1/monitors/db/series?window=1h", "/api/v1/groups/tests/uptime",
                "/api/v1/groups/tests/series?window=7d", "/api/v1/incidents", "/api/v1/events/history",
                "/api/v1/outbox", "/api/v1/plugins")) {
            ApiFixture.Reply reply = api.get(route);
            assertThat(reply.status()).as(route).isEqualTo(200);
            OneShape.check(route, reply.json());
        }
        JsonObject view = api.get("/api/v1/monitors/db").json();
        assertThat(view.getJsonNumber("interval_ms").longValue()).isEqualTo(60_000);
        assertThat(view.getJsonArray("recent_outcomes").getJsonObject(0).getJsonNumber("latency_ms")).isNotNull();
        JsonObject pool = api.get("/api/v1/summary").json().getJsonArray("pools").getJsonObject(0);
        assertThat(pool.getJsonObject("lateness").keySet()).containsExactly("p50_ms", "p99_ms", "max_ms");
    }
}
