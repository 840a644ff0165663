package io.cpra.core.engine.lifecycle;

import java.util.Locale;

/**
 * One monitor's lifecycle state: an immutable value of primitives whose components map one to
 * one onto the engine's struct-of-arrays columns. The engine builds one from a row, hands it
 * to {@link Lifecycle#step} and writes the next state back only when
 * {@link Transition#stateChanged()}.
 *
 * <p>Invariants, checked on construction so that a corrupt row fails where it is read:
 * <ul>
 *   <li>every counter is {@code >= 0} and {@code flags} uses only its nine low bits;</li>
 *   <li>{@link Stage#HEALTHY} and {@link Stage#FAILING} have no open incident;
 *       {@link Stage#INTERVENING}, {@link Stage#VERIFYING} and {@link Stage#INCIDENT} have one;</li>
 *   <li>{@link Stage#HEALTHY} has no consecutive failure;</li>
 *   <li>an attempt is in flight only in {@link Stage#INTERVENING}, and verification pulses
 *       remain only in {@link Stage#VERIFYING};</li>
 *   <li>red can have been raised only for an open incident;</li>
 *   <li>a green is owed ({@link #OWES_GREEN}) only in {@link Stage#UNREACHABLE} without an incident;</li>
 *   <li>failing before maintenance ({@link #FAILING_BEFORE_MAINTENANCE}) is remembered only in {@link Stage#MAINTENANCE}.</li>
 * </ul>
 *
 * <p>Cooldown bookkeeping uses a time per colour plus a flag saying the time is set, so any
 * {@code long} is a valid time, including {@link Long#MIN_VALUE} and values across zero.
 *
 * @param stage               where the monitor stands
 * @param consecutiveFailures failing pulses in a row; saturates at {@link Integer#MAX_VALUE}
 * @param successStreak       passing pulses in a row; stops growing at the policy's {@code healthy_threshold}
 * @param attempts            number of the intervention attempt last started or scheduled in the
 *                            current episode; 0 when none
 * @param verifyRemaining     verification pulses still to pass; 0 outside {@link Stage#VERIFYING}
 * @param incidentSeq         number of incidents this monitor has opened; the open (or last) incident's number
 * @param flags               {@link #INCIDENT_OPEN}, {@link #RED_RAISED}, {@link #ATTEMPT_IN_FLIGHT}, {@link #FAILING_BEFORE_MAINTENANCE},
 *                            {@link #OWES_GREEN} and one
 *                            {@link #timeSetFlag(Code) time-set flag} per colour with a cooldown
 * @param yellowAt            when yellow was last raised (valid when its time-set flag is on)
 * @param redAt               when red was last raised (likewise)
 * @param cyanAt              when cyan was last raised (likewise)
 * @param grayAt              when gray was last raised (likewise)
 */
