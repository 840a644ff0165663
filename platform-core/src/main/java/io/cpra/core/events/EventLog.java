package io.cpra.core.events;

import io.cpra.core.engine.EngineEvent;
import io.cpra.plugin.api.Durations;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the events an operator wants in the server log: codes, incidents, interventions and
 * failed deliveries, one line each. Stage changes without a code are left to the live stream.
 */
public final class EventLog implements Consumer<EngineEvent> {

    private static final System.Logger LOG = System.getLogger("io.cpra.events");

    @Override
    public void accept(EngineEvent event) {
        switch (event) {
            case EngineEvent.CodeRaised code -> LOG.log(code.colour().ordinal() == 1 ? System.Logger.Level.WARNING
                    : System.Logger.Level.INFO, code.colour().key().toUpperCase(Locale.ROOT) + " " + code.monitor()
                    + (code.suppressed() ? " (suppressed by cooldown)" : code.dispatched() ? " -> " + code.notifier() : "")
                    + ": " + code.summary());
            case EngineEvent.IncidentOpened opened -> LOG.log(System.Logger.Level.INFO,
                    "incident " + opened.incidentId() + " opened for " + opened.monitor() + ": " + opened.cause());
            case EngineEvent.IncidentClosed closed -> LOG.log(System.Logger.Level.INFO,
                    "incident " + closed.incidentId() + " closed for " + closed.monitor() + " after "
                            + Durations.format(closed.lasted().withNanos(0)));
            case EngineEvent.InterventionStarted started -> LOG.log(System.Logger.Level.INFO,
                    started.action() + " intervention attempt " + started.attempt() + " on " + started.monitor());
            case EngineEvent.InterventionFinished finished -> LOG.log(System.Logger.Level.INFO,
                    finished.action() + " intervention attempt " + finished.attempt() + " on " + finished.monitor()
                            + (finished.success() ? " succeeded: " : " failed: ") + finished.message());
            case EngineEvent.DeliveryFinished delivery when !delivery.delivered() -> LOG.log(System.Logger.Level.WARNING,
                    "delivery of " + delivery.alertId() + " (" + delivery.colour().key() + " " + delivery.monitor()
                            + ") to " + delivery.notifier() + " failed, attempt " + delivery.attempt() + ": "
                            + delivery.message()
                            + (delivery.deadLettered() ? "; giving up" : "; next attempt at " + delivery.nextAttempt()));
            default -> { }
        }
    }
}
