package io.cpra.core.engine;

/**
 * The current tick's time on the engine's nanosecond clock, read by every part of the engine
 * so that one tick has one notion of now. The engine loop sets it at the start of each tick.
 * Engine thread only.
 */
final class TickClock {

    private long now;

    TickClock(long now) {
        this.now = now;
    }

    long now() {
        return now;
    }

    void set(long now) {
        this.now = now;
    }
}