public record LifecycleState(Stage stage,
                             int consecutiveFailures,
                             int successStreak,
                             int attempts,
                             int verifyRemaining,
                             int incidentSeq,
                             int flags,
                             long yellowAt,
                             long redAt,
                             long cyanAt,
                             long grayAt) {

    /** Flag: an incident is open. */
    public static final int INCIDENT_OPEN = 1;
    /** Flag: red was raised (or suppressed by its cooldown) for the open incident. */
    public static final int RED_RAISED = 1 << 1;
    /** Flag: an intervention attempt is in flight (as opposed to scheduled). */
    public static final int ATTEMPT_IN_FLIGHT = 1 << 2;
    /**
     * Flag: the monitor was failing (without an incident) when maintenance began; only in
     * {@link Stage#MAINTENANCE}. It takes bit 6, the bit of green's time-set flag, which is never
     * set (green has no cooldown).
     */
    public static final int FAILING_BEFORE_MAINTENANCE = 1 << 6;
    /**
     * Flag: the monitor became unreachable while failing, so its yellow still waits for a green.
     * Bit 8, above gray's time-set flag: the byte is full, and it must not share bit 6 with
     * {@link #FAILING_BEFORE_MAINTENANCE} even though the two live in different stages, so that
     * a flag left over by one transition can never be read as the other.
     */
    public static final int OWES_GREEN = 1 << 8;

    private static final int TIME_SET_SHIFT = 3;
    /** Bits 0&ndash;8: three flags (0&ndash;2), four time-set flags (3&ndash;5, 7), failing before maintenance (6), owes green (8). */
    private static final int ALL_FLAGS = 0x1FF;

    /** A monitor never checked: healthy, all counters zero, no incident, no code raised yet. */
    public static final LifecycleState INITIAL =
            new LifecycleState(Stage.HEALTHY, 0, 0, 0, 0, 0, 0, 0L, 0L, 0L, 0L);

    /**
     * Checks the invariants listed on the type.
     *
     * @throws NullPointerException     when {@code stage} is null
     * @throws IllegalArgumentException naming the component that breaks an invariant
     */
    public LifecycleState {
        if (stage == null) {
            throw new NullPointerException("stage");
        }
        if ((consecutiveFailures | successStreak | attempts | verifyRemaining | incidentSeq) < 0) {
            throw new IllegalArgumentException("negative counter in " + describe(stage, consecutiveFailures,
                    successStreak, attempts, verifyRemaining, incidentSeq, flags));
        }
        if ((flags & ~ALL_FLAGS) != 0) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(flags) + " use bits above 0x1ff");
        }
        boolean open = (flags & INCIDENT_OPEN) != 0;
        switch (stage) {
            case HEALTHY, FAILING -> require(!open, stage, "has an open incident");
            case INTERVENING, VERIFYING, INCIDENT -> require(open, stage, "has no open incident");
            case MAINTENANCE, UNREACHABLE -> { }
        }
        require(stage != Stage.HEALTHY || consecutiveFailures == 0, stage, "has consecutive failures");
        require((flags & ATTEMPT_IN_FLIGHT) == 0 || stage == Stage.INTERVENING, stage, "has an attempt in flight");
        require(verifyRemaining == 0 || stage == Stage.VERIFYING, stage, "has verification pulses remaining");
        require((flags & RED_RAISED) == 0 || open, stage, "has red raised without an open incident");
        require((flags & OWES_GREEN) == 0 || (stage == Stage.UNREACHABLE && !open), stage,
                "owes a green outside an unreachable spell without an incident");
        require((flags & FAILING_BEFORE_MAINTENANCE) == 0 || stage == Stage.MAINTENANCE, stage,
                "remembers failing before maintenance");
    }

    /**
     * The flag saying that {@code colour}'s last-raised time is set. Green has none: it is
     * never suppressed.
     *
     * @param colour a colour other than green
     * @return a single bit of {@link #flags()}
     * @throws IllegalArgumentException for green
     */
    public static int timeSetFlag(Code colour) {
        if (colour == Code.GREEN) {
            throw new IllegalArgumentException("green has no cooldown");
        }
        return 1 << (TIME_SET_SHIFT + colour.ordinal());
    }

    /**
     * Whether an incident is open.
     *
     * @return the {@link #INCIDENT_OPEN} flag
     */
    public boolean incidentOpen() {
        return (flags & INCIDENT_OPEN) != 0;
    }

    /**
     * Whether red was raised or suppressed for the open incident.
     *
     * @return the {@link #RED_RAISED} flag
     */
    public boolean redRaised() {
        return (flags & RED_RAISED) != 0;
    }

    /**
     * Whether an intervention attempt is in flight.
     *
     * @return the {@link #ATTEMPT_IN_FLIGHT} flag
     */
    public boolean attemptInFlight() {
        return (flags & ATTEMPT_IN_FLIGHT) != 0;
    }

    /**
     * Whether an intervention attempt is scheduled and waits for {@link Input#RETRY_DUE}.
     *
     * @return true in {@link Stage#INTERVENING} without an attempt in flight
     */
    public boolean retryPending() {
        return stage == Stage.INTERVENING && !attemptInFlight();
    }

    /**
     * Whether {@code colour} has been raised (not suppressed) at least once.
     *
     * @param colour any colour; always false for green, whose times are not kept
     * @return whether {@link #lastRaisedAt(Code)} is meaningful
     */
    public boolean raisedBefore(Code colour) {
        return colour != Code.GREEN && (flags & timeSetFlag(colour)) != 0;
    }

    /**
     * When {@code colour} was last raised; meaningful only when {@link #raisedBefore(Code)}.
     *
     * @param colour a colour other than green
     * @return the time passed to the step that raised it
     * @throws IllegalArgumentException for green
     */
    public long lastRaisedAt(Code colour) {
        return switch (colour) {
            case YELLOW -> yellowAt;
            case RED -> redAt;
            case CYAN -> cyanAt;
            case GRAY -> grayAt;
            case GREEN -> throw new IllegalArgumentException("green has no cooldown");
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(describe(stage, consecutiveFailures, successStreak, attempts,
                verifyRemaining, incidentSeq, flags));
        for (Code colour : Code.values()) {
            if (raisedBefore(colour)) {
                text.append(' ').append(colour.name().toLowerCase(Locale.ROOT))
                        .append("At=").append(lastRaisedAt(colour));
            }
        }
        return text.append(']').toString();
    }

    private static String describe(Stage stage, int failures, int streak, int attempts, int verify,
                                   int seq, int flags) {
        return "LifecycleState[" + stage
                + " failures=" + failures
                + " streak=" + streak
                + " attempts=" + attempts
                + ((flags & ATTEMPT_IN_FLIGHT) != 0 ? " in-flight" : "")
                + " verify=" + verify
                + " incident=" + seq + ((flags & INCIDENT_OPEN) != 0 ? " open" : " closed")
                + ((flags & RED_RAISED) != 0 ? " red-raised" : "");
    }

    private static void require(boolean condition, Stage stage, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("lifecycle state in stage " + stage + " " + problem);
        }
    }
}
