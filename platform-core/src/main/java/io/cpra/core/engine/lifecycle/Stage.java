package io.cpra.core.engine.lifecycle;

/**
 * Where a monitor stands in its lifecycle. The ordinal is the value of the engine's stage
 * column, so constants are only ever appended.
 *
 * <p>Which stages an open incident goes with is an invariant of {@link LifecycleState}:
 * {@link #HEALTHY} and {@link #FAILING} never have one, {@link #INTERVENING},
 * {@link #VERIFYING} and {@link #INCIDENT} always have one, {@link #MAINTENANCE} and
 * {@link #UNREACHABLE} may.
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
    MAINTENANCE,
    /**
     * A parent it {@code depends_on} is down and explains its failures: no code, no incident, no
     * intervention until a pulse passes or the parents recover (then it is re-checked at once).
     */
    UNREACHABLE;

    private static final Stage[] BY_ORDINAL = values();

    /**
     * The code colour a monitor in this stage shows on a dashboard: the colour of the code that
     * brought it here, except that intervening shows cyan like verifying (help is under way).
     * {@link #UNREACHABLE} was reached without a code and has none; it shows
     * {@link #colourName() purple}.
     *
     * @return the colour, or {@code null} for {@link #UNREACHABLE}
     */
    public Code colour() {
        return switch (this) {
            case HEALTHY -> Code.GREEN;
            case FAILING -> Code.YELLOW;
            case INTERVENING, VERIFYING -> Code.CYAN;
            case INCIDENT -> Code.RED;
            case MAINTENANCE -> Code.GRAY;
            case UNREACHABLE -> null;
        };
    }

    /** The colour name every surface shows for an unreachable monitor. */
    public static final String UNREACHABLE_COLOUR = "purple";

    /**
     * The colour a monitor in this stage shows, as the API writes it: the lower-case name of
     * {@link #colour()}, or {@value #UNREACHABLE_COLOUR} for {@link #UNREACHABLE} (Icinga's
     * colour for it), so an unreachable monitor never looks red.
     *
     * @return a lower-case colour name
     */
    public String colourName() {
        Code code = colour();
        return code == null ? UNREACHABLE_COLOUR : code.name().toLowerCase(java.util.Locale.ROOT);
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
