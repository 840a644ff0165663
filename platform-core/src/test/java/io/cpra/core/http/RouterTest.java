package io.cpra.core.http;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route lookup on raw paths: parameters decoded per segment, 404 against 405. */
class RouterTest {

    private static final Route.Endpoint NOTHING = call -> { };
    private static final Router ROUTER = new Router(List.of(
            new Route(Method.GET, "/api/v1/monitors", NOTHING),
            new Route(Method.GET, "/api/v1/monitors/{name}", NOTHING),
            new Route(Method.POST, "/api/v1/monitors/{name}/pause", NOTHING),
            new Route(Method.POST, "/api/v1/monitors/{name}/maintenance", NOTHING),
            new Route(Method.DELETE, "/api/v1/monitors/{name}/maintenance", NOTHING)));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/monitors                       | /api/v1/monitors                    |
            GET    | /api/v1/monitors/                      | /api/v1/monitors                    |
            GET    | /api/v1/monitors/web                   | /api/v1/monitors/{name}             | web
            GET    | /api/v1/monitors/edge%2Feu-1           | /api/v1/monitors/{name}             | edge/eu-1
            GET    | /api/v1/monitors/a%20b%3A%40c          | /api/v1/monitors/{name}             | a b:@c
            GET    | /api/v1/monitors/a+b                   | /api/v1/monitors/{name}             | a+b
            GET    | /api/v1/monitors/100%25                | /api/v1/monitors/{name}             | 100%
            GET    | /api/v1/monitors/caf%C3%A9             | /api/v1/monitors/{name}             | café
            POST   | /api/v1/monitors/x%2Fpause/pause       | /api/v1/monitors/{name}/pause       | x/pause
            DELETE | /api/v1/monitors/db/maintenance        | /api/v1/monitors/{name}/maintenance | db
            """)
    void findsTheRouteAndDecodesItsParameter(String method, String path, String template, String name) {
        Router.Lookup lookup = ROUTER.find(Method.create(method), path);

        assertThat(lookup).isInstanceOfSatisfying(Router.Lookup.Found.class, found -> {
            assertThat(found.route().path()).isEqualTo(template);
            assertThat(found.params()).isEqualTo(name == null ? Map.of() : Map.of("name", name));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1",
            "/api/v1/",
            "/api/v1/monitor",
            "/api/v1/monitors/a/b",
            "/api/v1/monitors//pause",
            "/api/v1/monitors/web/unpause",
            "/api/v2/monitors"})
    void anUnknownPathIsNotFound(String path) {
        assertThat(ROUTER.find(Method.GET, path)).isInstanceOf(Router.Lookup.NotFound.class);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        assertThat(ROUTER.find(Method.PUT, "/api/v1/monitors/db/maintenance"))
                .isEqualTo(new Router.Lookup.WrongMethod(java.util.Set.of(Method.POST, Method.DELETE)));
        assertThat(ROUTER.find(Method.DELETE, "/api/v1/monitors"))
                .isEqualTo(new Router.Lookup.WrongMethod(java.util.Set.of(Method.GET)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a%zz", "a%2", "a%", "%C3%28"})
    void malformedPercentEncodingIsABadRequest(String segment) {
        assertThatThrownBy(() -> ROUTER.find(Method.GET, "/api/v1/monitors/" + segment))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().code()).isEqualTo(400))
                .hasMessage("the path segment \"" + segment + "\" is not valid percent-encoded UTF-8");
    }

    @Test
    void templatesAreCheckedWhenRoutesAreMade() {
        assertThatThrownBy(() -> new Route(Method.GET, "/monitors", NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route(Method.GET, "/api/v1/monitors/", NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router(List.of(new Route(Method.GET, "/api/v1/x", NOTHING),
                new Route(Method.GET, "/api/v1/x", NOTHING)))).hasMessage("two routes for GET /api/v1/x");
    }
}
