package io.cpra.core.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/manifest/reload}: the file's difference applied at once, unchanged
 * monitors keeping their state, an invalid file changing nothing, and the API's monitors left
 * to the API.
 */
class ManifestReloadTest {

    private final ApiFixture api = ApiFixture.withToken();

    @AfterEach
    void close() {
        api.close();
    }

    private void manifest(String... monitors) throws IOException {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (String monitor : monitors) {
            yaml.append(monitor);
        }
        Files.writeString(api.manifest, yaml.toString());
    }

    private static String flag(String name, String interval, boolean up) {
        return "  - name: " + name + "\n"
                + "    pulse_check:\n"
                + "      type: flag\n"
                + "      interval: " + interval + "\n"
                + "      config: {up: " + up + "}\n";
    }

    private ApiFixture.Reply reload() {
        return api.post("/api/v1/manifest/reload");
    }

    private static List<String> names(JsonObject report, String key) {
        return report.getJsonArray(key).getValuesAs(JsonValue::toString).stream()
                .map(name -> name.substring(1, name.length() - 1)).toList();
    }

    @Test
    void theDifferenceIsAppliedAndUnchangedMonitorsKeepTheirState() throws IOException {
        manifest(flag("a", "10s", true), flag("b", "10s", false), flag("c", "10s", true));
        JsonObject first = reload().json();
        assertThat(names(first, "added")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(api.post("/api/v1/monitors/b/run").status()).isEqualTo(202);
        ApiFixture.await("b's incident", () -> api.get("/api/v1/monitors/b").json().getString("stage").equals("incident"));
        assertThat(api.post("/api/v1/monitors/a/pause").status()).isEqualTo(200);
        String cDue = api.get("/api/v1/monitors/c").json().getString("next_due");

        manifest(flag("a", "10s", true), flag("b", "10s", false), flag("c", "20s", true), flag("d", "5s", true));
        ApiFixture.Reply second = reload();

        assertThat(second.status()).isEqualTo(200);
        JsonObject report = second.json();
        assertThat(names(report, "added")).containsExactly("d");
        assertThat(names(report, "changed")).containsExactly("c");
        assertThat(names(report, "removed")).isEmpty();
        assertThat(report.getInt("unchanged")).isEqualTo(2);
        JsonObject b = api.get("/api/v1/monitors/b").json();
        assertThat(b.getString("stage")).isEqualTo("incident");
        assertThat(b.getInt("consecutive_failures")).isEqualTo(1);
        assertThat(api.get("/api/v1/monitors/a").json().getBoolean("paused")).isTrue();
        assertThat(api.get("/api/v1/monitors/c").json().getInt("interval_ms")).isEqualTo(20_000);
        assertThat(api.get("/api/v1/monitors/c").json().getString("next_due")).isNotEqualTo(cDue);
        assertThat(api.get("/api/v1/monitors/d").json().getJsonObject("definition").getJsonObject("pulse")
                .getString("interval")).as("a definition keeps the manifest's syntax").isEqualTo("5s");

        manifest(flag("a", "10s", true));
        JsonObject third = reload().json();
        assertThat(names(third, "removed")).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(api.get("/api/v1/monitors/b").status()).isEqualTo(404);
    }

    @Test
    void anInvalidFileChangesNothingAndListsEveryErrorWithItsPlace() throws IOException {
        manifest(flag("a", "10s", true));
        reload();

        manifest(flag("a", "10s", true), flag("a", "10s", true), flag("z", "0s", true).replace("up: true", "up: 3"));
        ApiFixture.Reply refused = reload();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo(api.manifest + " is invalid (3 problems); nothing was changed");
        List<JsonObject> errors = refused.json().getJsonArray("errors").getValuesAs(JsonValue::asJsonObject);
        assertThat(errors).extracting(e -> e.getString("path"))
                .containsExactlyInAnyOrder("name", "pulse_check.interval", "pulse_check.config.up");
        assertThat(errors).allSatisfy(e -> assertThat(e.getString("message")).startsWith(api.manifest + ":"));
        assertThat(errors).anySatisfy(e -> assertThat(e.getString("message")).contains("monitor \"z\""));
        assertThat(api.get("/api/v1/monitors/z").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/monitors?limit=10").json().getJsonArray("monitors")).hasSize(1);
    }

    @Test
    void theApisMonitorsAreLeftAloneAndTheirNamesCannotBeTakenByTheFile() throws IOException {
        ApiFixture.Reply created = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, """
                {"name": "from-api", "pulse_check": {"type": "flag", "interval": "10s"}}""");
        assertThat(created.status()).isEqualTo(201);
        manifest(flag("from-file", "10s", true));
        assertThat(reload().json().getJsonArray("removed")).isEmpty();
        assertThat(api.get("/api/v1/monitors/from-api").status()).isEqualTo(200);

        manifest(flag("from-file", "10s", true), flag("from-api", "10s", true));
        ApiFixture.Reply clash = reload();

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.error()).contains("[from-api]");
        assertThat(api.get("/api/v1/monitors/from-api").json().getString("origin")).isEqualTo("api");
    }

    @Test
    void apiWritesGoOnWhileAReloadReadsAndPreparesTheFile() throws Exception {
        Files.writeString(api.manifest, "monitors:\n  - name: slow\n    pulse_check: {type: gate, interval: 10s}\n");
        java.util.concurrent.CompletableFuture<ApiFixture.Reply> reloading =
                java.util.concurrent.CompletableFuture.supplyAsync(this::reload);
        assertThat(TestPlugins.Gate.ENTERED.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // the reload is inside the file now; a write must not wait for it
        ApiFixture.Reply created = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, """
                {"name": "meanwhile", "pulse_check": {"type": "flag", "interval": "10s"}}""");
        ApiFixture.Reply paused = api.post("/api/v1/monitors/meanwhile/pause");
        TestPlugins.Gate.OPEN.countDown();

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        ApiFixture.Reply reloaded = reloading.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
        assertThat(names(reloaded.json(), "added")).containsExactly("slow");
        assertThat(api.get("/api/v1/monitors/meanwhile").json().getBoolean("paused")).isTrue();
    }

    @Test
    void reloadingIsAWriteThatNeedsTheToken() {
        ApiFixture.Reply anonymous = api.send("POST", "/api/v1/manifest/reload", null, null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json()).isEqualTo(Json.createObjectBuilder().add("error", Guard.UNAUTHORIZED).build());
    }
}
