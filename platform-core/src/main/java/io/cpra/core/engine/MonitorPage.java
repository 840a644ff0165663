package io.cpra.core.engine;

import java.util.List;

/**
 * One page of a monitor listing. Immutable.
 *
 * @param monitors the matches, in row order
 * @param next     the cursor of the next page, or -1 when the listing is complete; a page may
 *                 hold fewer matches than asked when the engine stopped scanning to keep its tick
 *                 short, so only {@code next == -1} means the end
 */
public record MonitorPage(List<MonitorView> monitors, int next) {

    /** Copies the list. */
    public MonitorPage {
        monitors = List.copyOf(monitors);
    }
}
