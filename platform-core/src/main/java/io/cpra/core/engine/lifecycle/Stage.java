package io.cpra.core.engine.lifecycle;

/**
 * Where a monitor stands in its lifecycle. The ordinal is the value of the engine's stage
 * column, so constants are only ever appended.
 *
 * <p>Which stages an open incident goes with is an invariant of {@link LifecycleState}:
 * {@link #HEALTHY} and {@link #FAILING} never have one, {@link #INTERVENING},
 * {@link #VERIFYING} and {@link #INCIDENT} always have one, {@link #MAINTENANCE} may.
 */
public enum Stage {
    /** Passing; no failure since the last recovery. */
    HEALTHY,
    /** Failed at least once (yellow raised) but not yet {@code unhealthy_threshold} times in a row. */
    FAILING,
    /** An intervention attempt is in flight or its retry is scheduled; pulses do not move the stage. */
    INTERVENING,
    /** An intervention succeeded (cyan); the next verification pulses decide between green and red. */
    VERIFYING,
    /** An incident is open and nothing automated is left to try; passing pulses close it. */
    INCIDENT,
    /** Pulses and codes are suppressed until maintenance ends. */
    MAINTENANCE;

    private static final Stage[] BY_ORDINAL = values();

    /**
     * The colour a monitor in this stage shows on a dashboard: the colour of the code that
     * brought it here, except that intervening shows cyan like verifying (help is under way).
     *
     * @return the colour
     */
    public Code colour() {
        return switch (this) {
            case HEALTHY -> Code.GREEN;
            case FAILING -> Code.YELLOW;
            case INTERVENING, VERIFYING -> Code.CYAN;
            case INCIDENT -> Code.RED;
            case MAINTENANCE -> Code.GRAY;
        };
    }

    /**
     * The stage stored as {@code ordinal} in a column, without the copy {@link #values()} makes.
     *
     * @param ordinal a value written from {@link #ordinal()}
     * @return the stage
     * @throws ArrayIndexOutOfBoundsException when no stage has that ordinal
     */
    public static Stage ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }
}
