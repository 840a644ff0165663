package io.cpra.core.http;

import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.OutboxEntry;
import io.cpra.core.storage.StorageBatch;
import io.cpra.core.storage.StorageSettings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only history routes over a real store: every field of every answer, the filters,
 * paging until {@code next} is null, each refusal, and a store that stops answering. A subclass
 * supplies a new, empty store per test; rows are written straight into it, as the journal
 * would write them.
 */
abstract class HistoryRoutesContract {

    /** The store's password where it takes one; it must never show. */
    static final String PASSWORD = "pw-41c8e2-never-shown";

    ApiFixture api;

    /** @return settings of a new, empty store, which {@link #removeStore()} removes */
    abstract StorageSettings newStore() throws Exception;

    /** Removes the store made by {@link #newStore()}; called once it is closed. */
    abstract void removeStore() throws Exception;

    @BeforeEach
    final void start() throws Exception {
        api = new ApiFixture(ApiSettings.defaults().withToken(ApiFixture.TOKEN), newStore(), builder -> { });
    }

    @AfterEach
    final void stop() throws Exception {
        api.close();
        removeStore();
    }

    // ---- incidents ------------------------------------------------------------------------

    /** Five incidents over three monitors: 101 web closed, 102 db open, 103 web open, 104 queue closed, 105 web closed. */
    private void fiveIncidents() {
        api.storage.write(new StorageBatch()
                .openIncident(incident(101, "web", "2026-03-01T10:00:00.250Z", "HTTP 503 in 12 ms"))
                .openIncident(incident(102, "db", "2026-03-01T10:01:00.000Z", "connection refused"))
                .openIncident(incident(103, "web", "2026-03-01T10:10:00.000Z", "timeout after 5s"))
                .openIncident(incident(104, "queue", "2026-03-01T10:20:00.000Z", "disk full"))
                .openIncident(incident(105, "web", "2026-03-01T10:30:00.000Z", "HTTP 500"))
                .closeIncident(101, Instant.parse("2026-03-01T10:05:00.000Z"))
                .closeIncident(104, Instant.parse("2026-03-01T10:21:30.125Z"))
                .closeIncident(105, Instant.parse("2026-03-01T10:31:00.000Z")));
    }

