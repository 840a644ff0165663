package io.cpra.core.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/summary} against a real engine: counts by stage and colour, holds, checks and pipelines. */
class SummaryRouteTest {

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void countsFollowTheMonitorsStagesColoursAndHolds() {
        api.apply(plan("web", ApiFixture.ScriptedCheck.passing()), plan("db", ApiFixture.ScriptedCheck.failing()),
                plan("queue", ApiFixture.ScriptedCheck.passing()));
        assertThat(api.post("/api/v1/monitors/db/run").status()).isEqualTo(202);
        ApiFixture.await("db's incident", () -> api.get("/api/v1/summary").json().getInt("open_incidents") == 1);
        assertThat(api.post("/api/v1/monitors/queue/pause").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/monitors/web/maintenance").status()).isEqualTo(200);

        ApiFixture.Reply reply = api.get("/api/v1/summary");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject summary = reply.json();
        assertThat(summary.getInt("monitors")).isEqualTo(3);
        assertThat(summary.getJsonObject("stages")).isEqualTo(jakarta.json.Json.createObjectBuilder()
                .add("healthy", 1).add("failing", 0).add("intervening", 0).add("verifying", 0)
                .add("incident", 1).add("maintenance", 1).add("unreachable", 0).build());
        assertThat(summary.getJsonObject("colours")).isEqualTo(jakarta.json.Json.createObjectBuilder()
                .add("yellow", 0).add("red", 1).add("cyan", 0).add("green", 1).add("gray", 1).add("purple", 0).build());
        assertThat(summary.getJsonObject("held").getInt("paused")).isEqualTo(1);
        assertThat(summary.getJsonObject("held").getInt("disabled")).isZero();
        assertThat(summary.getJsonObject("checks").getInt("finished")).isEqualTo(1);
        List<String> pools = summary.getJsonArray("pools").getValuesAs(JsonValue::asJsonObject).stream()
                .map(pool -> pool.getString("name")).toList();
        assertThat(pools).containsExactly("pulse", "intervention", "code");
        JsonObject pulse = summary.getJsonArray("pools").getJsonObject(0);
        assertThat(pulse.keySet()).containsExactlyInAnyOrder("name", "queue_depth", "in_flight", "limit", "completed",
                "abandoned", "need", "room", "limited_by", "lateness");
        assertThat(pulse.getString("limited_by")).isEqualTo("demand");
        JsonObject pipeline = summary.getJsonObject("pulse_pipeline");
        assertThat(pipeline.keySet()).containsExactlyInAnyOrder("state", "waiting", "oldest_waiting_ms", "overdue_monitors",
                "destinations_sharing");
        assertThat(pipeline.getString("state")).isEqualTo("keeping_up");
        assertThat(pipeline.getInt("overdue_monitors")).isZero();
        assertThat(summary.getJsonObject("engine").getInt("faults")).isZero();
        assertThat(pulse.getInt("completed")).isEqualTo(1);
        assertThat(pulse.getInt("limit")).isPositive();
        assertThat(pulse.getJsonObject("lateness").keySet()).containsExactly("p50_ms", "p99_ms", "max_ms");
    }
}
