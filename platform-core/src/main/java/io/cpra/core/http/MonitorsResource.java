package io.cpra.core.http;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorPage;
import io.cpra.core.engine.MonitorSort;
import io.cpra.core.engine.SortedChunk;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.ops.Control;
import io.cpra.core.ops.Definitions;
import io.cpra.core.ops.Outcome;
import io.cpra.core.storage.IncidentQuery;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageException;
import io.cpra.plugin.api.Durations;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The monitors: the listing, one monitor in detail, monitors created, replaced and deleted, and
 * the operator's holds — pause, maintenance, a check run now. Reads come from the engine's
 * public face, one command per step; every change that must outlive a restart (definitions,
 * pause, maintenance) goes through the control plane, which writes it down before the engine
 * applies it. A check run now is not durable and goes to the engine directly. Thread-safe
 * (stateless between calls).
 */
final class MonitorsResource {

    static final String LIST = ApiRouting.PREFIX + "/monitors";
    static final String ONE = LIST + "/{name}";

    /** The longest maintenance window the API sets: ten years, far inside what the engine's clock can count. */
    static final Duration MAX_MAINTENANCE = Duration.ofDays(3650);

    /** Engine pages per request; each scans at most 65,536 rows, so a sparse filter over a million monitors stays quick. */
    static final int MAX_SCANS = 4;

    private final Engine engine;
    private final Control control;
    private final Storage storage;
    private final JsonBodies bodies;
    private final InstantSource wall;

    MonitorsResource(Engine engine, Control control, Storage storage, JsonBodies bodies, InstantSource wall) {
        this.engine = engine;
        this.control = control;
        this.storage = storage;
        this.bodies = bodies;
        this.wall = wall;
    }

    List<Route> routes() {
        return List.of(
                new Route(Method.GET, LIST, this::list),
                new Route(Method.POST, LIST, this::create),
                new Route(Method.GET, ONE, this::view),
                new Route(Method.PUT, ONE, this::replace),
                new Route(Method.DELETE, ONE, this::delete),
                Route.operate(Method.POST, ONE + "/pause", call -> hold(call, true)),
                Route.operate(Method.POST, ONE + "/resume", call -> hold(call, false)),
                Route.operate(Method.POST, ONE + "/maintenance", this::enterMaintenance),
                Route.operate(Method.DELETE, ONE + "/maintenance", this::leaveMaintenance),
                Route.operate(Method.POST, ONE + "/run", this::run));
    }

    /**
     * Fills a page from as many engine pages as it takes, up to {@link #MAX_SCANS}: the engine
     * stops scanning after a bounded number of rows to keep its tick short, so one of its pages
     * may hold fewer matches than asked, or none. Only a {@code null} {@code next} ends a listing.
     */
    private void list(Call call) throws ExecutionException {
        Listing listing = Listing.of(call.query(Listing.PARAMETERS));
        if (listing.sort() != null) {
            listSorted(call, listing);
            return;
        }
        List<MonitorView> found = new ArrayList<>();
        int next = listing.cursor();
        for (int scans = 0; scans < MAX_SCANS && next >= 0 && found.size() < listing.limit(); scans++) {
            MonitorPage page = EngineCalls.await(engine.list(listing.query(), next, listing.limit() - found.size()));
            found.addAll(page.monitors());
            next = page.next();
        }
        JsonArrayBuilder monitors = Wire.JSON.createArrayBuilder();
        for (MonitorView view : found) {
            monitors.add(MonitorJson.of(view));
        }
        JsonObjectBuilder page = Wire.JSON.createObjectBuilder().add("monitors", monitors);
        Wire.text(page, "next", next < 0 ? null : Listing.encode(next, listing.query()));
        call.reply(Status.OK_200, page.build());
    }

