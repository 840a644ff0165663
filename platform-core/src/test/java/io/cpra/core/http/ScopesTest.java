package io.cpra.core.http;

import io.cpra.core.access.Scope;
import io.cpra.core.access.TokenFile;
import io.cpra.core.access.Tokens;
import io.cpra.core.storage.EventQuery;
import io.cpra.core.storage.EventRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.cpra.core.http.ApiFixture.TOKEN;
import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Named tokens with scopes: who may do what, 401 against 403, and the actor in the history. */
class ScopesTest {

    static final String MONITOR = """
            {"name": "made", "pulse_check": {"type": "flag", "interval": "1m", "config": {"up": true}}}""";

    Path folder;
    Path file;
    String reader = TokenFile.newToken();
    String operator = TokenFile.newToken();
    String admin = TokenFile.newToken();

    @BeforeEach
    void setUp() throws Exception {
        folder = Files.createTempDirectory("cpra-tokens");
        file = folder.resolve("tokens");
        TokenFile.write(file, List.of(
                new TokenFile.Entry("grafana", Set.of(Scope.READ), TokenFile.digest(reader)),
                new TokenFile.Entry("oncall", Set.of(Scope.OPERATE), TokenFile.digest(operator)),
                new TokenFile.Entry("deploy", Set.of(Scope.ADMIN), TokenFile.digest(admin))));
    }

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(file);
        Files.deleteIfExists(folder);
    }

    private ApiFixture api(ApiSettings settings) throws Exception {
        Tokens tokens = Tokens.create(settings.token(), file);
        return new ApiFixture(settings, builder -> builder.tokens(tokens));
    }

    @Test
    void eachScopeAllowsItsRoutesAndATokenWithoutTheScopeGets403NamingIt() throws Exception {
        try (ApiFixture api = api(ApiSettings.defaults())) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));

            ApiFixture.Reply readOnly = api.send("POST", "/api/v1/monitors/web/pause", reader, null);
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(readOnly.error()).isEqualTo("the token \"grafana\" lacks the operate scope this request needs");
            assertThat(readOnly.header("WWW-Authenticate"))
                    .isEqualTo("Bearer realm=\"cpra\", error=\"insufficient_scope\", scope=\"operate\"");

            assertThat(api.send("POST", "/api/v1/monitors/web/pause", operator, null).status()).isEqualTo(200);
            assertThat(api.send("POST", "/api/v1/monitors/web/maintenance", operator, null).status()).isEqualTo(200);
            assertThat(api.send("DELETE", "/api/v1/monitors/web/maintenance", operator, null).status()).isEqualTo(200);
            assertThat(api.send("POST", "/api/v1/monitors/web/resume", operator, null).status()).isEqualTo(200);
            assertThat(api.send("POST", "/api/v1/monitors/web/run", operator, null).status()).isEqualTo(202);

            ApiFixture.Reply notAdmin = api.send("POST", "/api/v1/monitors", operator, MONITOR);
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.error()).contains("lacks the admin scope");
            assertThat(api.send("POST", "/api/v1/manifest/reload", operator, null).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/monitors/made").status()).isEqualTo(404);

            assertThat(api.send("POST", "/api/v1/monitors", admin, MONITOR).status()).isEqualTo(201);
            assertThat(api.send("POST", "/api/v1/monitors/made/pause", admin, null).status()).as("admin covers operate")
                    .isEqualTo(200);
            assertThat(api.send("DELETE", "/api/v1/monitors/made", admin, null).status()).isEqualTo(204);

            ApiFixture.Reply unknown = api.send("POST", "/api/v1/monitors/web/pause", TOKEN, null);
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.header("WWW-Authenticate")).isEqualTo(Guard.CHALLENGE);
        }
    }

    @Test
    void everyWriteIsRecordedWithTheNameOfItsToken() throws Exception {
        try (ApiFixture api = api(ApiSettings.defaults().withToken(TOKEN))) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));

            api.send("POST", "/api/v1/monitors", admin, MONITOR);
            api.send("PUT", "/api/v1/monitors/made", TOKEN, MONITOR);
            api.send("POST", "/api/v1/monitors/web/pause", operator, null);
            api.send("POST", "/api/v1/monitors/web/resume", operator, null);
            api.send("POST", "/api/v1/monitors/web/maintenance", operator, "{\"for\": \"1h\"}");
            api.send("DELETE", "/api/v1/monitors/web/maintenance", admin, null);
            api.send("DELETE", "/api/v1/monitors/made", admin, null);
            assertThat(api.send("POST", "/api/v1/monitors/web/run", operator, null).status()).isEqualTo(202);
            ApiFixture.await("the run-now record", () -> events(api, "web").stream()
                    .anyMatch(e -> e.detail().equals("{\"change\":\"run_now\",\"actor\":\"oncall\"}")));

            api.send("POST", "/api/v1/manifest/reload", admin, null);

            assertThat(events(api, "made")).extracting(EventRecord::detail).containsExactly(
                    "{\"change\":\"created\",\"actor\":\"deploy\"}",
                    "{\"change\":\"replaced\",\"actor\":\"default\"}",
                    "{\"change\":\"deleted\",\"actor\":\"deploy\"}");
            assertThat(events(api, "web")).extracting(EventRecord::detail).startsWith(
                    "{\"change\":\"paused\",\"actor\":\"oncall\"}",
                    "{\"change\":\"resumed\",\"actor\":\"oncall\"}",
                    "{\"change\":\"maintenance_entered\",\"actor\":\"oncall\"}",
                    "{\"change\":\"maintenance_left\",\"actor\":\"deploy\"}");
            assertThat(api.storage.events(new EventQuery(null, "manifest_reloaded", null, null), null, 10).items())
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains("\"actor\":\"deploy\""));
            ApiFixture.Reply history = api.get("/api/v1/events/history?kind=monitor_changed&monitor=made");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body()).contains("\"actor\":\"deploy\"");
        }
    }

    @Test
    void aTokenRevokedInTheFileStopsWorkingWithoutARestart() throws Exception {
        try (ApiFixture api = api(ApiSettings.defaults())) {
            api.apply(plan("web", ApiFixture.ScriptedCheck.passing()));
            assertThat(api.send("POST", "/api/v1/monitors/web/pause", operator, null).status()).isEqualTo(200);

            TokenFile.write(file, List.of(new TokenFile.Entry("deploy", Set.of(Scope.ADMIN), TokenFile.digest(admin))));

            assertThat(api.send("POST", "/api/v1/monitors/web/resume", operator, null).status()).isEqualTo(401);
            assertThat(api.send("POST", "/api/v1/monitors/web/resume", admin, null).status()).isEqualTo(200);
        }
    }

    @Test
    void protectedReadsCoverTheOpenApiDocumentAndTakeAnyScope() throws Exception {
        try (ApiFixture api = api(ApiSettings.defaults().withProtectedReads(true))) {
            ApiFixture.Reply open = api.get("/openapi");
            assertThat(open.status()).isEqualTo(401);
            assertThat(open.header("WWW-Authenticate")).isEqualTo(Guard.CHALLENGE);
            assertThat(api.get("/openapi", reader).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/summary", operator).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/summary", reader).status()).isEqualTo(200);
        }
        try (ApiFixture api = api(ApiSettings.defaults())) {
            assertThat(api.get("/openapi").status()).as("open reads leave the document open").isEqualTo(200);
        }
    }

    private static List<EventRecord> events(ApiFixture api, String monitor) {
        return api.storage.events(new EventQuery(monitor, "monitor_changed", null, null), null, 100).items().reversed();
    }
}
