package io.cpra.core.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.cpra.core.http.ApiFixture.TOKEN;
import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what: the token, its absence, and protected reads, on every route. */
class AuthTest {

    /** Every route with its parameters filled in, from the same list the server dispatches on. */
    private static List<String[]> routes(ApiFixture api) {
        return api.api.routes().stream()
                .map(route -> new String[] {route.method().text(),
                        route.path().replace("{name}", "web").replace("{group}", "edge").replace("{id}", "1"),
                        String.valueOf(route.write())})
                .toList();
    }

    @Test
    void withoutAConfiguredTokenEveryWriteIsForbiddenAndSaysHowToEnableIt() {
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults())) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
            List<String[]> writes = routes(api).stream().filter(r -> r[2].equals("true")).toList();
            assertThat(writes).hasSizeGreaterThanOrEqualTo(5);
            for (String[] route : writes) {
                for (String token : new String[] {null, TOKEN, ""}) {
                    ApiFixture.Reply reply = api.send(route[0], route[1], token, null);
                    assertThat(reply.status()).as(route[0] + " " + route[1]).isEqualTo(403);
                    assertThat(reply.error()).isEqualTo(Guard.WRITES_DISABLED)
                            .contains("cpra.api.token").contains("CPRA_API_TOKEN");
                }
            }
            assertThat(api.get("/api/v1/monitors/web").json().getBoolean("paused")).isFalse();
            assertThat(api.get("/api/v1/monitors/web").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/summary").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "Authorization: [{0}]")
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong-token", "Bearer " + TOKEN + "x",
            "Bearer test-token", "Basic dGVzdDp0ZXN0", TOKEN, "Bearer TEST-TOKEN-0123456789"})
    void aMissingOrWrongTokenGetsTheSame401WithoutDetail(String authorization) {
        try (ApiFixture api = ApiFixture.withToken()) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
            var request = java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/monitors/web/pause"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }

            ApiFixture.Reply reply = api.send(request.build());

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"cpra\"");
            assertThat(reply.body()).isEqualTo("{\"error\":\"" + Guard.UNAUTHORIZED + "\"}");
            assertThat(api.get("/api/v1/monitors/web").json().getBoolean("paused")).isFalse();
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER "})
    void theRightTokenWorksWhateverTheSchemesCase(String scheme) {
        try (ApiFixture api = ApiFixture.withToken()) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
            ApiFixture.Reply reply = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/monitors/web/pause"))
                    .header("Authorization", scheme + TOKEN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().getBoolean("paused")).isTrue();
        }
    }

    @Test
    void readsAreOpenByDefaultEvenWithATokenConfigured() {
        try (ApiFixture api = ApiFixture.withToken()) {
            for (String[] route : routes(api)) {
                if (route[2].equals("false") && !route[1].equals(EventsResource.PATH)) {
                    assertThat(api.get(route[1]).status()).as(route[1]).isIn(200, 404);
                }
            }
            assertThat(api.get("/api/v1/summary").status()).isEqualTo(200);
        }
    }

    @Test
    void protectedReadsNeedTheTokenOnEveryRoute() {
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults().withToken(TOKEN).withProtectedReads(true))) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
            for (String[] route : routes(api)) {
                for (String token : new String[] {null, "wrong"}) {
                    ApiFixture.Reply reply = api.send(route[0], route[1], token, null);
                    assertThat(reply.status()).as(route[0] + " " + route[1]).isEqualTo(401);
                    assertThat(reply.error()).isEqualTo(Guard.UNAUTHORIZED);
                }
            }
            assertThat(api.get("/api/v1/monitors/web", TOKEN).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/summary", TOKEN).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/plugins", TOKEN).status()).isEqualTo(200);
            // unknown paths say so without asking for a token: they reveal nothing
            assertThat(api.get("/api/v1/secrets").status()).isEqualTo(404);
        }
    }

    @Test
    void protectedReadsWithoutATokenAreForbiddenAndSaySo() {
        try (ApiFixture api = new ApiFixture(ApiSettings.defaults().withProtectedReads(true))) {
            ApiFixture.Reply reply = api.get("/api/v1/summary");

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.error()).isEqualTo(Guard.READS_DISABLED).contains("CPRA_API_TOKEN");
        }
    }

    @Test
    void theSettingsNeverShowTheToken() {
        assertThat(ApiSettings.defaults().withToken(TOKEN).toString()).doesNotContain(TOKEN).contains("token=(set)");
    }
}