    @Test
    void incidentsAreListedNewestFirstWithEveryField() {
        fiveIncidents();

        ApiFixture.Reply reply = api.get("/api/v1/incidents");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject page = reply.json();
        assertThat(page.keySet()).containsExactly("incidents", "next");
        assertThat(page.isNull("next")).isTrue();
        assertThat(ids(page.getJsonArray("incidents"), "id")).containsExactly(105L, 104L, 103L, 102L, 101L);
        assertThat(page.getJsonArray("incidents").getJsonObject(1)).isEqualTo(json("""
                {"id": 104, "monitor": "queue", "opened_at": "2026-03-01T10:20:00.000Z",
                 "closed_at": "2026-03-01T10:21:30.125Z", "open": false, "cause": "disk full"}"""));
        assertThat(page.getJsonArray("incidents").getJsonObject(2)).isEqualTo(json("""
                {"id": 103, "monitor": "web", "opened_at": "2026-03-01T10:10:00.000Z",
                 "closed_at": null, "open": true, "cause": "timeout after 5s"}"""));
        assertThat(page.getJsonArray("incidents").getJsonObject(4).getString("opened_at"))
                .isEqualTo("2026-03-01T10:00:00.250Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            monitor=web              | 105 103 101
            monitor=db               | 102
            monitor=nobody           |
            open=true                | 103 102
            open=false               | 105 104 101
            monitor=web&open=false   | 105 101
            monitor=web&open=true    | 103
            """)
    void incidentsAreFilteredByMonitorAndOpenness(String query, String expected) {
        fiveIncidents();

        JsonObject page = api.get("/api/v1/incidents?" + query).json();

        assertThat(ids(page.getJsonArray("incidents"), "id")).isEqualTo(longs(expected));
        assertThat(page.isNull("next")).isTrue();
    }

    @Test
    void incidentsArePagedUntilNextIsNull() {
        fiveIncidents();

        List<JsonObject> pages = drain("/api/v1/incidents?limit=2");

        assertThat(pages).extracting(page -> ids(page.getJsonArray("incidents"), "id"))
                .containsExactly(List.of(105L, 104L), List.of(103L, 102L), List.of(101L));
        assertThat(pages.get(0).getString("next")).isNotBlank();
    }

    @Test
    void aFilteredListingKeepsItsFilterFromPageToPage() {
        fiveIncidents();

        List<JsonObject> pages = drain("/api/v1/incidents?monitor=web&limit=1");

        assertThat(pages).extracting(page -> ids(page.getJsonArray("incidents"), "id"))
                .containsExactly(List.of(105L), List.of(103L), List.of(101L));
    }

    @Test
    void anEmptyStoreListsNothing() {
        assertThat(api.get("/api/v1/incidents").json()).isEqualTo(json("{\"incidents\": [], \"next\": null}"));
        assertThat(api.get("/api/v1/events/history").json()).isEqualTo(json("{\"events\": [], \"next\": null}"));
        assertThat(api.get("/api/v1/outbox").json()).isEqualTo(json("{\"entries\": [], \"next\": null, \"depth\": 0}"));
    }

    // ---- one incident ---------------------------------------------------------------------

    @Test
    void anIncidentComesWithItsWholeTimelineOldestFirst() {
        fiveIncidents();
        api.storage.write(new StorageBatch()
                .addEvent(event("web", "stage_changed", null, 0, "2026-03-01T10:09:00.000Z",
                        "{\"from\":\"HEALTHY\",\"to\":\"FAILING\",\"cause\":\"timeout after 5s\"}"))
                .addEvent(event("web", "incident_opened", null, 103, "2026-03-01T10:10:00.000Z",
                        "{\"cause\":\"timeout after 5s\"}"))
                .addEvent(event("db", "incident_opened", null, 102, "2026-03-01T10:10:00.500Z",
                        "{\"cause\":\"connection refused\"}"))
                .addEvent(event("web", "code_raised", "red", 103, "2026-03-01T10:10:00.001Z",
                        "{\"alert_id\":\"a-103-red\",\"dispatched\":true,\"notifier\":\"webhook\",\"summary\":\"web is down\"}"))
                .addEvent(event("web", "intervention_started", null, 103, "2026-03-01T10:10:02.000Z",
                        "{\"action\":\"restart\",\"attempt\":1}")));

        ApiFixture.Reply reply = api.get("/api/v1/incidents/103");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject incident = reply.json();
        assertThat(incident.keySet()).containsExactly("id", "monitor", "opened_at", "closed_at", "open", "cause",
                "timeline");
        assertThat(incident.getJsonNumber("id").longValue()).isEqualTo(103);
        assertThat(incident.getString("monitor")).isEqualTo("web");
        assertThat(incident.getString("opened_at")).isEqualTo("2026-03-01T10:10:00.000Z");
        assertThat(incident.isNull("closed_at")).isTrue();
        assertThat(incident.getBoolean("open")).isTrue();
        assertThat(incident.getString("cause")).isEqualTo("timeout after 5s");
        JsonArray timeline = incident.getJsonArray("timeline");
        assertThat(timeline).extracting(event -> event.asJsonObject().getString("kind"))
                .containsExactly("incident_opened", "code_raised", "intervention_started");
        assertThat(ids(timeline, "seq")).isSorted().doesNotHaveDuplicates();
        JsonObject code = timeline.getJsonObject(1);
        assertThat(withoutSeq(code)).isEqualTo(json("""
                {"at": "2026-03-01T10:10:00.001Z", "monitor": "web", "kind": "code_raised", "colour": "red",
                 "incident_id": 103,
                 "detail": {"alert_id": "a-103-red", "dispatched": true, "notifier": "webhook", "summary": "web is down"}}"""));
        assertThat(timeline.getJsonObject(2).getJsonObject("detail")).isEqualTo(json("{\"action\":\"restart\",\"attempt\":1}"));
    }

    @Test
    void aClosedIncidentShowsWhenItClosed() {
        fiveIncidents();

        JsonObject incident = api.get("/api/v1/incidents/101").json();

        assertThat(incident.getString("closed_at")).isEqualTo("2026-03-01T10:05:00.000Z");
        assertThat(incident.getBoolean("open")).isFalse();
        assertThat(incident.getJsonArray("timeline")).isEmpty();
    }

    @Test
    void anUnknownIncidentIsA404() {
        fiveIncidents();

        ApiFixture.Reply reply = api.get("/api/v1/incidents/999");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no incident with id 999");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-1", "+5", "abc", "1.5", "1e3", "99999999999999999999", "9223372036854775808"})
    void anIdThatIsNotAPositiveWholeNumberIsA400(String id) {
        ApiFixture.Reply reply = api.get("/api/v1/incidents/" + id);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("id: must be a positive whole number, got \"" + id + "\"");
        assertThat(paths(reply)).containsExactly("id");
    }

    @Test
    void theLargestPossibleIdIsLookedUp() {
        assertThat(api.get("/api/v1/incidents/9223372036854775807").status()).isEqualTo(404);
    }

    // ---- events ---------------------------------------------------------------------------

    /** Six events of two monitors, written oldest first. */
    private void sixEvents() {
        api.storage.write(new StorageBatch()
                .addEvent(event("web", "stage_changed", null, 0, "2026-03-01T10:09:00.000Z",
                        "{\"from\":\"HEALTHY\",\"to\":\"FAILING\",\"cause\":\"timeout after 5s\"}"))
                .addEvent(event("web", "code_raised", "yellow", 0, "2026-03-01T10:09:00.001Z",
                        "{\"alert_id\":\"a-1\",\"dispatched\":true,\"notifier\":\"log\",\"summary\":\"web degraded\"}"))
                .addEvent(event("web", "incident_opened", null, 103, "2026-03-01T10:10:00.000Z",
                        "{\"cause\":\"timeout after 5s\"}"))
                .addEvent(event("web", "code_raised", "red", 103, "2026-03-01T10:10:00.001Z",
                        "{\"alert_id\":\"a-2\",\"dispatched\":true,\"notifier\":\"webhook\",\"summary\":\"web is down\"}"))
                .addEvent(event("db", "code_suppressed", "red", 102, "2026-03-01T10:11:00.000Z",
                        "{\"alert_id\":\"a-3\",\"dispatched\":false,\"notifier\":\"webhook\",\"summary\":\"db is down\"}"))
                .addEvent(event("web", "delivery", "red", 0, "2026-03-01T10:12:00.000Z",
                        "{\"alert_id\":\"a-2\",\"notifier\":\"webhook\",\"destination\":\"hooks\",\"attempt\":1,"
                                + "\"delivered\":true,\"message\":\"HTTP 200\",\"next_attempt\":\"\"}")));
    }

    @Test
    void eventsAreListedNewestFirstWithEveryField() {
        sixEvents();

        ApiFixture.Reply reply = api.get("/api/v1/events/history");

        assertThat(reply.status()).isEqualTo(200);
        JsonObject page = reply.json();
        assertThat(page.keySet()).containsExactly("events", "next");
        assertThat(page.isNull("next")).isTrue();
        JsonArray events = page.getJsonArray("events");
        assertThat(events).extracting(event -> event.asJsonObject().getString("kind")).containsExactly("delivery",
                "code_suppressed", "code_raised", "incident_opened", "code_raised", "stage_changed");
        List<Long> seqs = ids(events, "seq");
        assertThat(seqs).allMatch(seq -> seq > 0).isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .doesNotHaveDuplicates();
        JsonObject delivery = events.getJsonObject(0);
        assertThat(delivery.keySet()).containsExactly("seq", "at", "monitor", "kind", "colour", "incident_id", "detail");
        assertThat(withoutSeq(delivery)).isEqualTo(json("""
                {"at": "2026-03-01T10:12:00.000Z", "monitor": "web", "kind": "delivery", "colour": "red", "incident_id": null,
                 "detail": {"alert_id": "a-2", "notifier": "webhook", "destination": "hooks", "attempt": 1,
                            "delivered": true, "message": "HTTP 200", "next_attempt": ""}}"""));
        JsonObject stage = events.getJsonObject(5);
        assertThat(withoutSeq(stage)).isEqualTo(json("""
                {"at": "2026-03-01T10:09:00.000Z", "monitor": "web", "kind": "stage_changed", "colour": null,
                 "incident_id": null, "detail": {"from": "HEALTHY", "to": "FAILING", "cause": "timeout after 5s"}}"""));
        assertThat(events.getJsonObject(2).getJsonNumber("incident_id").longValue()).isEqualTo(103);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            monitor=db                                  | code_suppressed
            kind=code_raised                            | code_raised code_raised
            kind=monitor_changed                        |
            colour=red                                  | delivery code_suppressed code_raised
            colour=RED                                  | delivery code_suppressed code_raised
            colour=yellow                               | code_raised
            since=2026-03-01T10:10:00.001Z              | delivery code_suppressed code_raised
            monitor=web&kind=code_raised&colour=red     | code_raised
            monitor=web&since=2026-03-01T10:10:00.000Z      | delivery code_raised incident_opened
            since=2026-03-01T11:00:00.000Z                  |
            """)
    void eventsAreFilteredByMonitorKindColourAndTime(String query, String expectedKinds) {
        sixEvents();

        JsonObject page = api.get("/api/v1/events/history?" + query).json();

        assertThat(page.getJsonArray("events")).extracting(event -> event.asJsonObject().getString("kind"))
                .containsExactlyElementsOf(words(expectedKinds));
        assertThat(page.isNull("next")).isTrue();
    }

    @Test
    void sinceIsInclusiveToTheMillisecond() {
        sixEvents();

        JsonArray events = api.get("/api/v1/events/history?since=2026-03-01T10:09:00.001Z").json().getJsonArray("events");

        assertThat(events).extracting(event -> event.asJsonObject().getString("at")).last()
                .isEqualTo("2026-03-01T10:09:00.001Z");
        assertThat(events).hasSize(5);
    }

    @Test
    void eventsArePagedUntilNextIsNull() {
        sixEvents();
        List<Long> all = ids(api.get("/api/v1/events/history").json().getJsonArray("events"), "seq");

        List<JsonObject> pages = drain("/api/v1/events/history?limit=4");

        assertThat(pages).extracting(page -> page.getJsonArray("events").size()).containsExactly(4, 2);
        assertThat(pages.stream().flatMap(page -> ids(page.getJsonArray("events"), "seq").stream()).toList())
                .isEqualTo(all);
    }

    @Test
    void aFilteredEventListingKeepsItsFilterFromPageToPage() {
        sixEvents();

        List<JsonObject> pages = drain("/api/v1/events/history?colour=red&limit=1");

        assertThat(pages).extracting(page -> page.getJsonArray("events").getJsonObject(0).getString("kind"))
                .containsExactly("delivery", "code_suppressed", "code_raised");
    }

    // ---- outbox ---------------------------------------------------------------------------

    /** a1 pending after a failed try, a2 delivered, a3 pending untried, a4 dead. */
    private void fourCodes() {
        api.storage.write(new StorageBatch()
                .enqueue(code("a1", "web", "red", "2026-03-01T10:10:00.000Z"))
                .enqueue(code("a2", "db", "yellow", "2026-03-01T10:11:00.000Z"))
                .enqueue(code("a3", "web", "green", "2026-03-01T10:12:00.000Z"))
                .enqueue(code("a4", "queue", "red", "2026-03-01T10:13:00.000Z"))
                .updateOutbox(new StorageBatch.OutboxUpdate("a1", OutboxEntry.State.PENDING, 2,
                        Instant.parse("2026-03-01T10:10:30.000Z"), "HTTP 500", Instant.parse("2026-03-01T10:10:15.000Z")))
                .updateOutbox(new StorageBatch.OutboxUpdate("a2", OutboxEntry.State.DELIVERED, 1, null, null,
                        Instant.parse("2026-03-01T10:11:05.000Z")))
                .updateOutbox(new StorageBatch.OutboxUpdate("a4", OutboxEntry.State.DEAD, 5, null, "HTTP 410 Gone",
                        Instant.parse("2026-03-01T10:20:00.750Z"))));
    }

    @Test
    void theOutboxListsPendingCodesOldestFirstWithEveryFieldAndTheDepth() {
        fourCodes();

        ApiFixture.Reply reply = api.get("/api/v1/outbox");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(json("""
                {"entries": [
                  {"alert_id": "a1", "monitor": "web", "colour": "red", "notifier": "webhook", "state": "pending",
                   "attempts": 2, "next_attempt_at": "2026-03-01T10:10:30.000Z", "last_error": "HTTP 500",
                   "created_at": "2026-03-01T10:10:00.000Z", "updated_at": "2026-03-01T10:10:15.000Z",
                   "alert": {"id": "a1", "title": "[CRITICAL] web", "groups": ["edge", "eu"]}},
                  {"alert_id": "a3", "monitor": "web", "colour": "green", "notifier": "webhook", "state": "pending",
                   "attempts": 0, "next_attempt_at": null, "last_error": null,
                   "created_at": "2026-03-01T10:12:00.000Z", "updated_at": "2026-03-01T10:12:00.000Z",
                   "alert": {"id": "a3", "title": "[CRITICAL] web", "groups": ["edge", "eu"]}}],
                 "next": null, "depth": 2}"""));
    }

    @Test
    void theOutboxListsDeliveredAndDeadCodesByStateAndAlwaysCountsThePending() {
        fourCodes();

        JsonObject delivered = api.get("/api/v1/outbox?state=delivered").json();
        JsonObject dead = api.get("/api/v1/outbox?state=DEAD").json();
        JsonObject pending = api.get("/api/v1/outbox?state=pending").json();

        assertThat(delivered.getJsonArray("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.asJsonObject().getString("alert_id")).isEqualTo("a2");
            assertThat(entry.asJsonObject().getString("state")).isEqualTo("delivered");
            assertThat(entry.asJsonObject().getInt("attempts")).isEqualTo(1);
            assertThat(entry.asJsonObject().isNull("last_error")).isTrue();
            assertThat(entry.asJsonObject().getString("updated_at")).isEqualTo("2026-03-01T10:11:05.000Z");
        });
        assertThat(dead.getJsonArray("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.asJsonObject().getString("alert_id")).isEqualTo("a4");
            assertThat(entry.asJsonObject().getString("state")).isEqualTo("dead");
            assertThat(entry.asJsonObject().getInt("attempts")).isEqualTo(5);
            assertThat(entry.asJsonObject().getString("last_error")).isEqualTo("HTTP 410 Gone");
            assertThat(entry.asJsonObject().getString("updated_at")).isEqualTo("2026-03-01T10:20:00.750Z");
        });
        assertThat(pending.getJsonArray("entries")).extracting(entry -> entry.asJsonObject().getString("alert_id"))
                .containsExactly("a1", "a3");
        assertThat(List.of(delivered, dead, pending)).extracting(page -> page.getJsonNumber("depth").longValue())
                .containsOnly(2L);
    }

    @Test
    void theOutboxIsPagedOldestFirstUntilNextIsNull() {
        StorageBatch batch = new StorageBatch();
        for (int i = 1; i <= 5; i++) {
            batch.enqueue(code("p" + i, "web", "red", "2026-03-01T10:0" + i + ":00Z"));
        }
        api.storage.write(batch);

        List<JsonObject> pages = drain("/api/v1/outbox?limit=2");

        assertThat(pages).extracting(page -> page.getJsonArray("entries").stream()
                        .map(entry -> entry.asJsonObject().getString("alert_id")).toList())
                .containsExactly(List.of("p1", "p2"), List.of("p3", "p4"), List.of("p5"));
        assertThat(pages).extracting(page -> page.getJsonNumber("depth").longValue()).containsOnly(5L);
    }

    // ---- refusals -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/incidents?state=open                 | state: unknown parameter; accepted: cursor, limit, monitor, open | state
            /api/v1/incidents?open=yes                   | open: must be true or false, got "yes"                          | open
            /api/v1/incidents?open=TRUE                  | open: must be true or false, got "TRUE"                         | open
            /api/v1/incidents?limit=0                    | limit: must be a whole number from 1 to 1000, got "0"           | limit
            /api/v1/incidents?limit=1001                 | limit: must be a whole number from 1 to 1000, got "1001"        | limit
            /api/v1/incidents?limit=ten                  | limit: must be a whole number from 1 to 1000, got "ten"         | limit
            /api/v1/incidents?limit=1&limit=2            | limit: given more than once                                     | limit
            /api/v1/incidents?open=maybe&limit=-5        | 2 problems with the query parameters                            | open limit
            /api/v1/incidents?cursor=nonsense            | cursor: not a cursor of this listing; pass the "next" value of the previous page | cursor
            /api/v1/incidents/7?open=true                | open: unknown parameter; this route takes none                  | open
            /api/v1/events/history?state=pending         | state: unknown parameter; accepted: colour, cursor, kind, limit, monitor, since | state
            /api/v1/events/history?since=yesterday       | since: not an ISO-8601 instant such as 2026-01-02T03:04:05Z, got "yesterday" | since
            /api/v1/events/history?since=2026-03-01      | since: not an ISO-8601 instant such as 2026-01-02T03:04:05Z, got "2026-03-01" | since
            /api/v1/events/history?kind=check_finished   | kind: unknown kind "check_finished"; expected one of stage_changed, incident_opened, incident_closed, code_raised, code_suppressed, delivery, intervention_started, intervention_finished, monitor_changed, manifest_reloaded | kind
            /api/v1/events/history?kind=CODE_RAISED      | kind: unknown kind "CODE_RAISED"; expected one of stage_changed, incident_opened, incident_closed, code_raised, code_suppressed, delivery, intervention_started, intervention_finished, monitor_changed, manifest_reloaded | kind
            /api/v1/events/history?colour=purple         | colour: unknown colour "purple"; expected one of yellow, red, cyan, green, gray | colour
            /api/v1/events/history?limit=5000            | limit: must be a whole number from 1 to 1000, got "5000"        | limit
            /api/v1/events/history?kind=x&colour=y&since=z&limit=0 | 4 problems with the query parameters                 | kind colour since limit
            /api/v1/events/history?cursor=nonsense       | cursor: not a cursor of this listing; pass the "next" value of the previous page | cursor
            /api/v1/outbox?state=queued                  | state: unknown state "queued"; expected one of pending, delivered, dead | state
            /api/v1/outbox?monitor=web                   | monitor: unknown parameter; accepted: cursor, limit, state      | monitor
            /api/v1/outbox?state=gone&limit=abc          | 2 problems with the query parameters                            | state limit
            /api/v1/outbox?cursor=nonsense               | cursor: not a cursor of this listing; pass the "next" value of the previous page | cursor
            """)
    void aBadParameterIsA400NamingEachOne(String path, String error, String parameters) {
        ApiFixture.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo(error);
        assertThat(paths(reply)).containsExactlyElementsOf(words(parameters));
    }

    @Test
    void aMonitorNameLongerThanAnyNameIsRefused() {
        ApiFixture.Reply reply = api.get("/api/v1/incidents?monitor=" + "m".repeat(201));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("monitor: longer than 200 characters");
    }

    @Test
    void aCursorOfAnotherListingIsRefused() {
        fiveIncidents();
        sixEvents();
        fourCodes();
        String incidents = api.get("/api/v1/incidents?limit=1").json().getString("next");
        String events = api.get("/api/v1/events/history?limit=1").json().getString("next");

        for (String path : List.of("/api/v1/incidents?cursor=" + events, "/api/v1/events/history?cursor=" + incidents,
                "/api/v1/outbox?cursor=" + incidents)) {
            ApiFixture.Reply reply = api.get(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(paths(reply)).as(path).containsExactly("cursor");
        }
    }

    // ---- a store that does not answer -----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/incidents", "/api/v1/incidents?monitor=web&open=true", "/api/v1/incidents/103",
            "/api/v1/events/history", "/api/v1/events/history?kind=delivery", "/api/v1/outbox",
            "/api/v1/outbox?state=dead"})
    void aClosedStoreIsA503WithRetryAfterAndNoDetail(String path) {
        fiveIncidents();
        api.storage.close();

        ApiFixture.Reply reply = api.get(path);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isEqualTo("1");
        assertThat(reply.error()).isEqualTo("storage is unavailable; try again");
        assertThat(reply.body()).doesNotContain(api.storage.describe()).doesNotContain("jdbc").doesNotContain("closed")
                .doesNotContain(PASSWORD);
    }

    @Test
    void badParametersAreRefusedBeforeTheStoreIsAsked() {
        api.storage.close();

        assertThat(api.get("/api/v1/incidents?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/incidents/x").status()).isEqualTo(400);
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Follows {@code next} from a first page until it is null, keeping each page's query. */
    private List<JsonObject> drain(String first) {
        List<JsonObject> pages = new ArrayList<>();
        JsonObject page = api.get(first).json();
        pages.add(page);
        while (!page.isNull("next")) {
            assertThat(pages).as("pages of " + first).hasSizeLessThan(20);
            ApiFixture.Reply reply = api.get(first + "&cursor=" + page.getString("next"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            page = reply.json();
            pages.add(page);
        }
        return pages;
    }

    private static IncidentRecord incident(long id, String monitor, String openedAt, String cause) {
        return new IncidentRecord(id, monitor, Instant.parse(openedAt), null, cause);
    }

    private static EventRecord event(String monitor, String kind, String colour, long incidentId, String at,
                                     String detail) {
        return new EventRecord(0, Instant.parse(at), monitor, kind, colour, incidentId, detail);
    }

    private static OutboxEntry code(String alertId, String monitor, String colour, String createdAt) {
        Instant at = Instant.parse(createdAt);
        return new OutboxEntry(alertId, monitor, colour, "webhook",
                "{\"id\":\"" + alertId + "\",\"title\":\"[CRITICAL] " + monitor + "\",\"groups\":[\"edge\",\"eu\"]}",
                OutboxEntry.State.PENDING, 0, null, null, at, at);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject withoutSeq(JsonObject event) {
        return Json.createObjectBuilder(event).remove("seq").build();
    }

    private static List<Long> ids(JsonArray objects, String key) {
        return objects.stream().map(value -> value.asJsonObject().getJsonNumber(key).longValue()).toList();
    }

    private static List<Long> longs(String spaced) {
        return words(spaced).stream().map(Long::valueOf).toList();
    }

    private static List<String> words(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : List.of(spaced.strip().split("\\s+"));
    }

    private static List<String> paths(ApiFixture.Reply reply) {
        JsonArray errors = reply.json().getJsonArray("errors");
        assertThat(errors).as(reply.body()).isNotNull();
        return errors.stream().map(JsonValue::asJsonObject).map(error -> error.getString("path")).toList();
    }
}
