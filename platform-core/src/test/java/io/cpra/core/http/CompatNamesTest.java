package io.cpra.core.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPRA's monitor names with any characters and its notification groups, through the API: names
 * travel percent-encoded in paths and {@code Location}, groups are shown and filter listings.
 */
class CompatNamesTest {

    private ApiFixture api;

    @BeforeEach
    void open() {
        api = new ApiFixture(ApiSettings.defaults().withToken(ApiFixture.TOKEN), false, Stores.sqlite(), builder -> { });
    }

    @AfterEach
    void close() {
        api.close();
    }

    private static String monitor(String name, String extra) {
        return "{\"name\": \"" + name + "\"," + extra
                + " \"pulse_check\": {\"type\": \"flag\", \"interval\": \"30s\", \"config\": {\"up\": true}}}";
    }

    private static String path(String name) {
        return "/api/v1/monitors/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void aNameWithSpacesBracketsAndAHashIsAKeyInEveryPath() {
        String name = "db (primary) #1";

        ApiFixture.Reply created = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, monitor(name, ""));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/monitors/db%20%28primary%29%20%231");
        assertThat(api.get(created.header("Location")).json().getString("name")).isEqualTo(name);
        assertThat(api.get(path("Service Health Check")).status()).isEqualTo(404);
        ApiFixture.Reply paused = api.send("POST", created.header("Location") + "/pause", ApiFixture.TOKEN, null);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(api.send("DELETE", created.header("Location"), ApiFixture.TOKEN, null).status()).isEqualTo(204);
        assertThat(api.get(created.header("Location")).status()).isEqualTo(404);
    }

    @Test
    void namesThatAPathWouldResolveAwayOrThatHoldControlCharactersAreRefused() {
        ApiFixture.Reply dots = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, monitor("..", ""));
        ApiFixture.Reply newline = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, monitor("a\\nb", ""));

        assertThat(dots.status()).as(dots.body()).isEqualTo(400);
        assertThat(dots.body()).contains("a URL path would resolve it away");
        assertThat(newline.status()).as(newline.body()).isEqualTo(400);
        assertThat(newline.body()).contains("control characters");
    }

    @Test
    void notifyAndCodeGroupsAreShownAndFilterTheListing() {
        ApiFixture.Reply created = api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, monitor("orders",
                " \"notify_groups\": \"dba\", \"codes\": {\"groups\": [\"ops\"],"
                        + " \"red\": {\"notify\": \"note\", \"groups\": \"pager\", \"config\": {\"file\": \"r.log\"}}},"));
        api.send("POST", "/api/v1/monitors", ApiFixture.TOKEN, monitor("other", ""));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject definition = created.json().getJsonObject("definition");
        assertThat(definition.getJsonArray("notify_groups").getValuesAs(JsonValue::toString))
                .containsExactly("\"dba\"", "\"ops\"");
        assertThat(definition.getJsonObject("codes").getJsonObject("red").getJsonArray("groups").getString(0))
                .isEqualTo("pager");
        assertThat(created.json().getJsonArray("notify_groups").getValuesAs(JsonValue::toString))
                .containsExactly("\"dba\"", "\"ops\"", "\"pager\"");
        for (String group : new String[] {"dba", "ops", "pager"}) {
            assertThat(api.get("/api/v1/monitors?notify_group=" + group).json().getJsonArray("monitors"))
                    .extracting(m -> m.asJsonObject().getString("name")).containsExactly("orders");
        }
        assertThat(api.get("/api/v1/monitors?notify_group=nobody").json().getJsonArray("monitors")).isEmpty();
    }
}
