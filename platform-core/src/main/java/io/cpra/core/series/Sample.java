package io.cpra.core.series;

import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.PulseOutcome;

/**
 * What one monitor's series show, copied from the engine's answer to a listing. Immutable.
 *
 * @param monitor       the monitor's name
 * @param group         the configured group it was selected through
 * @param status        its last check's status, or {@code null} before its first check
 * @param latencyMicros its last check's latency in microseconds
 * @param stage         its lifecycle stage
 */
record Sample(String monitor, String group, PulseOutcome.Status status, long latencyMicros, Stage stage) {

    /** 1 when the last check passed (OK or WARNING, as blackbox's probe_success), 0 when not, NaN before the first. */
    double up() {
        if (status == null) {
            return Double.NaN;
        }
        return status == PulseOutcome.Status.OK || status == PulseOutcome.Status.WARNING ? 1 : 0;
    }

    /** The last check's latency in seconds, NaN before the first. */
    double latencySeconds() {
        return status == null ? Double.NaN : latencyMicros / 1e6;
    }
}
