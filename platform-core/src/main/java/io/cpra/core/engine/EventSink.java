package io.cpra.core.engine;

/**
 * Where the engine sends its events. Called on the engine thread, so an implementation must
 * return at once: hand the event to a queue of its own, never do I/O in {@link #publish}.
 */
@FunctionalInterface
public interface EventSink {

    /** A sink that drops everything. */
    EventSink NONE = event -> { };

    /**
     * Takes one event.
     *
     * @param event the event
     */
    void publish(EngineEvent event);

    /**
     * A sink that sends every event to this one and then to {@code next}.
     *
     * @param next the other sink
     * @return the combined sink
     */
    default EventSink andThen(EventSink next) {
        return event -> {
            publish(event);
            next.publish(event);
        };
    }
}
