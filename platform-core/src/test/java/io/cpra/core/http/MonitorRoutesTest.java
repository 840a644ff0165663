package io.cpra.core.http;

import io.cpra.plugin.api.PulseOutcome;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** The monitor routes against a real engine: the view field by field, and the operator's holds. */
class MonitorRoutesTest {

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void close() {
        api.close();
    }

    private Instant now() {
        return api.wall.instant();
    }

    @Test
    void aMonitorsViewHasEveryFieldOfTheEnginesState() {
        api.apply(plan("web-1", ApiFixture.ScriptedCheck.passing(), "http", List.of("edge", "eu")));

        ApiFixture.Reply reply = api.get("/api/v1/monitors/web-1");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject view = reply.json();
        assertThat(view.keySet()).containsExactlyInAnyOrder("name", "type", "interval_ms", "groups", "depends_on", "notify_groups", "enabled", "paused",
                "stage", "colour", "consecutive_failures", "success_streak", "intervention_attempts", "verify_remaining",
                "incident_id", "last_check", "last_run", "overdue", "check_running", "next_due", "maintenance_until",
                "intervention_held_by",
                "origin", "definition",
                "recent_outcomes", "open_incident");
        assertThat(view.getString("name")).isEqualTo("web-1");
        assertThat(view.getString("type")).isEqualTo("http");
        assertThat(view.getInt("interval_ms")).isEqualTo(60_000);
        assertThat(view.getJsonArray("groups").getValuesAs(JsonValue::toString)).containsExactly("\"edge\"", "\"eu\"");
        assertThat(view.getBoolean("enabled")).isTrue();
        assertThat(view.getBoolean("paused")).isFalse();
        assertThat(view.getString("stage")).isEqualTo("healthy");
        assertThat(view.getString("colour")).isEqualTo("green");
        assertThat(view.getInt("consecutive_failures")).isZero();
        assertThat(view.getInt("success_streak")).isZero();
        assertThat(view.getInt("intervention_attempts")).isZero();
        assertThat(view.getInt("verify_remaining")).isZero();
        assertThat(view.isNull("incident_id")).isTrue();
        assertThat(view.isNull("last_check")).isTrue();
        assertThat(view.isNull("last_run")).as("no check has started yet").isTrue();
        assertThat(view.getBoolean("overdue")).isFalse();
        assertThat(view.getBoolean("check_running")).isFalse();
        // the first check is spread over the first interval
        assertThat(Instant.parse(view.getString("next_due"))).isBetween(now(), now().plusSeconds(60));
        assertThat(view.isNull("maintenance_until")).isTrue();
        assertThat(view.getString("origin")).isEqualTo("manifest");
        // the fixture's manifest file does not define it: a plan applied by hand
        assertThat(view.isNull("definition")).isTrue();
        assertThat(view.getJsonArray("recent_outcomes")).isEmpty();
        assertThat(view.isNull("open_incident")).isTrue();
    }

    @Test
    void aCheckRunNowMovesTheLifecycleAndShowsInTheView() {
        api.apply(plan("db", ApiFixture.ScriptedCheck.failing()));

        ApiFixture.Reply run = api.post("/api/v1/monitors/db/run");
        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json()).isEqualTo(jakarta.json.Json.createObjectBuilder()
                .add("monitor", "db").add("check", "started").build());

        ApiFixture.await("the check's outcome", () -> !api.get("/api/v1/monitors/db").json().isNull("last_check"));
        JsonObject view = api.get("/api/v1/monitors/db").json();
        assertThat(view.getString("stage")).isEqualTo("incident");
        assertThat(view.getString("colour")).isEqualTo("red");
        assertThat(view.getInt("consecutive_failures")).isEqualTo(1);
        assertThat(view.getJsonNumber("incident_id").longValue()).isPositive();
        assertThat(view.getJsonObject("last_check").getString("status")).isEqualTo("critical");
        assertThat(view.getJsonObject("last_check").getJsonNumber("latency_ms").toString()).matches("\\d+(\\.\\d{1,3})?");
        // the check started at the fixture's time, to the engine's tenth of a second
        assertThat(Instant.parse(view.getString("last_run"))).isBetween(now().minusMillis(200), now());
        JsonObject outcome = view.getJsonArray("recent_outcomes").getJsonObject(0);
        assertThat(view.getJsonArray("recent_outcomes")).hasSize(1);
        assertThat(outcome.getString("status")).isEqualTo("critical");
        assertThat(outcome.getString("message")).isEqualTo("connection refused");
        assertThat(Instant.parse(outcome.getString("at"))).isEqualTo(now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        // no journal runs here, so storage has not heard of the incident: only its id and route
        assertThat(view.getJsonObject("open_incident")).isEqualTo(jakarta.json.Json.createObjectBuilder()
                .add("id", view.getJsonNumber("incident_id").longValue())
                .add("timeline", "/api/v1/incidents/" + view.getJsonNumber("incident_id").longValue()).build());
    }

