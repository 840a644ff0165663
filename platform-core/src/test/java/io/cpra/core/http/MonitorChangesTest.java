package io.cpra.core.http;

import io.cpra.core.storage.MonitorHold;
import io.cpra.core.storage.StoredMonitor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitors created, replaced and deleted through the API, and the operator's holds, on both
 * stores: what each answers, what storage holds afterwards, and that a refused change leaves
 * neither storage nor the engine touched.
 */
class MonitorChangesTest {

    private static final String FLAG = """
            {"name": "shop", "groups": ["edge"],
             "pulse_check": {"type": "flag", "interval": "30s", "timeout": "2s", "config": {"up": true}}}""";

    private ApiFixture api;

    static Stream<String> stores() {
        return Stores.kinds();
    }

    private ApiFixture open(String store) {
        return open(store, false);
    }

    private ApiFixture open(String store, boolean allowCommands) {
        api = new ApiFixture(io.cpra.core.http.ApiSettings.defaults().withToken(ApiFixture.TOKEN), allowCommands,
                Stores.of(store), builder -> { });
        return api;
    }

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    private Map<String, StoredMonitor> stored() {
        return api.storage.monitors().stream().collect(Collectors.toMap(StoredMonitor::name, Function.identity()));
    }

    private ApiFixture.Reply send(String method, String path, String body) {
        return api.send(method, path, ApiFixture.TOKEN, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aCreatedMonitorIsStoredRunningAndShownInNormalisedForm(String store) {
        open(store);

        ApiFixture.Reply created = send("POST", "/api/v1/monitors", FLAG);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/monitors/shop");
        JsonObject detail = created.json();
        assertThat(detail.getString("name")).isEqualTo("shop");
        assertThat(detail.getString("origin")).isEqualTo("api");
        assertThat(detail.getString("type")).isEqualTo("flag");
        assertThat(detail.getInt("interval_ms")).isEqualTo(30_000);
        JsonObject pulse = detail.getJsonObject("definition").getJsonObject("pulse");
        assertThat(pulse.getString("type")).isEqualTo("flag");
        assertThat(pulse.getString("timeout")).isEqualTo("2s");
        // defaults filled in, as the manifest would
        assertThat(pulse.getInt("unhealthy_threshold")).isPositive();
        assertThat(detail.getJsonObject("definition").getBoolean("enabled")).isTrue();

        assertThat(stored()).containsOnlyKeys("shop");
        assertThat(stored().get("shop").definition()).contains("\"type\":\"flag\"");
        assertThat(api.get("/api/v1/monitors/shop").json().getJsonObject("definition"))
                .isEqualTo(detail.getJsonObject("definition"));
        assertThat(api.get("/api/v1/monitors?prefix=sho").json().getJsonArray("monitors")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anInvalidMonitorGetsEveryProblemByKeyPathAndChangesNothing(String store) {
        open(store);

        ApiFixture.Reply refused = send("POST", "/api/v1/monitors", """
                {"name": "bad", "colour": "blue",
                 "pulse_check": {"type": "flag", "interval": "0s", "timeout": "2s", "config": {"up": "maybe", "port": 1}},
                 "codes": {"purple": {"notify": "log"}}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("the monitor has " + refused.json().getJsonArray("errors").size() + " problems");
        Map<String, String> problems = refused.json().getJsonArray("errors").getValuesAs(JsonValue::asJsonObject).stream()
                .collect(Collectors.toMap(e -> e.getString("path"), e -> e.getString("message"), (a, b) -> a + "; " + b));
        assertThat(problems).containsKeys("colour", "pulse_check.interval", "pulse_check.config.up",
                "pulse_check.config.port", "codes.purple");
        assertThat(stored()).isEmpty();
        assertThat(api.get("/api/v1/monitors/bad").status()).isEqualTo(404);

        ApiFixture.Reply unknownType = send("POST", "/api/v1/monitors", """
                {"name": "bad", "pulse_check": {"type": "gopher", "interval": "10s"}}""");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("pulse_check.type");
        assertThat(unknownType.json().getJsonArray("errors").getJsonObject(0).getString("message")).contains("gopher");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aMonitorThatRunsALocalProgramNeedsTheSettingThatAllowsIt(String store) {
        String command = """
                {"name": "disk", "pulse_check": {"type": "command", "interval": "1m", "config": {"path": "/usr/lib/nagios/plugins/check_disk"}}}""";
        open(store);
        ApiFixture.Reply refused = send("POST", "/api/v1/monitors", command);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).contains("pulse command").contains("cpra.api.allow-commands");
        assertThat(stored()).isEmpty();
        api.close();

        open(store, true);
        assertThat(send("POST", "/api/v1/monitors", command).status()).isEqualTo(201);
        assertThat(stored()).containsOnlyKeys("disk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theManifestOwnsItsMonitorsAndANameIsCreatedOnce(String store) {
        open(store);
        api.apply(plan("from-file", ApiFixture.ScriptedCheck.passing()));
        assertThat(send("POST", "/api/v1/monitors", FLAG).status()).isEqualTo(201);

        ApiFixture.Reply again = send("POST", "/api/v1/monitors", FLAG);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("shop exists; replace it with PUT /api/v1/monitors/shop");

        String overManifest = FLAG.replace("\"shop\"", "\"from-file\"");
        for (ApiFixture.Reply reply : List.of(send("POST", "/api/v1/monitors", overManifest),
                send("PUT", "/api/v1/monitors/from-file", overManifest),
                send("DELETE", "/api/v1/monitors/from-file", null))) {
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.error()).startsWith("from-file is defined in ").endsWith("; change it there");
        }
        assertThat(api.get("/api/v1/monitors/from-file").json().getString("origin")).isEqualTo("manifest");
        assertThat(stored()).containsOnlyKeys("shop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void replaceChangesTheStoredDefinitionOrCreatesAndDeleteRemovesIt(String store) {
        open(store);
        assertThat(send("POST", "/api/v1/monitors", FLAG).status()).isEqualTo(201);

        ApiFixture.Reply replaced = send("PUT", "/api/v1/monitors/shop", FLAG.replace("30s", "45s"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().getInt("interval_ms")).isEqualTo(45_000);
        assertThat(stored().get("shop").definition()).contains("\"interval\":\"45s\"");

        ApiFixture.Reply fresh = send("PUT", "/api/v1/monitors/cart", """
                {"pulse_check": {"type": "flag", "interval": "10s"}}""");
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(201);
        assertThat(stored()).containsOnlyKeys("shop", "cart");

        ApiFixture.Reply mismatch = send("PUT", "/api/v1/monitors/cart", FLAG);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().getJsonArray("errors").getJsonObject(0).getString("path")).isEqualTo("name");

        ApiFixture.Reply deleted = send("DELETE", "/api/v1/monitors/shop", null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.get("/api/v1/monitors/shop").status()).isEqualTo(404);
        assertThat(stored()).containsOnlyKeys("cart");
        assertThat(send("DELETE", "/api/v1/monitors/shop", null).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void pauseAndMaintenanceAreStoredBeforeTheyAnswer(String store) {
        open(store);
        api.apply(plan("db", ApiFixture.ScriptedCheck.passing()));

        assertThat(send("POST", "/api/v1/monitors/db/pause", null).json().getBoolean("paused")).isTrue();
        assertThat(api.storage.holds()).singleElement().satisfies(hold -> {
            assertThat(hold.name()).isEqualTo("db");
            assertThat(hold.paused()).isTrue();
            assertThat(hold.maintenance()).isFalse();
        });

        Instant until = api.wall.instant().plusSeconds(3600);
        JsonObject gray = send("POST", "/api/v1/monitors/db/maintenance", "{\"until\": \"" + until + "\"}").json();
        assertThat(gray.getString("stage")).isEqualTo("maintenance");
        MonitorHold hold = api.storage.holds().getFirst();
        assertThat(hold.paused()).isTrue();
        assertThat(hold.maintenance()).isTrue();
        assertThat(hold.maintenanceUntil()).isEqualTo(until);

        send("POST", "/api/v1/monitors/db/resume", null);
        send("DELETE", "/api/v1/monitors/db/maintenance", null);
        assertThat(api.storage.holds()).isEmpty();
        assertThat(api.get("/api/v1/monitors/db").json().getString("stage")).isEqualTo("healthy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void withStorageDownAChangeIs503AndNothingIsApplied(String store) {
        open(store);
        api.apply(plan("db", ApiFixture.ScriptedCheck.passing()));
        api.storage.close();

        for (ApiFixture.Reply reply : List.of(send("POST", "/api/v1/monitors", FLAG),
                send("POST", "/api/v1/monitors/db/pause", null),
                send("POST", "/api/v1/monitors/db/maintenance", null))) {
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(reply.error()).isEqualTo("storage is unavailable; nothing was changed");
        }
        assertThat(api.get("/api/v1/monitors/shop").status()).isEqualTo(404);
        JsonObject db = api.get("/api/v1/monitors/db").json();
        assertThat(db.getBoolean("paused")).isFalse();
        assertThat(db.getString("stage")).isEqualTo("healthy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aChangeNeedsTheTokenAndABody(String store) {
        open(store);

        ApiFixture.Reply anonymous = api.send("POST", "/api/v1/monitors", null, FLAG);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/monitors", null).error())
                .isEqualTo("the body must be the monitor, as a JSON object with the manifest's keys");
        ApiFixture.Reply nameless = send("POST", "/api/v1/monitors", "{\"pulse_check\": {\"type\": \"flag\"}}");
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.json().getJsonArray("errors")).containsExactly(Json.createObjectBuilder()
                .add("path", "name").add("message", "required: the monitor's name, a non-empty string").build());
        assertThat(stored()).isEmpty();
    }
}
