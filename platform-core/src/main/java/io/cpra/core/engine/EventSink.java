package io.cpra.core.engine;

/**
 * Where the engine sends its events. Called on the engine thread, so an implementation must
 * return at once: hand the event to a queue of its own, never do I/O in {@link #publish}.
 *
 * <p>A sink that must not lose events but can fall behind (the journal, while storage is
 * down) says so through {@link #congested()}: the engine then stops applying results — the
 * only thing that produces events in numbers — until the sink catches up. The pools' queues
 * fill, due checks wait in the wheel and are counted as skipped, and nothing is dropped: that
 * is the back-pressure that keeps a sink's queue bounded.
 */
public interface EventSink {

    /** A sink that drops everything. */
    EventSink NONE = event -> { };

    /**
     * Takes one event. Never refuses: a sink keeps room for what one engine step publishes
     * beyond the point where it reports itself {@link #congested()}.
     *
     * @param event the event
     */
    void publish(EngineEvent event);

    /**
     * Whether the engine should hold back events for now. Called on the engine thread once per
     * tick; must be cheap.
     *
     * @return true while the sink's queue is over its bound
     */
    default boolean congested() {
        return false;
    }

    /**
     * A sink that sends every event to this one and then to {@code next}; congested when either is.
     *
     * @param next the other sink
     * @return the combined sink
     */
    default EventSink andThen(EventSink next) {
        EventSink first = this;
        return new EventSink() {
            @Override
            public void publish(EngineEvent event) {
                first.publish(event);
                next.publish(event);
            }

            @Override
            public boolean congested() {
                return first.congested() || next.congested();
            }
        };
    }
}
