package io.cpra.core.engine;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.Intervention;
import io.cpra.plugin.api.InterventionOutcome;
import io.cpra.plugin.api.InterventionRequest;
import io.cpra.plugin.api.Notifier;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

/**
 * Every call the engine makes into plugin code, in one place (DESIGN.md, "Boundaries").
 *
 * <p>Two kinds of call. The plugin's work — a check, an intervention attempt, a delivery — runs
 * on a pool's virtual thread, whose worker turns whatever the plugin throws into a failed
 * outcome; those calls are plain here. The few calls made on the engine thread itself — a
 * check's or notifier's destination — are guarded here: what they throw becomes the empty
 * destination and a log line, never the end of the thread. Closing instances never happens on
 * the engine thread at all: {@link Closer} does it.
 *
 * <p>An ArchUnit rule keeps it so: nothing else in the engine calls a plugin interface.
 */
final class PluginCalls {

    private static final System.Logger LOG = System.getLogger(PluginCalls.class.getName());

    private PluginCalls() {
    }

    // ---- on a pool's worker (its fault barrier catches) ---------------------------------

    static PulseOutcome check(PulseCheck check, Deadline deadline) throws InterruptedException {
        return check.check(deadline);
    }

    static InterventionOutcome intervene(Intervention intervention, InterventionRequest request, Deadline deadline)
            throws InterruptedException {
        return intervention.intervene(request, deadline);
    }

    static void close(AutoCloseable instance) throws Exception {
        instance.close();
    }

    // ---- on the engine thread: guarded -------------------------------------------------

    /** The check's destination ({@code host:port}), or empty when it has none or its method failed. */
    static String destination(PulseCheck check) {
        try {
            String destination = check.destination();
            return destination == null ? "" : destination;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, () -> check.getClass().getName()
                    + ".destination() threw; the check is limited with the pool only: " + e);
            return "";
        }
    }

    /** The notifier's destination, or empty when it has none or its method failed. */
    static String destination(Notifier notifier) {
        try {
            String destination = notifier.destination();
            return destination == null ? "" : destination;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, () -> notifier.getClass().getName()
                    + ".destination() threw: " + e);
            return "";
        }
    }
}
