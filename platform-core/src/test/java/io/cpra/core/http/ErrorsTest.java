package io.cpra.core.http;

import io.helidon.http.BadRequestException;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How calls end when they do not succeed: always the API's JSON error format, never internals. */
class ErrorsTest {

    static ApiFixture api;

    @BeforeAll
    static void start() {
        api = new ApiFixture(ApiSettings.defaults().withToken(ApiFixture.TOKEN), builder -> builder
                .route(new Route(Method.GET, "/api/v1/test/fault", call -> {
                    throw new IllegalStateException("secret detail at io.cpra.internal.Thing");
                }))
                .route(new Route(Method.GET, "/api/v1/test/helidon", call -> {
                    throw new BadRequestException("internal parser state: xyz");
                })));
    }

    @AfterAll
    static void close() {
        api.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/v1",
            "GET, /api/v1/",
            "GET, /api/v1/alerts",
            "POST, /api/v1/monitors/web/explode",
            "GET, /api/v1/monitors/web/pause/extra"})
    void anUnknownRouteIsAJson404(String method, String path) {
        ApiFixture.Reply reply = api.send(method, path, ApiFixture.TOKEN, null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no such route: " + method + " " + path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DELETE | /api/v1/summary                   | GET, HEAD
            PATCH  | /api/v1/monitors                  | GET, POST, HEAD
            POST   | /api/v1/monitors/web              | GET, PUT, DELETE, HEAD
            GET    | /api/v1/manifest/reload           | POST
            PUT    | /api/v1/monitors/web/maintenance  | POST, DELETE
            GET    | /api/v1/monitors/web/run          | POST
            PATCH  | /api/v1/events                    | GET, HEAD
            """)
    void aKnownPathWithTheWrongMethodIsAJson405WithAllow(String method, String path, String allowed) {
        ApiFixture.Reply reply = api.send(method, path, ApiFixture.TOKEN, null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo(allowed);
        assertThat(reply.error()).isEqualTo("method " + method + " is not allowed here; allowed: " + allowed);
    }

    @Test
    void anUnexpectedFaultIsA500WithAReferenceAndNoDetail() {
        ApiFixture.Reply reply = api.get("/api/v1/test/fault");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.error()).matches("internal error; the server log has the details under reference [0-9a-f]{8}");
        assertThat(reply.body()).doesNotContain("secret").doesNotContain("IllegalState").doesNotContain("io.cpra");
        // the server is fine afterwards
        assertThat(api.get("/api/v1/summary").status()).isEqualTo(200);
    }

    @Test
    void helidonsOwnRefusalsKeepTheirStatusButNotTheirMessage() {
        ApiFixture.Reply reply = api.get("/api/v1/test/helidon");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("bad request");
    }

    @Test
    void aBusyEngineIsA503WithRetryAfter() {
        CompletableFuture<Object> rejected = CompletableFuture.failedFuture(new RejectedExecutionException("full"));

        assertThatThrownBy(() -> EngineCalls.await(rejected)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().code()).isEqualTo(503);
            assertThat(e.getMessage()).isEqualTo("the engine is busy; try again");
            assertThat(e.headers()).singleElement().satisfies(h -> {
                assertThat(h.name()).isEqualTo("Retry-After");
                assertThat(h.get()).isEqualTo("1");
            });
        });
    }

    @Test
    void routesOutsideTheApiAreLeftToTheServer() {
        assertThat(api.get("/openapi").status()).isEqualTo(200);
        assertThat(api.get("/api/v1x").status()).isEqualTo(404);
    }
}
