package io.cpra.core.engine.lifecycle;

/**
 * The colours of code a monitor's lifecycle raises. Declared in the same order as
 * {@code io.cpra.plugin.api.Colour}, so the engine maps one to the other by ordinal; this
 * package may not name the plugin API (it depends on {@code java.lang} and {@code java.util}
 * only).
 */
public enum Code {
    /** Degraded: the first failure of a healthy monitor. */
    YELLOW,
    /** An incident needs people: failures with nothing to try, attempts exhausted, verification failed. */
    RED,
    /** An intervention attempt succeeded; verification starts. */
    CYAN,
    /** Recovered; closes the open incident, if any. Never suppressed by a cooldown. */
    GREEN,
    /** Maintenance started. */
    GRAY;

    private static final Code[] BY_ORDINAL = values();

    /**
     * The colour with the given ordinal, without the copy {@link #values()} makes.
     *
     * @param ordinal a value written from {@link #ordinal()}
     * @return the colour
     * @throws ArrayIndexOutOfBoundsException when no colour has that ordinal
     */
    public static Code ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }
}
