package io.cpra.core.http;

import io.cpra.core.storage.EventQuery;
import io.cpra.core.storage.EventRecord;
import io.cpra.core.storage.IncidentDetail;
import io.cpra.core.storage.IncidentQuery;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.OutboxEntry;
import io.cpra.core.storage.Page;
import io.cpra.core.storage.Storage;
import io.cpra.plugin.api.Colour;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The persisted history, read-only: incidents with their timelines, past events and the alert
 * outbox. The live routes answer from the engine, which forgets a closed incident and every
 * delivered code; these answer from the store, which keeps them for the retention period and
 * across restarts.
 *
 * <p>Each parameter is checked before the store is asked, and every bad one is named in one
 * 400. The cursor is the store's and only the store can judge it, so a bad cursor is reported
 * on its own once the other parameters are good. Failures of the store are answered by
 * {@link StorageCalls}. Listings page by key, newest first (the outbox oldest first, the order
 * it is delivered in); only {@code "next": null} ends one.
 *
 * <p>Thread-safe: it keeps nothing between calls, and the store may be read from any thread.
 * A read blocks the request's virtual thread, not a platform thread.
 */
final class HistoryResource {

    static final String INCIDENTS = ApiRouting.PREFIX + "/incidents";
    static final String INCIDENT = INCIDENTS + "/{id}";
    static final String EVENTS = ApiRouting.PREFIX + "/events/history";
    static final String OUTBOX = ApiRouting.PREFIX + "/outbox";

    static final Set<String> INCIDENT_PARAMETERS = Set.of("monitor", "open", "limit", "cursor");
    static final Set<String> EVENT_PARAMETERS = Set.of("monitor", "kind", "colour", "since", "limit", "cursor");
    static final Set<String> OUTBOX_PARAMETERS = Set.of("state", "limit", "cursor");

    /**
     * The kinds the store keeps, as {@link EventRecord} lists them: the live stream's kinds,
     * with a suppressed code kept apart from a raised one, changes made to monitors and reloads
     * of the manifest, each with the name of the token that made it.
     */
    static final List<String> STORED_KINDS = List.of("stage_changed", "incident_opened", "incident_closed",
            "code_raised", "code_suppressed", "delivery", "intervention_started", "intervention_finished",
            "monitor_changed", "manifest_reloaded");

    private final Storage storage;

    HistoryResource(Storage storage) {
        this.storage = storage;
    }

    List<Route> routes() {
        return List.of(
                new Route(Method.GET, INCIDENTS, this::incidents),
                new Route(Method.GET, INCIDENT, this::incident),
                new Route(Method.GET, EVENTS, this::events),
                new Route(Method.GET, OUTBOX, this::outbox));
    }

    private void incidents(Call call) {
        QueryParameters query = new QueryParameters(call.query(INCIDENT_PARAMETERS));
        IncidentQuery filter = new IncidentQuery(query.name("monitor"), query.bool("open"));
        int limit = query.limit();
        String cursor = query.cursor();
        query.check();
        Page<IncidentRecord> page = StorageCalls.page(() -> storage.incidents(filter, cursor, limit));
        call.reply(Status.OK_200, page("incidents", page, HistoryJson::incident).build());
    }

    private void incident(Call call) {
        call.query(Set.of());
        long id = id(call.param("id"));
        IncidentDetail detail = StorageCalls.read(() -> storage.incident(id))
                .orElseThrow(() -> new ApiException(Status.NOT_FOUND_404, "no incident with id " + id));
        call.reply(Status.OK_200, HistoryJson.incidentWithTimeline(detail).build());
    }

    private void events(Call call) {
        QueryParameters query = new QueryParameters(call.query(EVENT_PARAMETERS));
        String monitor = query.name("monitor");
        String kind = query.oneOf("kind", STORED_KINDS);
        Colour colour = query.constant("colour", Colour.class, null);
        EventQuery filter = new EventQuery(monitor, kind, colour == null ? null : colour.key(), query.instant("since"));
        int limit = query.limit();
        String cursor = query.cursor();
        query.check();
        Page<EventRecord> page = StorageCalls.page(() -> storage.events(filter, cursor, limit));
        call.reply(Status.OK_200, page("events", page, HistoryJson::event).build());
    }

    private void outbox(Call call) {
        QueryParameters query = new QueryParameters(call.query(OUTBOX_PARAMETERS));
        OutboxEntry.State state = query.constant("state", OutboxEntry.State.class, OutboxEntry.State.PENDING);
        int limit = query.limit();
        String cursor = query.cursor();
        query.check();
        Page<OutboxEntry> page = StorageCalls.page(() -> storage.outbox(state, cursor, limit));
        long depth = StorageCalls.read(storage::outboxDepth);
        call.reply(Status.OK_200, page("entries", page, HistoryJson::outboxEntry).add("depth", depth).build());
    }

    /** A page's records under {@code key}, and its {@code next}. */
    private static <T> JsonObjectBuilder page(String key, Page<T> page, Function<T, JsonObjectBuilder> json) {
        JsonArrayBuilder items = Wire.JSON.createArrayBuilder();
        page.items().forEach(item -> items.add(json.apply(item)));
        JsonObjectBuilder body = Wire.JSON.createObjectBuilder().add(key, items);
        Wire.text(body, "next", page.next());
        return body;
    }

    /**
     * An incident id: digits only, since ids are positive and {@link Long#parseLong} would also
     * take a sign.
     */
    private static long id(String text) {
        if (text.matches("[0-9]{1,19}")) {
            try {
                long id = Long.parseLong(text);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // beyond a long: refused below
            }
        }
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
        throw ApiException.badField("id", "must be a positive whole number, got \"" + shown + "\"");
    }
}
