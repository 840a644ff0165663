package io.cpra.core.http;

import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;
import io.helidon.common.parameters.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

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
    static final Set<String> PARAMETERS = Set.of("stage", "colour", "group", "notify_group", "type", "prefix",
            "search", "limit", "cursor");

    private static final String CURSOR_VERSION = "1";

    /**
     * Reads the parameters.
     *
     * @param parameters the query, already checked for unknown names
     * @return the listing
     * @throws ApiException 400 listing every bad parameter
     */
    static Listing of(Parameters parameters) {
        QueryParameters read = new QueryParameters(parameters);
        MonitorQuery query = new MonitorQuery(read.constant("stage", Stage.class, null),
                read.constant("colour", Code.class, null), read.name("group"), read.name("type"), read.name("prefix"),
                read.name("notify_group"), read.name("search"));
        int limit = read.limit();
        String cursor = read.cursor();
        int row = cursor == null ? 0 : decode(cursor, query, read);
        read.check();
        return new Listing(query, limit, row);
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

    private static int decode(String text, MonitorQuery query, QueryParameters read) {
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
                        read.reject("cursor", "this cursor belongs to a listing with other filters; repeat the filters it came with");
                    }
                    return row;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the generic complaint
        }
        read.reject("cursor", "not a cursor this server issued; pass the \"next\" value of the previous page");
        return 0;
    }

    /** A stable hash of the filters: stable across runs, unlike an enum's hash code. */
    private static int tag(MonitorQuery query) {
        return Objects.hash(query.stage() == null ? null : query.stage().name(), query.group(), query.pulseType(),
                query.namePrefix(), query.colour() == null ? null : query.colour().name(), query.notifyGroup(),
                query.search());
    }

}
