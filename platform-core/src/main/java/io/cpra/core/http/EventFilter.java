package io.cpra.core.http;

import io.cpra.core.engine.EngineEvent;
import io.cpra.plugin.api.Colour;
import io.helidon.common.parameters.Parameters;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events a live-stream subscriber wants. Each parameter takes one value or a
 * comma-separated list; an event passes when it matches every parameter given. A colour filter
 * lets through only the kinds that have a colour (codes and deliveries). Immutable.
 *
 * @param monitors the monitors' names, or empty for all
 * @param colours  the colours, or empty for all (and for colourless kinds)
 * @param kinds    the kinds ({@link EventJson#KINDS}), or empty for all
 */
record EventFilter(Set<String> monitors, Set<Colour> colours, Set<String> kinds) implements Predicate<EngineEvent> {

    static final Set<String> PARAMETERS = Set.of("monitor", "colour", "kind");

    /** Copies the sets. */
    EventFilter {
        monitors = Set.copyOf(monitors);
        colours = colours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(colours));
        kinds = Set.copyOf(kinds);
    }

    /**
     * Reads the filter from the query.
     *
     * @param parameters the query, already checked for unknown names
     * @return the filter
     * @throws ApiException 400 naming an unknown colour or kind
     */
    static EventFilter of(Parameters parameters) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Set<String> monitors = list(parameters, "monitor");
        Set<Colour> colours = EnumSet.noneOf(Colour.class);
        for (String colour : list(parameters, "colour")) {
            try {
                colours.add(Colour.of(colour));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("colour", e.getMessage()));
            }
        }
        Set<String> kinds = list(parameters, "kind");
        for (String kind : kinds) {
            if (!EventJson.KINDS.contains(kind)) {
                errors.add(new ApiException.FieldError("kind", "unknown kind \"" + kind + "\"; expected one of "
                        + String.join(", ", EventJson.KINDS)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badParameters(errors);
        }
        return new EventFilter(monitors, colours, kinds);
    }

    @Override
    public boolean test(EngineEvent event) {
        if (!monitors.isEmpty() && !monitors.contains(event.monitor())) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(EventJson.kind(event))) {
            return false;
        }
        if (colours.isEmpty()) {
            return true;
        }
        Colour colour = EventJson.colour(event);
        return colour != null && colours.contains(colour);
    }

    private static Set<String> list(Parameters parameters, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String part : Call.value(parameters, name).orElse("").split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }
}
