package io.cpra.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every query of the store, each on a connection the caller lends. Listings fetch one row more
 * than the limit to learn whether a next page exists, and page by key ({@code seq < cursor} or
 * {@code id < cursor}), never by offset, so a page costs the same at any depth. Stateless.
 */
final class Reads {

    /** Rows the driver fetches per round trip for whole-table reads (PostgreSQL streams them). */
    private static final int FETCH = 1000;

    private Reads() {
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static List<StoredMonitor> monitors(Connection connection) throws SQLException {
        return all(connection, "SELECT " + Rows.MONITOR + " FROM cpra_monitors ORDER BY name", Rows::monitor);
    }

    static List<MonitorHold> holds(Connection connection) throws SQLException {
        return all(connection, "SELECT " + Rows.HOLD + " FROM cpra_holds ORDER BY name", Rows::hold);
    }

    static List<MonitorSnapshot> snapshots(Connection connection) throws SQLException {
        return all(connection, "SELECT " + Rows.SNAPSHOT + " FROM cpra_snapshots ORDER BY name", Rows::snapshot);
    }

    static List<OutboxEntry> pendingCodes(Connection connection) throws SQLException {
        return all(connection, "SELECT " + Rows.OUTBOX + " FROM cpra_outbox WHERE state = 'PENDING' ORDER BY seq",
                row -> Rows.queued(row).entry());
    }

    static long maxIncidentId(Connection connection) throws SQLException {
        // the counter outlives prune; the table's own maximum covers a store written before it existed
        return number(connection, "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM cpra_incidents"
                + " UNION ALL SELECT value FROM cpra_counters WHERE name = 'max_incident_id') AS highs");
    }

    static long outboxDepth(Connection connection) throws SQLException {
        return number(connection, "SELECT COUNT(*) FROM cpra_outbox WHERE state = 'PENDING'");
    }

    static Page<IncidentRecord> incidents(Connection connection, IncidentQuery query, String cursor, int limit)
            throws SQLException {
        Cursors.checkLimit(limit);
        Where where = new Where();
        where.text("monitor = ?", query.monitor());
        if (query.open() != null) {
            where.plain(query.open() ? "closed_at IS NULL" : "closed_at IS NOT NULL");
        }
        if (cursor != null) {
            where.number("id < ?", Cursors.decode(Cursors.INCIDENTS, cursor));
        }
        List<IncidentRecord> rows = where.list(connection, "SELECT " + Rows.INCIDENT + " FROM cpra_incidents",
                "ORDER BY id DESC", limit + 1, Rows::incident);
        return page(rows, limit, last -> Cursors.encode(Cursors.INCIDENTS, last.id()));
    }

    static Optional<IncidentDetail> incident(Connection connection, long id) throws SQLException {
        // one transaction: on SQLite both reads see one snapshot; PostgreSQL (read committed) may see a
        // timeline entry newer than the incident row, which is harmless
        connection.setAutoCommit(false);
        try {
            return incidentWithTimeline(connection, id);
        } finally {
            JdbcStorage.commit(connection);
        }
    }

    private static Optional<IncidentDetail> incidentWithTimeline(Connection connection, long id) throws SQLException {
        Where byId = new Where().number("id = ?", id);
        List<IncidentRecord> found = byId.list(connection, "SELECT " + Rows.INCIDENT + " FROM cpra_incidents", "",
                1, Rows::incident);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Where timeline = new Where().plain("incident_id <> 0").number("incident_id = ?", id);
        List<EventRecord> events = timeline.list(connection, "SELECT " + Rows.EVENT + " FROM cpra_events",
                "ORDER BY seq", Integer.MAX_VALUE, Rows::event);
        return Optional.of(new IncidentDetail(found.getFirst(), events));
    }

    static Page<EventRecord> events(Connection connection, EventQuery query, String cursor, int limit)
            throws SQLException {
        Cursors.checkLimit(limit);
        Where where = new Where()
                .text("monitor = ?", query.monitor())
                .text("kind = ?", query.kind())
                .text("colour = ?", query.colour());
        if (query.since() != null) {
            where.number("at >= ?", query.since().toEpochMilli());
        }
        if (cursor != null) {
            where.number("seq < ?", Cursors.decode(Cursors.EVENTS, cursor));
        }
        List<EventRecord> rows = where.list(connection, "SELECT " + Rows.EVENT + " FROM cpra_events",
                "ORDER BY seq DESC", limit + 1, Rows::event);
        return page(rows, limit, last -> Cursors.encode(Cursors.EVENTS, last.seq()));
    }

    static Page<OutboxEntry> outbox(Connection connection, OutboxEntry.State state, String cursor, int limit)
            throws SQLException {
        Cursors.checkLimit(limit);
        Where where = new Where().text("state = ?", state.name());
        if (cursor != null) {
            where.number("seq > ?", Cursors.decode(Cursors.OUTBOX, cursor));
        }
        List<Rows.Queued> rows = where.list(connection, "SELECT " + Rows.OUTBOX + " FROM cpra_outbox",
                "ORDER BY seq", limit + 1, Rows::queued);
        Page<Rows.Queued> queued = page(rows, limit, last -> Cursors.encode(Cursors.OUTBOX, last.seq()));
        return new Page<>(queued.items().stream().map(Rows.Queued::entry).toList(), queued.next());
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, cursorAfter.apply(items.getLast()));
    }

    private static <T> List<T> all(Connection connection, String sql, Mapper<T> mapper) throws SQLException {
        // PostgreSQL streams by fetch size only inside a transaction
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        } finally {
            JdbcStorage.commit(connection);
        }
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A conjunction of conditions with their parameters; absent filters add nothing. */
    private static final class Where {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        Where text(String condition, String value) {
            if (value != null) {
                conditions.add(condition);
                parameters.add(value);
            }
            return this;
        }

        Where number(String condition, long value) {
            conditions.add(condition);
            parameters.add(value);
            return this;
        }

        Where plain(String condition) {
            conditions.add(condition);
            return this;
        }

        <T> List<T> list(Connection connection, String select, String order, int limit, Mapper<T> mapper)
                throws SQLException {
            StringBuilder sql = new StringBuilder(select);
            if (!conditions.isEmpty()) {
                sql.append(" WHERE ").append(String.join(" AND ", conditions));
            }
            sql.append(' ').append(order);
            if (limit != Integer.MAX_VALUE) {
                sql.append(" LIMIT ").append(limit);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    if (parameters.get(i) instanceof Long number) {
                        statement.setLong(i + 1, number);
                    } else {
                        statement.setString(i + 1, (String) parameters.get(i));
                    }
                }
                List<T> result = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                }
                return result;
            }
        }
    }
}
