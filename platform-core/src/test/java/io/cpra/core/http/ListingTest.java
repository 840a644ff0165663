package io.cpra.core.http;

import io.cpra.core.engine.MonitorPlan;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static io.cpra.core.http.ApiFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/monitors} over a few thousand monitors: every filter, page sizes and
 * cursors, and the parameters it refuses.
 */
class ListingTest {

    static final int COUNT = 3000;
    static ApiFixture api;

    @BeforeAll
    static void load() {
        api = ApiFixture.withToken();
        List<MonitorPlan> plans = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            List<String> groups = new ArrayList<>();
            if (i % 2 == 0) {
                groups.add("even");
            }
            if (i % 5 == 0) {
                groups.add("five");
            }
            plans.add(plan(name(i), i % 300 == 7 ? ApiFixture.ScriptedCheck.failing() : ApiFixture.ScriptedCheck.passing(),
                    type(i), groups));
        }
        api.apply(plans);
        // ten monitors fail once and open an incident
        for (int i = 7; i < COUNT; i += 300) {
            assertThat(api.post("/api/v1/monitors/" + name(i) + "/run").status()).isEqualTo(202);
        }
        ApiFixture.await("ten incidents", () -> names("stage=incident", 1000).size() == 10);
    }

    @AfterAll
    static void close() {
        api.close();
    }

    static String name(int i) {
        return String.format("m-%04d", i);
    }

    static String type(int i) {
        return switch (i % 3) {
            case 0 -> "http";
            case 1 -> "tcp";
            default -> "dns";
        };
    }

    /** Every name the listing yields, following {@code next} to the end. */
    static List<String> names(String filters, int limit) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = filters + (filters.isEmpty() ? "" : "&") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ApiFixture.Reply reply = api.get("/api/v1/monitors?" + query);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonObject page = reply.json();
            assertThat(page.keySet()).containsExactlyInAnyOrder("monitors", "next");
            List<JsonObject> monitors = page.getJsonArray("monitors").getValuesAs(JsonValue::asJsonObject);
            assertThat(monitors).hasSizeLessThanOrEqualTo(limit);
            monitors.forEach(m -> names.add(m.getString("name")));
            cursor = page.isNull("next") ? null : page.getString("next");
            assertThat(++pages).as("pages").isLessThan(COUNT + 2);
        } while (cursor != null);
        return names;
    }

    static Set<String> expected(IntPredicate matches) {
        Set<String> names = new HashSet<>();
        IntStream.range(0, COUNT).filter(matches).forEach(i -> names.add(name(i)));
        return names;
    }

    @ParameterizedTest(name = "limit {0}")
    @CsvSource({"1", "7", "100", "1000"})
    void pagesCoverEveryMonitorOnceWhateverTheirSize(int limit) {
        List<String> names = names("", limit);

        assertThat(names).hasSize(COUNT).doesNotHaveDuplicates();
        assertThat(new HashSet<>(names)).isEqualTo(expected(i -> true));
    }

    @Test
    void theDefaultPageHoldsAHundredWithACursorToTheRest() {
        JsonObject page = api.get("/api/v1/monitors").json();

        assertThat(page.getJsonArray("monitors")).hasSize(100);
        assertThat(page.getString("next")).isNotBlank();
        JsonObject first = page.getJsonArray("monitors").getJsonObject(0);
        assertThat(first.keySet()).contains("name", "type", "stage", "groups", "next_due");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            type=tcp                    | TCP
            group=five                  | FIVE
            prefix=m-01                 | PREFIX
            search=-01                  | PREFIX
            search=M-0%31               | PREFIX
            search=99&type=tcp          | CONTAINS_99_TCP
            type=http&group=even        | HTTP_EVEN
            stage=incident              | INCIDENT
            stage=HEALTHY&group=five    | HEALTHY_FIVE
            colour=red                  | INCIDENT
            colour=green&group=five     | HEALTHY_FIVE
            colour=gray                 | NONE
            group=nobody                | NONE
            """)
    void filtersSelectExactlyTheMatchingMonitorsAcrossPages(String filters, Expectation expectation) {
        for (int limit : new int[] {13, 1000}) {
            List<String> names = names(filters, limit);
            assertThat(names).doesNotHaveDuplicates();
            assertThat(new HashSet<>(names)).as(filters + " limit " + limit).isEqualTo(expected(expectation.matches));
        }
    }

    enum Expectation {
        ALL(i -> true),
        TCP(i -> i % 3 == 1),
        FIVE(i -> i % 5 == 0),
        PREFIX(i -> i >= 100 && i < 200),
        HTTP_EVEN(i -> i % 6 == 0),
        INCIDENT(i -> i % 300 == 7),
        HEALTHY_FIVE(i -> i % 5 == 0 && i % 300 != 7),
        CONTAINS_99_TCP(i -> ListingTest.name(i).contains("99") && i % 3 == 1),
        NONE(i -> false);

        final IntPredicate matches;

        Expectation(IntPredicate matches) {
            this.matches = matches;
        }
    }

    /** Every monitor the listing yields, following {@code next} to the end. */
    static List<JsonObject> monitors(String filters, int limit) {
        List<JsonObject> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiFixture.Reply reply = api.get("/api/v1/monitors?" + filters + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonObject page = reply.json();
            List<JsonObject> monitors = page.getJsonArray("monitors").getValuesAs(JsonValue::asJsonObject);
            assertThat(monitors).hasSizeLessThanOrEqualTo(limit);
            all.addAll(monitors);
            cursor = page.isNull("next") ? null : page.getString("next");
            assertThat(++pages).as("pages").isLessThan(COUNT + 2);
        } while (cursor != null);
        return all;
    }

    private static final List<String> STAGE_ORDER = List.of("healthy", "failing", "intervening", "verifying", "incident",
            "maintenance");
    private static final List<String> COLOUR_ORDER = List.of("green", "gray", "cyan", "yellow", "red");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sort=name                       | ALL
            sort=name&order=asc             | ALL
            sort=name&order=desc            | ALL
            order=desc                      | ALL
            sort=type                       | ALL
            sort=type&order=desc            | ALL
            sort=stage&order=desc           | ALL
            sort=colour                     | ALL
            sort=colour&order=desc          | ALL
            sort=last_check                 | ALL
            sort=last_check&order=desc      | ALL
            sort=name&order=desc&group=five | FIVE
            sort=colour&order=desc&type=tcp | TCP
            """)
    void sortedPagesCoverEveryMatchOnceInOrder(String filters, Expectation expectation) {
        boolean descending = filters.contains("order=desc");
        String field = filters.contains("sort=") ? filters.replaceAll(".*sort=([a-z_]+).*", "$1") : "name";
        java.util.Comparator<JsonObject> byName = java.util.Comparator.comparing(m -> m.getString("name"));
        java.util.Comparator<JsonObject> order = switch (field) {
            case "name" -> byName;
            case "type" -> java.util.Comparator.<JsonObject, String>comparing(m -> m.getString("type")).thenComparing(byName);
            case "stage" -> java.util.Comparator.<JsonObject>comparingInt(m -> STAGE_ORDER.indexOf(m.getString("stage")))
                    .thenComparing(byName);
            case "colour" -> java.util.Comparator.<JsonObject>comparingInt(m -> COLOUR_ORDER.indexOf(m.getString("colour")))
                    .thenComparing(byName);
            // never-checked monitors first; the key is the start's instant, which last_run shows
            // (computed afresh for each page, so compared to the millisecond, checked below)
            case "last_check" -> java.util.Comparator.<JsonObject, java.time.Instant>comparing(ListingTest::lastRun);
            default -> throw new AssertionError(field);
        };
        if (descending) {
            order = order.reversed();
        }
        for (int limit : new int[] {7, 1000}) {
            List<JsonObject> listed = monitors(filters, limit);
            List<String> names = listed.stream().map(m -> m.getString("name")).toList();
            assertThat(names).as(filters + " limit " + limit).doesNotHaveDuplicates();
            assertThat(new HashSet<>(names)).as(filters + " limit " + limit).isEqualTo(expected(expectation.matches));
            if (field.equals("last_check")) {
                // last_run is the engine's start time turned into a wall-clock instant when each page
                // is read, so two pages may render the same start a hair apart: allow a millisecond
                for (int i = 1; i < listed.size(); i++) {
                    java.time.Instant before = lastRun(listed.get(i - 1));
                    java.time.Instant after = lastRun(listed.get(i));
                    java.time.Instant earlier = descending ? after : before;
                    java.time.Instant later = descending ? before : after;
                    assertThat(earlier).as(filters + " at " + i).isBeforeOrEqualTo(later.plusMillis(1));
                }
            } else {
                assertThat(listed).as(filters + " limit " + limit).isSortedAccordingTo(order);
            }
        }
    }

    private static java.time.Instant lastRun(JsonObject monitor) {
        return monitor.isNull("last_run") ? java.time.Instant.MIN : java.time.Instant.parse(monitor.getString("last_run"));
    }

    @Test
    void sortedByNameDescendingTheLastNameComesFirst() {
        List<JsonObject> first = api.get("/api/v1/monitors?sort=name&order=desc&limit=3").json()
                .getJsonArray("monitors").getValuesAs(JsonValue::asJsonObject);

        assertThat(first).extracting(m -> m.getString("name")).containsExactly(name(COUNT - 1), name(COUNT - 2),
                name(COUNT - 3));
    }

    @Test
    void aSortedCursorOnlyContinuesTheFiltersAndOrderItCameWith() {
        String next = api.get("/api/v1/monitors?sort=name&limit=5").json().getString("next");

        assertThat(api.get("/api/v1/monitors?sort=name&limit=5&cursor=" + next).status()).isEqualTo(200);
        ApiFixture.Reply reordered = api.get("/api/v1/monitors?sort=name&order=desc&limit=5&cursor=" + next);
        assertThat(reordered.status()).isEqualTo(400);
        assertThat(reordered.error()).isEqualTo("cursor: this cursor belongs to a listing with other filters or another"
                + " order; repeat the filters, sort and order it came with");
        assertThat(api.get("/api/v1/monitors?sort=type&limit=5&cursor=" + next).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors?limit=5&cursor=" + next).status()).isEqualTo(400);
    }

    @Test
    void aCursorOnlyContinuesTheFiltersItCameWith() {
        String next = api.get("/api/v1/monitors?type=tcp&limit=5").json().getString("next");

        assertThat(api.get("/api/v1/monitors?type=tcp&limit=5&cursor=" + next).status()).isEqualTo(200);
        ApiFixture.Reply replayed = api.get("/api/v1/monitors?type=dns&limit=5&cursor=" + next);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/monitors?type=tcp&colour=green&limit=5&cursor=" + next).status()).isEqualTo(400);
        assertThat(replayed.error()).isEqualTo("cursor: this cursor belongs to a listing with other filters;"
                + " repeat the filters it came with");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            limit=0           | limit  | limit: must be a whole number from 1 to 1000, got "0"
            limit=1001        | limit  | limit: must be a whole number from 1 to 1000, got "1001"
            limit=ten         | limit  | limit: must be a whole number from 1 to 1000, got "ten"
            stage=sleeping    | stage  | stage: unknown stage "sleeping"; expected one of healthy, failing, intervening, verifying, incident, maintenance, unreachable
            cursor=bm90LWEtY3Vyc29y | cursor | cursor: not a cursor this server issued; pass the "next" value of the previous page
            cursor=%25%25     | cursor | cursor: not a cursor this server issued; pass the "next" value of the previous page
            colour=blue       | colour | colour: unknown colour "blue"; expected one of yellow, red, cyan, green, gray
            stages=healthy    | stages | stages: unknown parameter; accepted: colour, cursor, group, limit, notify_group, order, prefix, search, sort, stage, type
            sort=size         | sort   | sort: unknown sort "size"; expected one of name, colour, stage, last_check, type
            order=up          | order  | order: unknown order "up"; expected one of asc, desc
            sort=name&cursor=bm90LWEtY3Vyc29y | cursor | cursor: not a cursor this server issued; pass the "next" value of the previous page
            type=a&type=b     | type   | type: given more than once
            """)
    void badParametersAreRefusedNamingTheParameter(String query, String path, String error) {
        ApiFixture.Reply reply = api.get("/api/v1/monitors?" + query);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonValue::asJsonObject))
                .extracting(e -> e.getString("path")).containsExactly(path);
    }

    @Test
    void everyBadParameterIsListedAtOnce() {
        ApiFixture.Reply reply = api.get("/api/v1/monitors?limit=-1&stage=nope&prefix=" + "x".repeat(201));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("3 problems with the query parameters");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonValue::asJsonObject))
                .extracting(e -> e.getString("path")).containsExactlyInAnyOrder("limit", "stage", "prefix");
    }
}