    /**
     * A sorted page: every row is looked at, stretch by stretch (each a bounded engine command),
     * and the first {@code limit} matches after the cursor are kept; the request holds at most
     * twice the page in memory, never the listing. The next page starts after the last key.
     */
    private void listSorted(Call call, Listing listing) throws ExecutionException {
        MonitorSort sort = listing.sort();
        List<SortedChunk.Entry> best = new ArrayList<>();
        int next = 0;
        do {
            SortedChunk chunk = EngineCalls.await(engine.listSorted(listing.query(), sort, next, listing.limit()));
            best.addAll(chunk.best());
            best.sort((a, b) -> sort.compare(a.key(), b.key()));
            if (best.size() > listing.limit()) {
                best.subList(listing.limit(), best.size()).clear();
            }
            next = chunk.next();
        } while (next >= 0);
        JsonArrayBuilder monitors = Wire.JSON.createArrayBuilder();
        for (SortedChunk.Entry entry : best) {
            monitors.add(MonitorJson.of(entry.view()));
        }
        JsonObjectBuilder page = Wire.JSON.createObjectBuilder().add("monitors", monitors);
        Wire.text(page, "next", best.size() < listing.limit() ? null
                : Listing.encode(best.getLast().key(), listing.query(), sort));
        call.reply(Status.OK_200, page.build());
    }

    private void view(Call call) throws ExecutionException {
        call.query(Set.of());
        String name = call.param("name");
        MonitorView view = EngineCalls.await(engine.view(name)).orElseThrow(() -> ApiException.noMonitor(name));
        call.reply(Status.OK_200, detail(view));
    }

