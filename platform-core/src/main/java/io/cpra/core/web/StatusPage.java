package io.cpra.core.web;

import io.cpra.core.engine.MonitorView;
import io.cpra.core.storage.IncidentRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one status page shows at one moment, gathered from the engine, storage and the uptime
 * history: sections of services with their public state and daily uptime, open incidents and
 * maintenance, past incidents. Holds only what may be public: names (or the configured
 * labels), states, times, and incident causes only when the page allows messages. Immutable.
 *
 * @param settings    the page's configuration
 * @param overall     the worst state of every service on the page
 * @param sections    one per configured entry, in order
 * @param open        open incidents, newest first
 * @param past        closed incidents, newest first, at most {@link #PAST_INCIDENTS}
 * @param maintenance services in maintenance, with when it ends ({@code null}: until an operator ends it)
 * @param history     whether any uptime history is recorded
 * @param at          when it was gathered
 */
record StatusPage(StatusPageSettings settings, PublicState overall, List<Section> sections, List<Incident> open,
                  List<Incident> past, List<Service> maintenance, boolean history, Instant at) {

    /** The daily bars of a service. */
    static final int DAYS = 90;
    /** Past incidents shown. */
    static final int PAST_INCIDENTS = 10;
    /** Members of one group listed on a page; the rest are summed up in a line. */
    static final int GROUP_CAP = 200;
    /** Monitors whose past incidents are looked up (each is one storage read). */
    private static final int INCIDENT_LOOKUPS = 200;

    /**
     * One configured entry: a monitor, or a group with its members.
     *
     * @param heading  the group's shown name, or {@code null} for a single monitor
     * @param state    the worst state of its services
     * @param services its services
     * @param more     whether the group has more members than are listed
     */
    record Section(String heading, PublicState state, List<Service> services, boolean more) {
    }

    /**
     * One monitor as shown.
     *
     * @param name             its shown name
     * @param state            its public state
     * @param maintenanceUntil when its maintenance ends, or {@code null}
     * @param days             its daily uptime, oldest first, or empty without history
     */
    record Service(String name, PublicState state, Instant maintenanceUntil, Optional<double[]> days) {
    }

    /**
     * An incident as shown.
     *
     * @param service  the service's shown name
     * @param openedAt when it opened
     * @param closedAt when it closed, or {@code null}
     * @param cause    what opened it, or {@code null} when the page keeps messages private
     */
    record Incident(String service, Instant openedAt, Instant closedAt, String cause) {
    }

    /**
     * Gathers a page.
     *
     * @param settings the page
     * @param reads    the engine and storage
     * @param uptime   the uptime history
     * @param now      the time to stamp it with
     * @return the page
     */
    static StatusPage gather(StatusPageSettings settings, Reads reads, UptimeHistory uptime, Instant now) {
        List<Section> sections = new ArrayList<>();
        Map<String, String> shown = new HashMap<>();
        List<Service> maintenance = new ArrayList<>();
        List<Incident> open = new ArrayList<>();
        PublicState overall = PublicState.UNKNOWN;
        boolean history = false;
        for (StatusPageSettings.Service entry : settings.services()) {
            List<MonitorView> views;
            boolean more = false;
            if (entry.monitor() != null) {
                views = reads.monitor(entry.monitor()).map(List::of).orElse(List.of());
            } else {
                Reads.Members members = reads.group(entry.group(), GROUP_CAP);
                views = members.monitors();
                more = members.more();
            }
            List<Service> services = new ArrayList<>();
            PublicState sectionState = PublicState.UNKNOWN;
            for (MonitorView view : views) {
                String name = entry.monitor() != null ? entry.shownName() : view.name();
                PublicState state = PublicState.of(view);
                Optional<double[]> days = uptime.daily(view.name(), DAYS);
                history |= days.isPresent();
                Service service = new Service(name, state, view.maintenanceUntil(), days);
                services.add(service);
                shown.putIfAbsent(view.name(), name);
                sectionState = sectionState.worse(state);
                if (state == PublicState.MAINTENANCE) {
                    maintenance.add(service);
                }
            }
            if (entry.monitor() != null && views.isEmpty()) {
                services.add(new Service(entry.shownName(), PublicState.UNKNOWN, null, Optional.empty()));
            }
            overall = overall.worse(sectionState);
            sections.add(new Section(entry.monitor() != null ? null : entry.shownName(), sectionState, services, more));
        }
        List<Incident> past = new ArrayList<>();
        int lookups = 0;
        for (Map.Entry<String, String> monitor : shown.entrySet()) {
            if (lookups++ >= INCIDENT_LOOKUPS) {
                break;
            }
            for (IncidentRecord record : reads.incidents(monitor.getKey(), true, 5)) {
                open.add(incident(record, monitor.getValue(), settings.showMessages()));
            }
            for (IncidentRecord record : reads.incidents(monitor.getKey(), false, PAST_INCIDENTS)) {
                past.add(incident(record, monitor.getValue(), settings.showMessages()));
            }
        }
        Comparator<Incident> newestFirst = Comparator.comparing(Incident::openedAt).reversed();
        open.sort(newestFirst);
        past.sort(newestFirst);
        return new StatusPage(settings, overall, List.copyOf(sections), List.copyOf(open),
                List.copyOf(past.subList(0, Math.min(PAST_INCIDENTS, past.size()))), List.copyOf(maintenance), history, now);
    }

    private static Incident incident(IncidentRecord record, String service, boolean showMessages) {
        return new Incident(service, record.openedAt(), record.closedAt(), showMessages ? record.cause() : null);
    }
}
