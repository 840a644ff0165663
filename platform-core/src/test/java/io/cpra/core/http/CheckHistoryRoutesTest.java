package io.cpra.core.http;

import io.cpra.core.storage.HistoryBatch;
import io.cpra.core.storage.HistoryBucket;
import io.cpra.plugin.api.PulseOutcome;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check history routes ({@code /uptime}, {@code /series}, {@code /outcomes} of a monitor and
 * of a group) against a real server on loopback: the exact answers of {@code docs/http-api.md}
 * ("Check history"), their parameters, and the 400 and 404 rules. Buckets are written into the
 * fixture's store by hand, as the history writer would write them; outcomes come from checks the
 * engine runs.
 *
 * <p>The fixture's wall clock stands at 2026-01-01T00:16:40.000Z and never moves.
 */
class CheckHistoryRoutesTest {

    private static final long MINUTE = 60_000L;
    /** 2026-01-01T00:00:00.000Z */
    private static final long MIDNIGHT = ApiFixture.EPOCH.toEpochMilli();

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void close() {
        api.close();
    }

    /** Two minutes of "api", also counted for its group "payments". */
    private void twoMinutesStored() {
        api.apply(plan("api", ApiFixture.ScriptedCheck.passing(), "http", List.of("payments")));
        // 6 checks, 1 failure, 10 ms on average, the slowest 40 ms; latencies 3 ≤ 10 ms, 2 ≤ 25 ms, 1 ≤ 50 ms
        HistoryBucket first = new HistoryBucket(MIDNIGHT + 5 * MINUTE, 6, 1, 60_000, 40_000,
                new long[] {3, 2, 1, 0, 0, 0, 0, 0}, 1);
        // 4 checks, no failure, 5 ms on average, the slowest 8 ms
        HistoryBucket second = new HistoryBucket(MIDNIGHT + 10 * MINUTE, 4, 0, 20_000, 8_000,
                new long[] {4, 0, 0, 0, 0, 0, 0, 0}, 0);
        api.storage.writeHistory(new HistoryBatch()
                .add(HistoryBatch.Scope.MONITOR, "api", first).add(HistoryBatch.Scope.GROUP, "payments", first)
                .add(HistoryBatch.Scope.MONITOR, "api", second).add(HistoryBatch.Scope.GROUP, "payments", second)
                .completeBefore(MIDNIGHT + 11 * MINUTE));
    }

    @Test
    void uptimeOverAnHourSumsTheMinutesWithinIt() {
        twoMinutesStored();

        ApiFixture.Reply reply = api.get("/api/v1/monitors/api/uptime?window=1h");

        assertThat(reply.status()).isEqualTo(200);
        // to: now rounded up to the whole minute; from: an hour before
        assertThat(reply.body()).isEqualTo("{\"monitor\":\"api\",\"window\":\"1h\","
                + "\"from\":\"2025-12-31T23:17:00.000Z\",\"to\":\"2026-01-01T00:17:00.000Z\","
                + "\"checks\":10,\"failures\":1,\"uptime_percent\":90,"
                + "\"latency_avg_ms\":8,\"latency_p95_ms\":40,\"latency_max_ms\":40,"
                + "\"stage_changes\":1}");
    }

    @Test
    void theDefaultWindowIsADayAndHoursReadUnrolledMinutes() {
        twoMinutesStored();

        JsonObject uptime = api.get("/api/v1/monitors/api/uptime").json();

        assertThat(uptime.getString("window")).isEqualTo("24h");
        assertThat(uptime.getString("from")).isEqualTo("2025-12-31T00:17:00.000Z");
        assertThat(uptime.getInt("checks")).isEqualTo(10);
    }

