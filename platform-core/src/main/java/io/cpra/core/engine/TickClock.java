package io.cpra.core.engine;

/**
 * The current tick's time on the engine's nanosecond clock, read by every part of the engine
 * so that one tick has one notion of now. The engine loop sets it at the start of each tick.
 * Engine thread only.
 *
 * <p>It also keeps times in the store's columns small: a time a monitor needs for a long while
 * (when a colour was last raised, when its last check started) is kept as an {@code int} of
 * {@link #UNIT_NANOS} units from the engine's start — four bytes instead of eight, in steps of
 * a tenth of a second, for some 6.8 years either side of the start.
 */
final class TickClock {

    /** The unit of times kept in columns: 100 ms. */
    static final long UNIT_NANOS = 100_000_000L;

    private final long origin;
    private long now;

    TickClock(long now) {
        this.origin = now;
        this.now = now;
    }

    /** A time as a column keeps it: whole units from the engine's start, rounded down, clamped. */
    int units(long nanos) {
        return (int) Math.clamp(Math.floorDiv(nanos - origin, UNIT_NANOS), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The time a column's units stand for. */
    long nanos(int units) {
        return origin + units * UNIT_NANOS;
    }

    long now() {
        return now;
    }

    void set(long now) {
        this.now = now;
    }
}
