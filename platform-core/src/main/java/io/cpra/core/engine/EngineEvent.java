package io.cpra.core.engine;

import io.cpra.core.engine.lifecycle.LifecycleState;
import io.cpra.core.engine.lifecycle.Stage;
import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something worth recording happened to a monitor: the events that storage keeps, the live
 * stream shows and incident timelines are made of. Pulse outcomes are not events one by one
 * (a million a second would drown everything); their effects are. Immutable.
 */
public sealed interface EngineEvent {

    /** @return when it happened */
    Instant at();

    /** @return the monitor it happened to */
    String monitor();

    /**
     * The monitor moved to another stage.
     *
     * @param at         when
     * @param monitor    which monitor
     * @param from       the stage it left
     * @param to         the stage it entered
     * @param incidentId the open incident's id, or 0
     * @param cause      the pulse or intervention message that moved it, or the command
     * @param state      the monitor's whole lifecycle state after the change, for a restart to resume from
     * @param checks     the check outcomes that led here and were not yet reported with an earlier
     *                   change, oldest first; empty for a monitor that had been fine
     */
    record StageChanged(Instant at, String monitor, Stage from, Stage to, long incidentId, String cause,
                        LifecycleState state, List<MonitorView.Outcome> checks) implements EngineEvent {

        /** Copies the list. */
        public StageChanged {
            checks = List.copyOf(checks);
        }
    }

    /**
     * An incident opened.
     *
     * @param at         when
     * @param monitor    which monitor
     * @param incidentId its id
     * @param cause      the failure that opened it
     * @param checks     the check outcomes that led to it, oldest first (the last few kept)
     */
    record IncidentOpened(Instant at, String monitor, long incidentId, String cause, List<MonitorView.Outcome> checks)
            implements EngineEvent {

        /** Copies the list. */
        public IncidentOpened {
            checks = List.copyOf(checks);
        }
    }

    /**
     * An incident closed (green).
     *
     * @param at         when
     * @param monitor    which monitor
     * @param incidentId its id
     * @param lasted     how long it was open
     */
    record IncidentClosed(Instant at, String monitor, long incidentId, Duration lasted) implements EngineEvent {
    }

    /**
     * A code was raised, or suppressed by its cooldown.
     *
     * @param at         when
     * @param monitor    which monitor
     * @param colour     the colour
     * @param alertId    the code's id, carried by every delivery attempt
     * @param incidentId the incident it belongs to, or 0
     * @param suppressed true when the cooldown kept it back
     * @param dispatched true when it goes to a notifier; false for an event-only code (no
     *                   {@code codes.<colour>} block, or {@code dispatch: false}) and when suppressed
     * @param notifier   the notifier's type, or an empty string
     * @param summary    the rendered summary
     * @param alert      the rendered alert, as notifiers receive it
     */
    record CodeRaised(Instant at, String monitor, Colour colour, String alertId, long incidentId,
                      boolean suppressed, boolean dispatched, String notifier, String summary, Alert alert)
            implements EngineEvent {
    }

    /**
     * A delivery job for a code ended.
     *
     * @param at          when
     * @param monitor     which monitor
     * @param colour      the code's colour
     * @param alertId     the code's id
     * @param incidentId  the incident the code belongs to, or 0
     * @param notifier    the notifier's type
     * @param destination the notifier's destination, or an empty string
     * @param attempt     which delivery job this was, from 1
     * @param delivered   whether the receiver accepted it
     * @param nextAttempt when another attempt is scheduled, or {@code null} when none is: after
     *                    success, a permanent rejection, or the last allowed attempt (dead letter)
     * @param message     the receiver's answer or the failure
     */
    record DeliveryFinished(Instant at, String monitor, Colour colour, String alertId, long incidentId, String notifier,
                            String destination, int attempt, boolean delivered, Instant nextAttempt,
                            String message) implements EngineEvent {

        /** @return true when the code was given up on without being delivered */
        public boolean deadLettered() {
            return !delivered && nextAttempt == null;
        }
    }

    /**
     * An intervention attempt started.
     *
     * @param at         when
     * @param monitor    which monitor
     * @param incidentId the incident it tries to resolve
     * @param action     the intervention's type
     * @param attempt    which attempt, from 1
     */
    record InterventionStarted(Instant at, String monitor, long incidentId, String action, int attempt)
            implements EngineEvent {
    }

    /**
     * An intervention attempt ended.
     *
     * @param at         when
     * @param monitor    which monitor
     * @param incidentId the incident it tried to resolve
     * @param action     the intervention's type
     * @param attempt    which attempt
     * @param success    whether the action was carried out
     * @param message    the plugin's message
     */
    record InterventionFinished(Instant at, String monitor, long incidentId, String action, int attempt,
                                boolean success, String message) implements EngineEvent {
    }
}