    @Test
    void aSecondRunWhileOneIsInFlightIsAConflict() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        api.apply(plan("slow", new ApiFixture.ScriptedCheck(n -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PulseOutcome.ok("done");
        })));

        assertThat(api.post("/api/v1/monitors/slow/run").status()).isEqualTo(202);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        ApiFixture.Reply conflict = api.post("/api/v1/monitors/slow/run");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.error()).isEqualTo("a check of \"slow\" is already running or waiting to start");
        assertThat(api.get("/api/v1/monitors/slow").json().getBoolean("check_running")).isTrue();

        release.countDown();
        ApiFixture.await("the check to finish", () -> !api.get("/api/v1/monitors/slow").json().getBoolean("check_running"));
        assertThat(api.post("/api/v1/monitors/slow/run").status()).isEqualTo(202);
    }

    @Test
    void pauseStopsTheScheduleAndResumeRestoresIt() {
        api.apply(plan("cache", ApiFixture.ScriptedCheck.passing()));

        ApiFixture.Reply paused = api.post("/api/v1/monitors/cache/pause");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().getBoolean("paused")).isTrue();
        assertThat(paused.json().isNull("next_due")).isTrue();
        assertThat(api.post("/api/v1/monitors/cache/pause").json().getBoolean("paused")).as("idempotent").isTrue();

        ApiFixture.Reply resumed = api.post("/api/v1/monitors/cache/resume");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().getBoolean("paused")).isFalse();
        assertThat(resumed.json().isNull("next_due")).isFalse();
    }

    @Test
    void maintenanceForALengthUntilAnInstantOrUntilLeft() {
        api.apply(plan("queue", ApiFixture.ScriptedCheck.passing()));

        JsonObject forTwoHours = api.post("/api/v1/monitors/queue/maintenance", "{\"for\": \"2h\"}").json();
        assertThat(forTwoHours.getString("stage")).isEqualTo("maintenance");
        assertThat(Instant.parse(forTwoHours.getString("maintenance_until"))).isEqualTo(now().plus(Duration.ofHours(2)));
        assertThat(forTwoHours.isNull("next_due")).isTrue();

        Instant until = now().plus(Duration.ofDays(1));
        JsonObject untilTomorrow = api.post("/api/v1/monitors/queue/maintenance", "{\"until\": \"" + until + "\"}").json();
        assertThat(Instant.parse(untilTomorrow.getString("maintenance_until"))).isEqualTo(until);

        ApiFixture.Reply left = api.send("DELETE", "/api/v1/monitors/queue/maintenance", ApiFixture.TOKEN, null);
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().getString("stage")).isEqualTo("healthy");
        assertThat(left.json().isNull("maintenance_until")).isTrue();

        JsonObject openEnded = api.post("/api/v1/monitors/queue/maintenance").json();
        assertThat(openEnded.getString("stage")).isEqualTo("maintenance");
        assertThat(openEnded.isNull("maintenance_until")).isTrue();
        JsonObject blankBody = api.post("/api/v1/monitors/queue/maintenance", " \n").json();
        assertThat(blankBody.getString("stage")).isEqualTo("maintenance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"for": "2h", "until": "2030-01-01T00:00:00Z"} | give either until or for, not both               |
            {"from": "now"}                               | from: unknown key; accepted: until, for          | from
            {"for": "2 weeks"}                            | for: "2 weeks" is not a duration: unknown unit " weeks" (use ns, us, ms, s, m, h or d) | for
            {"for": "-5m"}                                | for: must be longer than 0s and at most 3650d    | for
            {"for": 7200}                                 | for: must be a string: a duration such as 2h or 30m | for
            {"until": "tomorrow"}                         | until: not an ISO-8601 instant such as 2026-01-02T03:04:05Z | until
            {"until": "2020-01-01T00:00:00Z"}             | until: must be in the future and at most 3650 days (3650d) ahead: from 2026-01-01T00:16:40Z to 2035-12-30T00:16:40Z | until
            """)
    void aBadMaintenanceBodyIsRefusedNamingTheKey(String body, String error, String path) {
        api.apply(plan("queue", ApiFixture.ScriptedCheck.passing()));

        ApiFixture.Reply reply = api.post("/api/v1/monitors/queue/maintenance", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(error);
        if (path != null) {
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo(path);
        }
        assertThat(api.get("/api/v1/monitors/queue").json().getString("stage")).isEqualTo("healthy");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, ''",
            "POST, /pause",
            "POST, /resume",
            "POST, /maintenance",
            "DELETE, /maintenance",
            "POST, /run"})
    void anUnknownMonitorIs404OnEveryRoute(String method, String suffix) {
        ApiFixture.Reply reply = api.send(method, "/api/v1/monitors/ghost" + suffix, ApiFixture.TOKEN, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no monitor named \"ghost\"");
    }

    @Test
    void aNameWithASlashTravelsPercentEncodedInOneSegment() {
        api.apply(plan("edge/eu-1", ApiFixture.ScriptedCheck.passing()), plan("a b", ApiFixture.ScriptedCheck.passing()));

        assertThat(api.get("/api/v1/monitors/edge%2Feu-1").json().getString("name")).isEqualTo("edge/eu-1");
        assertThat(api.post("/api/v1/monitors/edge%2Feu-1/pause").json().getBoolean("paused")).isTrue();
        assertThat(api.get("/api/v1/monitors/a%20b").json().getString("name")).isEqualTo("a b");
        ApiFixture.Reply unencoded = api.get("/api/v1/monitors/edge/eu-1");
        assertThat(unencoded.status()).isEqualTo(404);
        assertThat(unencoded.error()).isEqualTo("no such route: GET /api/v1/monitors/edge/eu-1");
    }

    @Test
    void aRouteWithoutParametersRefusesAnyQueryParameter() {
        api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));

        ApiFixture.Reply reply = api.get("/api/v1/monitors/web?verbose=true");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("verbose: unknown parameter; this route takes none");
    }
}
