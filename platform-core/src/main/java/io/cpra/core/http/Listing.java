package io.cpra.core.http;

import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.MonitorSort;
import io.cpra.core.engine.lifecycle.Code;
import io.cpra.core.engine.lifecycle.Stage;
import io.helidon.common.parameters.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
 * <p>Without {@code sort} a listing follows the engine's rows and its cursor is a row. With
 * {@code sort} ({@code name}, {@code colour}, {@code stage}, {@code last_check}, {@code type})
 * and {@code order} ({@code asc}, the default, or {@code desc}), its cursor is the last key of
 * the previous page (keyset paging), so pages stay correct while monitors come and go; a
 * monitor whose key changes between two pages (its stage, its last check) may be seen twice
 * or not at all, as in any live sorted view. {@code order} alone sorts by name.
 *
 * @param query  the filters
 * @param limit  the most monitors on a page
 * @param cursor the engine's row cursor to start from, 0 for the first page; unused when sorted
 * @param sort   the order and the key the page continues after, or {@code null} for row order
 */
record Listing(MonitorQuery query, int limit, int cursor, MonitorSort sort) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Names are at most 200 characters, so no useful filter is longer. */
    static final int MAX_FILTER_LENGTH = 200;
    static final Set<String> PARAMETERS = Set.of("stage", "colour", "group", "notify_group", "type", "prefix",
            "search", "limit", "cursor", "sort", "order");
    static final List<String> SORTS = List.of("name", "colour", "stage", "last_check", "type");
    static final List<String> ORDERS = List.of("asc", "desc");

    private static final String CURSOR_VERSION = "1";
    private static final String SORTED_CURSOR_VERSION = "s1";

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
        String sortName = read.oneOf("sort", SORTS);
        String orderName = read.oneOf("order", ORDERS);
        String cursor = read.cursor();
        if (sortName == null && orderName == null) {
            int row = cursor == null ? 0 : decode(cursor, query, read);
            read.check();
            return new Listing(query, limit, row, null);
        }
        MonitorSort.Field field = MonitorSort.Field.valueOf((sortName == null ? "name" : sortName).toUpperCase(Locale.ROOT));
        boolean descending = "desc".equals(orderName);
        MonitorSort first = new MonitorSort(field, descending, null);
        MonitorSort.Key after = cursor == null ? null : decodeKey(cursor, query, first, read);
        read.check();
        return new Listing(query, limit, 0, new MonitorSort(field, descending, after));
    }

    /**
     * The cursor of the sorted page that starts after a key, for these filters and this order.
     *
     * @param last  the last key of the page just served
     * @param query the filters it continues
     * @param sort  the order it continues
     * @return the opaque text
     */
    static String encode(MonitorSort.Key last, MonitorQuery query, MonitorSort sort) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String plain = SORTED_CURSOR_VERSION + ":" + last.number() + ":"
                + b64.encodeToString(last.text().getBytes(StandardCharsets.UTF_8)) + ":"
                + b64.encodeToString(last.name().getBytes(StandardCharsets.UTF_8)) + ":"
                + Integer.toHexString(tag(query, sort));
        return b64.encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    private static MonitorSort.Key decodeKey(String text, MonitorQuery query, MonitorSort sort, QueryParameters read) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length == 5 && parts[0].equals(SORTED_CURSOR_VERSION)) {
                MonitorSort.Key key = new MonitorSort.Key(Long.parseLong(parts[1]),
                        new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8),
                        new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8));
                if (Integer.parseUnsignedInt(parts[4], 16) != tag(query, sort)) {
                    read.reject("cursor", "this cursor belongs to a listing with other filters or another order;"
                            + " repeat the filters, sort and order it came with");
                }
                return key;
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException too: falls through to the generic complaint
        }
        read.reject("cursor", "not a cursor this server issued; pass the \"next\" value of the previous page");
        return null;
    }

    private static int tag(MonitorQuery query, MonitorSort sort) {
        return Objects.hash(tag(query), sort.field().name(), sort.descending());
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
