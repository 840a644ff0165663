package io.cpra.core.web;

import io.cpra.core.engine.Engine;
import io.cpra.core.engine.MonitorPage;
import io.cpra.core.engine.MonitorQuery;
import io.cpra.core.engine.MonitorView;
import io.cpra.core.storage.IncidentQuery;
import io.cpra.core.storage.IncidentRecord;
import io.cpra.core.storage.Storage;
import io.cpra.core.storage.StorageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reads the public pages make: monitors from the engine (as commands answered within a
 * tick, never by touching its rows) and incidents from storage. A busy or stopped engine is a
 * 503, never a hung request; storage that cannot be read leaves the incidents out rather than
 * failing the whole page. Thread-safe (stateless between calls).
 */
final class Reads {

    /** Far longer than a tick; only a stalled engine takes this long. */
    private static final long TIMEOUT_MILLIS = 10_000;
    /** Rows the engine scans per listing command is bounded; this many commands at most per group. */
    private static final int MAX_SCANS = 32;

    private final Engine engine;
    private final Storage storage;

    Reads(Engine engine, Storage storage) {
        this.engine = engine;
        this.storage = storage;
    }

    Optional<MonitorView> monitor(String name) {
        return await(engine.view(name));
    }

    /**
     * The monitors of a group in row order, at most {@code cap} of them.
     *
     * @return the members found, and whether more exist past the cap
     */
    Members group(String group, int cap) {
        MonitorQuery query = new MonitorQuery(null, null, group, null, null);
        List<MonitorView> found = new ArrayList<>();
        int next = 0;
        for (int scans = 0; scans < MAX_SCANS && next >= 0 && found.size() < cap; scans++) {
            MonitorPage page = await(engine.list(query, next, cap - found.size()));
            found.addAll(page.monitors());
            next = page.next();
        }
        return new Members(found, next >= 0);
    }

    /** A monitor's incidents, newest first; empty while storage cannot be read. */
    List<IncidentRecord> incidents(String monitor, boolean open, int limit) {
        try {
            return storage.incidents(new IncidentQuery(monitor, open), null, limit).items();
        } catch (StorageException e) {
            return List.of();
        }
    }

    private static <T> T await(CompletableFuture<T> reply) {
        try {
            return reply.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                throw new WebException(503, "the server is busy; try again");
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new WebException(503, "the server is busy; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebException(503, "the server is stopping");
        }
    }

    /**
     * A group's monitors.
     *
     * @param monitors the members read
     * @param more     whether more members exist than were read
     */
    record Members(List<MonitorView> monitors, boolean more) {
    }
}
