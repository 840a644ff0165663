package io.cpra.plugin.testkit;

import io.cpra.plugin.api.Deadline;

import java.time.Duration;

/**
 * Deadlines on the system clock for tests that really block: a short one for a call that must
 * give up soon, a passed one for a call that must not start, a long one for a call that must
 * not be cut short. For tests that must not depend on timing, use {@link TestClock}.
 * Thread-safe; no state.
 */
public final class Deadlines {

    /** What {@link #shortly()} leaves a call: long enough to open a loopback socket, short enough to keep tests fast. */
    public static final Duration SHORT = Duration.ofMillis(200);

    private Deadlines() {
    }

    /**
     * A deadline {@link #SHORT} from now.
     *
     * @return the deadline
     */
    public static Deadline shortly() {
        return Deadline.after(SHORT);
    }

    /**
     * A deadline that has already passed.
     *
     * @return the deadline
     */
    public static Deadline expired() {
        return Deadline.at(System.nanoTime() - 1, System::nanoTime);
    }

    /**
     * A deadline far enough away not to matter: a minute.
     *
     * @return the deadline
     */
    public static Deadline generous() {
        return Deadline.after(Duration.ofMinutes(1));
    }
}
