package io.cpra.core.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.cpra.core.http.ApiFixture.TOKEN;
import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Edge cases of API input that used to be taken wrongly: each is refused with 400 naming what is wrong. */
class ApiEdgesTest {

    ApiFixture api;

    @BeforeEach
    void setUp() {
        api = ApiFixture.withToken();
        api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private static String monitor(String name, String extra) {
        return """
                {"name": "%s", %s "pulse_check": {"type": "flag", "interval": "1m", "config": {"up": true}}}"""
                .formatted(name, extra);
    }

    @Test
    void aWholeNumberBeyond64BitsIsRefusedNotWrapped() {
        // 2^64 + 1 wrapped to 1 before
        ApiFixture.Reply reply = api.post("/api/v1/monitors", """
                {"name": "big", "pulse_check": {"type": "flag", "interval": "1m", "unhealthy_threshold": 18446744073709551617,
                 "config": {"up": true}}}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("path")).contains("unhealthy_threshold");
        assertThat(api.get("/api/v1/monitors/big").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void anInstantOutsideTheStoresRangeIsA400WithTheRange(String since) {
        ApiFixture.Reply reply = api.get("/api/v1/events/history?since=" + since.replace("+", "%2B"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("since");
        assertThat(reply.body()).contains("0001-01-01T00:00:00Z").contains("9999-12-31T23:59:59Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void pathStepsAreNotNames(String name) {
        ApiFixture.Reply created = api.post("/api/v1/monitors", monitor(name, ""));
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("name");

        ApiFixture.Reply replaced = api.send("PUT", "/api/v1/monitors/" + name.replace(".", "%2E"), TOKEN, monitor(name, ""));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(400);
    }

    @Test
    void aFarMaintenanceEndIsA400WithTheAllowedRange() {
        ApiFixture.Reply far = api.post("/api/v1/monitors/web/maintenance", "{\"until\": \"+999999999-12-31T23:59:59Z\"}");
        assertThat(far.status()).as(far.body()).isEqualTo(400);
        assertThat(far.body()).contains("at most 3650 days");

        ApiFixture.Reply later = api.post("/api/v1/monitors/web/maintenance", "{\"until\": \"3000-01-01T00:00:00Z\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(400);
        assertThat(api.post("/api/v1/monitors/web/maintenance", "{\"for\": \"100000d\"}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors/web").json().getString("stage")).isEqualTo("healthy");

        assertThat(api.post("/api/v1/monitors/web/maintenance", "{\"for\": \"3650d\"}").status()).isEqualTo(200);
    }

    @Test
    void routesThatTakeNoBodyRefuseOne() {
        ApiFixture.Reply reload = api.post("/api/v1/manifest/reload", "monitors:\n  - name: sneaky\n");
        assertThat(reload.status()).as(reload.body()).isEqualTo(400);
        assertThat(reload.error()).contains("takes no body");
        assertThat(api.post("/api/v1/monitors/web/pause", "{\"paused\": false}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors/web").json().getBoolean("paused")).isFalse();
        assertThat(api.post("/api/v1/monitors/web/pause", " \n").status()).as("whitespace is no body").isEqualTo(200);
    }

    @Test
    void aPausedFailingMonitorLeavingMaintenanceStaysPausedAndFailing() {
        // three failures open an incident: one leaves the monitor failing
        io.cpra.core.engine.MonitorSpec spec = new io.cpra.core.engine.MonitorSpec("scripted", 60 * ApiFixture.SECOND,
                5 * ApiFixture.SECOND, io.cpra.core.engine.lifecycle.Policy.builder().unhealthyThreshold(3).build(), null,
                java.util.List.of(), java.util.List.of("tests"));
        api.apply(new io.cpra.core.engine.MonitorPlan("down", true, ApiFixture.ScriptedCheck.failing(), spec, 1));
        assertThat(api.post("/api/v1/monitors/down/run").status()).isEqualTo(202);
        ApiFixture.await("the failed check", () -> api.get("/api/v1/monitors/down").json().getString("stage").equals("failing"));
        assertThat(api.post("/api/v1/monitors/down/pause").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/monitors/down/maintenance").json().getString("stage")).isEqualTo("maintenance");

        var left = api.send("DELETE", "/api/v1/monitors/down/maintenance", TOKEN, null).json();

        assertThat(left.getBoolean("paused")).isTrue();
        assertThat(left.getString("stage")).isEqualTo("failing");
        assertThat(left.getString("colour")).isNotEqualTo("green");
        assertThat(left.getInt("consecutive_failures")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge\\r\\nBcc: someone@example.com", "edge\\u0000", "a\\nb"})
    void groupNamesWithControlCharactersAreRefused(String group) {
        ApiFixture.Reply reply = api.post("/api/v1/monitors", monitor("grouped", "\"groups\": [\"ok\", \"" + group + "\"],"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("groups[1]");
        assertThat(api.get("/api/v1/monitors/grouped").status()).isEqualTo(404);
    }
}
