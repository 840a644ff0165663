package io.cpra.core.http;

import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;
import io.helidon.common.parameters.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters of {@code GET /api/v1/monitors}: the filters, the page size and where to
 * start, read from the query and checked all at once. Immutable.
 *
 * <p>A cursor is opaque to clients. It wraps the engine's row cursor with a tag of the filters
 * it was issued for, so a cursor replayed with other filters is refused instead of silently
 * skipping monitors.
 *
 * @param query  the filters
 * @param limit  the most monitors on a page
 * @param cursor the engine's row cursor to start from, 0 for the first page
 */
record Listing(MonitorQuery query, int limit, int cursor) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Names are at most 200 characters, so no useful filter is longer. */
    static final int MAX_FILTER_LENGTH = 200;
    static final Set<String> PARAMETERS = Set.of("stage", "colour", "group", "type", "prefix", "limit", "cursor");

    private static final String CURSOR_VERSION = "1";
    private static final String STAGES = Arrays.stream(Stage.values()).map(Wire::name).collect(Collectors.joining(", "));
    private static final String COLOURS = Arrays.stream(Code.values()).map(Wire::name).collect(Collectors.joining(", "));

    /**
     * Reads the parameters.
     *
     * @param parameters the query, already checked for unknown names
     * @return the listing
     * @throws ApiException 400 listing every bad parameter
     */
    static Listing of(Parameters parameters) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Stage stage = Call.value(parameters, "stage").map(text -> stage(text, errors)).orElse(null);
        Code colour = Call.value(parameters, "colour").map(text -> colour(text, errors)).orElse(null);
        String group = filter(parameters, "group", errors);
        String type = filter(parameters, "type", errors);
        String prefix = filter(parameters, "prefix", errors);
        int limit = Call.value(parameters, "limit").map(text -> limit(text, errors)).orElse(DEFAULT_LIMIT);
        MonitorQuery query = new MonitorQuery(stage, colour, group, type, prefix);
        int cursor = Call.value(parameters, "cursor").map(text -> decode(text, query, errors)).orElse(0);
        if (!errors.isEmpty()) {
            throw ApiException.badParameters(errors);
        }
        return new Listing(query, limit, cursor);
    }

    /**
     * The cursor of the page that starts at an engine row, for these filters.
     *
     * @param row   the engine's {@code MonitorPage.next()}, at least 0
     * @param query the filters it continues
     * @return the opaque text
     */
    static String encode(int row, MonitorQuery query) {
        String plain = CURSOR_VERSION + ":" + row + ":" + Integer.toHexString(tag(query));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String text, MonitorQuery query, List<ApiException.FieldError> errors) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        try {
            if (parts.length == 3 && parts[0].equals(CURSOR_VERSION)) {
                int row = Integer.parseInt(parts[1]);
                if (row >= 0) {
                    if (Integer.parseUnsignedInt(parts[2], 16) != tag(query)) {
                        errors.add(new ApiException.FieldError("cursor",
                                "this cursor belongs to a listing with other filters; repeat the filters it came with"));
                    }
                    return row;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the generic complaint
        }
        errors.add(new ApiException.FieldError("cursor", "not a cursor this server issued; pass the \"next\" value of the previous page"));
        return 0;
    }

    /** A stable hash of the filters: stable across runs, unlike an enum's hash code. */
    private static int tag(MonitorQuery query) {
        return Objects.hash(query.stage() == null ? null : query.stage().name(), query.group(), query.pulseType(),
                query.namePrefix(), query.colour() == null ? null : query.colour().name());
    }

    private static Stage stage(String text, List<ApiException.FieldError> errors) {
        try {
            return Stage.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("stage", "unknown stage \"" + shorten(text) + "\"; one of " + STAGES));
            return null;
        }
    }

    private static Code colour(String text, List<ApiException.FieldError> errors) {
        try {
            return Code.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError("colour", "unknown colour \"" + shorten(text) + "\"; one of " + COLOURS));
            return null;
        }
    }

    private static String filter(Parameters parameters, String name, List<ApiException.FieldError> errors) {
        Optional<String> value = Call.value(parameters, name);
        if (value.isPresent() && value.get().length() > MAX_FILTER_LENGTH) {
            errors.add(new ApiException.FieldError(name, "longer than " + MAX_FILTER_LENGTH + " characters"));
            return null;
        }
        return value.orElse(null);
    }

    private static int limit(String text, List<ApiException.FieldError> errors) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        errors.add(new ApiException.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got \""
                + shorten(text) + "\""));
        return DEFAULT_LIMIT;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