    private void create(Call call) throws ExecutionException {
        call.query(Set.of());
        Map<String, Object> body = definition(call);
        if (!(body.get("name") instanceof String name) || name.isBlank()) {
            throw ApiException.badField("name", "required: the monitor's name, a non-empty string");
        }
        Changes.await(control.create(body, call.actor()));
        call.response().header(HeaderNames.LOCATION, LIST + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        replyWithDetail(call, Status.CREATED_201, name);
    }

    private void replace(Call call) throws ExecutionException {
        call.query(Set.of());
        String name = call.param("name");
        Outcome outcome = Changes.await(control.replace(name, definition(call), call.actor()));
        replyWithDetail(call, Status.create(outcome.status()), name);
    }

    private void delete(Call call) throws ExecutionException {
        call.query(Set.of());
        bodies.none(call.request(), "DELETE removes the monitor named in the path");
        Changes.await(control.delete(call.param("name"), call.actor()));
        call.response().status(Status.NO_CONTENT_204).send();
    }

    /**
     * Refuses control characters (CR, LF, NUL, ...) in group names: groups reach alert texts,
     * e-mail bodies and subjects among them, where a line break starts a new header or line.
     */
    private static void checkGroups(JsonObject body) {
        if (!(body.get("groups") instanceof jakarta.json.JsonArray groups)) {
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) instanceof JsonString group && group.getString().chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                throw ApiException.badField("groups[" + i + "]", "must not hold control characters (line breaks, NUL,"
                        + " tabs)");
            }
        }
    }

    private Map<String, Object> definition(Call call) {
        JsonObject body = bodies.optionalObject(call.request())
                .orElseThrow(() -> ApiException.badRequest("the body must be the monitor, as a JSON object with the "
                        + "manifest's keys"));
        checkGroups(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) Definitions.plain(body);
        return plain;
    }

    private void hold(Call call, boolean pause) throws ExecutionException {
        call.query(Set.of());
        bodies.none(call.request(), (pause ? "pause" : "resume") + " acts on the monitor named in the path");
        String name = call.param("name");
        Changes.await(control.pause(name, pause, call.actor()));
        call.reply(Status.OK_200, current(name));
    }

    private void enterMaintenance(Call call) throws ExecutionException {
        call.query(Set.of());
        String name = call.param("name");
        Instant until = bodies.optionalObject(call.request()).map(this::until).orElse(null);
        Changes.await(control.maintenance(name, true, until, call.actor()));
        call.reply(Status.OK_200, current(name));
    }

    private void leaveMaintenance(Call call) throws ExecutionException {
        call.query(Set.of());
        bodies.none(call.request(), "leaving maintenance acts on the monitor named in the path");
        String name = call.param("name");
        Changes.await(control.maintenance(name, false, null, call.actor()));
        call.reply(Status.OK_200, current(name));
    }

    private void run(Call call) throws ExecutionException {
        call.query(Set.of());
        bodies.none(call.request(), "a check run now uses the monitor's definition");
        String name = call.param("name");
        Optional<Boolean> started = EngineCalls.await(engine.runNow(name));
        if (started.isEmpty()) {
            throw ApiException.noMonitor(name);
        }
        if (!started.get()) {
            throw new ApiException(Status.CONFLICT_409, "a check of \"" + name + "\" is already running or waiting to start");
        }
        control.ranNow(name, call.actor());
        call.reply(Status.ACCEPTED_202, Wire.JSON.createObjectBuilder().add("monitor", name).add("check", "started").build());
    }

    private JsonObject current(String name) throws ExecutionException {
        MonitorView view = EngineCalls.await(engine.view(name)).orElseThrow(() -> ApiException.noMonitor(name));
        return MonitorJson.of(view).build();
    }

    private void replyWithDetail(Call call, Status status, String name) throws ExecutionException {
        MonitorView view = EngineCalls.await(engine.view(name)).orElseThrow(() -> ApiException.noMonitor(name));
        call.reply(status, detail(view));
    }

    /**
     * The live state, plus where the monitor is defined and how, its recent check outcomes and
     * its open incident. A manifest monitor's definition is read again from the file, so after
     * an edit not yet reloaded it shows the file's text, not what runs.
     */
    private JsonObject detail(MonitorView view) {
        JsonObjectBuilder object = MonitorJson.of(view);
        object.add("origin", Wire.name(view.origin()));
        object.add("definition", control.definition(view).map(Definitions::json).orElse(JsonValue.NULL));
        JsonArrayBuilder outcomes = Wire.JSON.createArrayBuilder();
        for (MonitorView.Outcome outcome : view.recentOutcomes()) {
            JsonObjectBuilder entry = Wire.JSON.createObjectBuilder();
            Wire.instant(entry, "at", outcome.at());
            outcomes.add(entry.add("status", Wire.name(outcome.status()))
                    .add("latency_ms", Wire.millis(outcome.latencyMicros()))
                    .add("message", outcome.message()));
        }
        object.add("recent_outcomes", outcomes);
        object.add("open_incident", openIncident(view));
        return object.build();
    }

    /** The open incident as stored; only its id while the journal has yet to write it or storage is down. */
    private JsonValue openIncident(MonitorView view) {
        if (view.incidentId() == 0) {
            return JsonValue.NULL;
        }
        JsonObjectBuilder incident = Wire.JSON.createObjectBuilder().add("id", view.incidentId());
        try {
            storage.incidents(new IncidentQuery(view.name(), true), null, 1).items().stream()
                    .filter(record -> record.id() == view.incidentId())
                    .findFirst()
                    .ifPresent(record -> {
                        Wire.instant(incident, "opened_at", record.openedAt());
                        incident.add("cause", record.cause());
                    });
        } catch (StorageException e) {
            // the live state is still worth answering with
        }
        return incident.add("timeline", ApiRouting.PREFIX + "/incidents/" + view.incidentId()).build();
    }

    /** The end of a maintenance window: {@code {"until": instant}}, {@code {"for": duration}} or neither. */
    private Instant until(JsonObject body) {
        for (String key : body.keySet()) {
            if (!key.equals("until") && !key.equals("for")) {
                throw ApiException.badField(key, "unknown key; accepted: until, for");
            }
        }
        if (body.containsKey("until") && body.containsKey("for")) {
            throw ApiException.badRequest("give either until or for, not both");
        }
        Instant now = wall.instant();
        if (body.containsKey("until")) {
            Instant until;
            try {
                until = Instant.parse(string(body, "until", "an ISO-8601 instant such as 2026-01-02T03:04:05Z"));
            } catch (DateTimeParseException e) {
                throw ApiException.badField("until", "not an ISO-8601 instant such as 2026-01-02T03:04:05Z");
            }
            if (!until.isAfter(now) || until.isAfter(now.plus(MAX_MAINTENANCE))) {
                throw ApiException.badField("until", "must be in the future and at most " + MAX_MAINTENANCE.toDays()
                        + " days (" + Durations.format(MAX_MAINTENANCE) + ") ahead: from " + now + " to "
                        + now.plus(MAX_MAINTENANCE));
            }
            return until;
        }
        if (body.containsKey("for")) {
            Duration length;
            try {
                length = Durations.parse(string(body, "for", "a duration such as 2h or 30m"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("for", e.getMessage());
            }
            if (!length.isPositive() || length.compareTo(MAX_MAINTENANCE) > 0) {
                throw ApiException.badField("for", "must be longer than 0s and at most " + Durations.format(MAX_MAINTENANCE));
            }
            return now.plus(length);
        }
        return null;
    }

    private static String string(JsonObject body, String key, String expected) {
        JsonValue value = body.get(key);
        if (!(value instanceof JsonString text)) {
            throw ApiException.badField(key, "must be a string: " + expected);
        }
        return text.getString();
    }
}
