package io.cpra.core.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the server serves at {@code /openapi}, held to the routes the server
 * dispatches on: the same operations, the same path and query parameters, the token where it
 * is needed.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    static ApiFixture api;
    static JsonObject document;

    @BeforeAll
    static void fetch() {
        api = ApiFixture.withToken();
        ApiFixture.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/openapi"))
                .header("Accept", "application/json").GET().build());
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
    }

    @AfterAll
    static void close() {
        api.close();
    }

    private static Set<String> operations(JsonObject doc) {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonValue> path : doc.getJsonObject("paths").entrySet()) {
            for (String key : path.getValue().asJsonObject().keySet()) {
                if (METHODS.contains(key)) {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        api.api.routes().forEach(route -> routes.add(route.method().text() + " " + route.path()));
        return routes;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        assertThat(routes()).contains("GET /api/v1/plugins", "GET /api/v1/events", "POST /api/v1/monitors/{name}/run",
                "GET /api/v1/incidents/{id}", "GET /api/v1/events/history", "GET /api/v1/outbox");
        assertThat(operations(document)).isEqualTo(routes());
    }

    @Test
    void theDocumentIsOpenApi3WithTheErrorFormat() {
        assertThat(document.getString("openapi")).startsWith("3.0");
        JsonObject error = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Error");
        assertThat(error.getJsonObject("properties").keySet()).containsExactlyInAnyOrder("error", "errors");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearerToken")
                .getString("scheme")).isEqualTo("bearer");
    }

    @Test
    void eachOperationDeclaresThePathAndQueryParametersItsRouteReads() {
        for (Route route : api.api.routes()) {
            JsonObject operation = operation(route);
            Set<String> path = new HashSet<>();
            Set<String> query = new HashSet<>();
            for (JsonValue parameter : operation.getJsonArray("parameters") == null ? List.<JsonValue>of()
                    : operation.getJsonArray("parameters")) {
                JsonObject resolved = resolve(parameter.asJsonObject());
                (resolved.getString("in").equals("path") ? path : query).add(resolved.getString("name"));
            }
            Set<String> templated = new HashSet<>();
            Matcher matcher = PARAMETER.matcher(route.path());
            while (matcher.find()) {
                templated.add(matcher.group(1));
            }
            assertThat(path).as(route.path()).isEqualTo(templated);
            assertThat(query).as(route.path()).isEqualTo(acceptedQuery(route));
        }
    }

    @Test
    void writesRequireTheTokenAndDocumentTheRefusals() {
        for (Route route : api.api.routes()) {
            JsonObject operation = operation(route);
            assertThat(operation.getJsonObject("responses").keySet()).as(route.path())
                    .contains("401", "403", "500");
            if (route.write()) {
                assertThat(operation.getJsonArray("security")).as(route.path())
                        .containsExactly(jakarta.json.Json.createObjectBuilder()
                                .add("bearerToken", jakarta.json.Json.createArrayBuilder()).build());
                if (route.path().contains("{name}")) {
                    assertThat(operation.getJsonObject("responses").keySet()).contains("404");
                }
            }
        }
    }

    @Test
    void theDocumentIsAlsoServedAsYaml() {
        ApiFixture.Reply yaml = api.get("/openapi");

        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: 3.0").contains("/api/v1/monitors/{name}/maintenance:");
    }

    private static Set<String> acceptedQuery(Route route) {
        if (route.write()) {
            return Set.of();
        }
        return switch (route.path()) {
            case MonitorsResource.LIST -> Listing.PARAMETERS;
            case EventsResource.PATH -> EventFilter.PARAMETERS;
            case HistoryResource.INCIDENTS -> HistoryResource.INCIDENT_PARAMETERS;
            case HistoryResource.EVENTS -> HistoryResource.EVENT_PARAMETERS;
            case HistoryResource.OUTBOX -> HistoryResource.OUTBOX_PARAMETERS;
            case CheckHistoryResource.MONITOR + "/uptime", CheckHistoryResource.GROUP + "/uptime" ->
                    CheckHistoryResource.UPTIME_PARAMETERS;
            case CheckHistoryResource.MONITOR + "/series", CheckHistoryResource.GROUP + "/series" ->
                    CheckHistoryResource.SERIES_PARAMETERS;
            case CheckHistoryResource.MONITOR + "/outcomes" -> CheckHistoryResource.OUTCOME_PARAMETERS;
            default -> Set.of();
        };
    }

    private static JsonObject operation(Route route) {
        JsonObject path = document.getJsonObject("paths").getJsonObject(route.path());
        assertThat(path).as(route.path()).isNotNull();
        return path.getJsonObject(route.method().text().toLowerCase(Locale.ROOT));
    }

    private static JsonObject resolve(JsonObject maybeRef) {
        if (!maybeRef.containsKey("$ref")) {
            return maybeRef;
        }
        String ref = maybeRef.getString("$ref");
        assertThat(ref).startsWith("#/components/parameters/");
        JsonObject target = document.getJsonObject("components").getJsonObject("parameters")
                .getJsonObject(ref.substring("#/components/parameters/".length()));
        assertThat(target).as(ref).isNotNull();
        return target;
    }
}