    @Test
    void aWindowWithoutChecksHasNullUptimeAndLatencies() {
        api.apply(plan("quiet", ApiFixture.ScriptedCheck.passing()));

        ApiFixture.Reply reply = api.get("/api/v1/monitors/quiet/uptime?window=7d");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"monitor\":\"quiet\",\"window\":\"7d\","
                + "\"from\":\"2025-12-25T00:17:00.000Z\",\"to\":\"2026-01-01T00:17:00.000Z\","
                + "\"checks\":0,\"failures\":0,\"uptime_percent\":null,"
                + "\"latency_avg_ms\":null,\"latency_p95_ms\":null,\"latency_max_ms\":null,"
                + "\"stage_changes\":0}");
    }

    @Test
    void aSeriesHasEveryStepOldestFirstWithEmptyStepsPresent() {
        twoMinutesStored();

        ApiFixture.Reply reply = api.get("/api/v1/monitors/api/series?window=1h");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject series = reply.json();
        assertThat(series.keySet()).containsExactly("monitor", "window", "step", "step_ms", "from", "to", "points");
        assertThat(series.getString("step")).as("the default step of 1h").isEqualTo("1m");
        assertThat(series.getInt("step_ms")).isEqualTo(60_000);
        assertThat(series.getString("from")).isEqualTo("2025-12-31T23:17:00.000Z");
        assertThat(series.getString("to")).isEqualTo("2026-01-01T00:17:00.000Z");
        JsonArray points = series.getJsonArray("points");
        assertThat(points).hasSize(60);
        assertThat(points.getJsonObject(0).getString("at")).isEqualTo("2025-12-31T23:17:00.000Z");
        assertThat(points.getJsonObject(59).getString("at")).as("the last point holds the current step")
                .isEqualTo("2026-01-01T00:16:00.000Z");
        // 00:05 is the 48th minute after 23:17
        assertThat(points.getJsonObject(48).toString()).isEqualTo("{\"at\":\"2026-01-01T00:05:00.000Z\","
                + "\"checks\":6,\"failures\":1,\"latency_avg_ms\":10,\"latency_p95_ms\":40,"
                + "\"latency_max_ms\":40}");
        assertThat(points.getJsonObject(53).toString()).isEqualTo("{\"at\":\"2026-01-01T00:10:00.000Z\","
                + "\"checks\":4,\"failures\":0,\"latency_avg_ms\":5,\"latency_p95_ms\":8,"
                + "\"latency_max_ms\":8}");
        assertThat(points.getJsonObject(49).toString()).isEqualTo("{\"at\":\"2026-01-01T00:06:00.000Z\","
                + "\"checks\":0,\"failures\":0,\"latency_avg_ms\":null,\"latency_p95_ms\":null,"
                + "\"latency_max_ms\":null}");
    }

    @Test
    void aCoarserStepSumsTheBucketsThatStartWithinIt() {
        twoMinutesStored();

        JsonObject series = api.get("/api/v1/monitors/api/series?window=1h&step=15m").json();

        assertThat(series.getString("from")).as("aligned to whole steps").isEqualTo("2025-12-31T23:30:00.000Z");
        assertThat(series.getString("to")).isEqualTo("2026-01-01T00:30:00.000Z");
        JsonArray points = series.getJsonArray("points");
        assertThat(points).hasSize(4);
        JsonObject last = points.getJsonObject(3);
        assertThat(last.getString("at")).isEqualTo("2026-01-01T00:15:00.000Z");
        assertThat(last.getInt("checks")).isZero();
        JsonObject midnight = points.getJsonObject(2);
        assertThat(midnight.getString("at")).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(midnight.getInt("checks")).isEqualTo(10);
        assertThat(midnight.getInt("failures")).isEqualTo(1);
        assertThat(midnight.getJsonNumber("latency_avg_ms").doubleValue()).isEqualTo(8.0);
        assertThat(midnight.getJsonNumber("latency_max_ms").doubleValue()).isEqualTo(40.0);
    }

    @Test
    void aGroupAnswersTheSameShapeUnderItsOwnKey() {
        twoMinutesStored();

        JsonObject uptime = api.get("/api/v1/groups/payments/uptime?window=1h").json();
        JsonObject series = api.get("/api/v1/groups/payments/series?window=1h&step=5m").json();

        JsonObject monitor = api.get("/api/v1/monitors/api/uptime?window=1h").json();
        assertThat(uptime.getString("group")).isEqualTo("payments");
        assertThat(uptime.keySet()).doesNotContain("monitor");
        assertThat(uptime.toString()).isEqualTo(monitor.toString().replace("\"monitor\":\"api\"", "\"group\":\"payments\""));
        assertThat(series.getString("group")).isEqualTo("payments");
        assertThat(series.getJsonArray("points")).hasSize(12);
    }

    @Test
    void outcomesAreTheLastChecksNewestFirstUpToTheLimit() {
        api.apply(plan("db", new ApiFixture.ScriptedCheck(n -> n == 1
                ? PulseOutcome.critical("connection refused") : PulseOutcome.ok("fine"))));
        runOnce("db", 1);
        runOnce("db", 2);

        JsonObject all = api.get("/api/v1/monitors/db/outcomes").json();
        JsonObject one = api.get("/api/v1/monitors/db/outcomes?limit=1").json();

        assertThat(all.keySet()).containsExactly("monitor", "outcomes");
        assertThat(all.getString("monitor")).isEqualTo("db");
        JsonArray outcomes = all.getJsonArray("outcomes");
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.getJsonObject(0).keySet()).containsExactly("at", "status", "latency_ms", "message");
        assertThat(outcomes.getJsonObject(0).getString("status")).isEqualTo("ok");
        assertThat(outcomes.getJsonObject(0).getString("message")).isEqualTo("fine");
        assertThat(outcomes.getJsonObject(1).getString("status")).isEqualTo("critical");
        assertThat(outcomes.getJsonObject(1).getString("message")).isEqualTo("connection refused");
        // milliseconds to the microsecond at most, never in exponent form
        assertThat(outcomes.getJsonObject(1).getJsonNumber("latency_ms").toString()).matches("\\d+(\\.\\d{1,3})?");
        assertThat(Instant.parse(outcomes.getJsonObject(1).getString("at"))).isNotNull();
        assertThat(one.getJsonArray("outcomes")).containsExactly(outcomes.getJsonObject(0));
    }

    private void runOnce(String name, int calls) {
        assertThat(api.post("/api/v1/monitors/" + name + "/run").status()).isEqualTo(202);
        ApiFixture.await(calls + " outcomes of " + name, () -> api.get("/api/v1/monitors/" + name + "/outcomes")
                .json().getJsonArray("outcomes").size() == calls);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/monitors/api/uptime?window=2h | window: unknown window \"2h\"; expected one of 1h, 24h, 7d, 30d, 90d, 1y",
            "/api/v1/monitors/api/uptime?step=1m | step: unknown parameter; accepted: window",
            "/api/v1/monitors/api/series?step=2m | step: unknown step \"2m\"; expected one of 1m, 5m, 15m, 1h, 6h, 1d",
            "/api/v1/monitors/api/series?window=7d&step=1m | step: step 1m over window 7d makes 10080 points; at most 1500 (try 1h)",
            "/api/v1/monitors/api/series?window=1h&step=1d | step: step 1d over window 1h makes 0 points; at most 1500 (try 1m)",
            "/api/v1/monitors/api/series?window=1h&window=24h | window: given more than once",
            "/api/v1/monitors/api/outcomes?limit=0 | limit: must be a whole number from 1 to 10, got \"0\"",
            "/api/v1/monitors/api/outcomes?limit=11 | limit: must be a whole number from 1 to 10, got \"11\"",
            "/api/v1/monitors/api/outcomes?limit=ten | limit: must be a whole number from 1 to 10, got \"ten\"",
            "/api/v1/groups/payments/series?window=1y&step=1h | step: step 1h over window 1y makes 8760 points; at most 1500 (try 1d)"})
    void aBadParameterIs400NamingIt(String path, String error) {
        twoMinutesStored();

        ApiFixture.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("path"))
                .isEqualTo(error.substring(0, error.indexOf(':')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uptime", "series", "outcomes"})
    void anUnknownMonitorIs404(String route) {
        ApiFixture.Reply reply = api.get("/api/v1/monitors/ghost/" + route);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no monitor named \"ghost\"");
    }

    @Test
    void anUnknownMonitorIs404EvenWithABadParameter() {
        ApiFixture.Reply reply = api.get("/api/v1/monitors/ghost/uptime?window=2h");

        assertThat(reply.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uptime", "series"})
    void aGroupWithoutStoredHistoryIs404(String route) {
        // a monitor of the group exists, but none of its minutes has been written
        api.apply(plan("api", ApiFixture.ScriptedCheck.passing(), "http", List.of("payments")));

        ApiFixture.Reply reply = api.get("/api/v1/groups/payments/" + route);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no history of a group named \"payments\"");
    }

    @Test
    void aMonitorWithoutStoredHistoryAnswersEmpty() {
        api.apply(plan("fresh", ApiFixture.ScriptedCheck.passing()));

        ApiFixture.Reply reply = api.get("/api/v1/monitors/fresh/series?window=24h");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonArray("points")).hasSize(96)
                .allSatisfy(point -> assertThat(point.asJsonObject().getInt("checks")).isZero());
    }
}
