package io.cpra.core.engine.lifecycle;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * What one {@link Lifecycle#step} produced: the next state, the codes raised or suppressed,
 * and the actions for the engine. A reusable sink rather than a fresh value, so that a million
 * steps a second allocate nothing but the states that actually change: the engine thread owns
 * one instance and passes it to every step, and each step overwrites all of it.
 *
 * <p>Several codes from one step are raised in declaration order of {@link Code}; the only
 * such pair is yellow then red (the first failure already reaches the threshold).
 *
 * <p><b>Thread-safety:</b> none; one owner thread.
 */
public final class Transition {
    private static final int SUPPRESSED_SHIFT = 8;
    private static final int ACTION_SHIFT = 16;

    final Draft draft = new Draft();

    private LifecycleState before = LifecycleState.INITIAL;
    private LifecycleState state = LifecycleState.INITIAL;
    // codes raised in bits 0..7, suppressed in 8..15, actions from 16, each by ordinal
    private int bits;
    private int attempt;
    private long delayNanos;

    private Transition() {
    }

    /**
     * A sink for {@link Lifecycle#step}, initially holding an empty step from
     * {@link LifecycleState#INITIAL}.
     *
     * @return a new transition
     */
    public static Transition create() {
        return new Transition();
    }

    /**
     * The state after the step.
     *
     * @return the next state; the very instance passed in when {@link #stateChanged()} is false
     */
    public LifecycleState state() {
        return state;
    }

    /**
     * The stage before the step.
     *
     * @return the stage of the state passed in
     */
    public Stage from() {
        return before.stage();
    }

    /**
     * The stage after the step.
     *
     * @return {@code state().stage()}
     */
    public Stage to() {
        return state.stage();
    }

    /**
     * Whether the next state differs from the one passed in, so the row must be written back.
     *
     * @return false when {@link #state()} is the instance passed in
     */
    public boolean stateChanged() {
        return state != before;
    }

    /**
     * Whether the step asked for nothing: no code, raised or suppressed, and no action.
     * Counters may still have changed; see {@link #stateChanged()}.
     *
     * @return true when there is nothing to dispatch
     */
    public boolean quiet() {
        return bits == 0;
    }

    /**
     * Whether the step raised {@code colour}.
     *
     * @param colour a colour
     * @return true when the code goes on to delivery
     */
    public boolean raised(Code colour) {
        return (bits & (1 << colour.ordinal())) != 0;
    }

    /**
     * Whether the step would have raised {@code colour} but its cooldown suppressed it. The
     * engine records this as an event; nothing is delivered.
     *
     * @param colour a colour; never true for green
     * @return true when the code was suppressed
     */
    public boolean suppressed(Code colour) {
        return (bits & (1 << (SUPPRESSED_SHIFT + colour.ordinal()))) != 0;
    }

    /**
     * Whether the step asks for {@code action}.
     *
     * @param action an action
     * @return true when the engine must carry it out
     */
    public boolean has(Action action) {
        return (bits & (1 << (ACTION_SHIFT + action.ordinal()))) != 0;
    }

    /**
     * The intervention attempt to start or schedule.
     *
     * @return its number from 1, with {@link Action#START_ATTEMPT} or {@link Action#SCHEDULE_ATTEMPT}; else 0
     */
    public int attempt() {
        return attempt;
    }

    /**
     * How long to wait before firing {@link Input#RETRY_DUE}.
     *
     * @return nanoseconds with {@link Action#SCHEDULE_ATTEMPT}; else 0
     */
    public long delayNanos() {
        return delayNanos;
    }

    void begin(LifecycleState from) {
        before = from;
        state = from;
        bits = 0;
        attempt = 0;
        delayNanos = 0;
    }

    void end() {
        state = draft.toState(before);
        if (state.stage() != before.stage()) {
            add(Action.STAGE_CHANGED);
        }
    }

    void raise(Code colour) {
        bits |= 1 << colour.ordinal();
    }

    void suppress(Code colour) {
        bits |= 1 << (SUPPRESSED_SHIFT + colour.ordinal());
    }

    void add(Action action) {
        bits |= 1 << (ACTION_SHIFT + action.ordinal());
    }

    void startAttempt(int number) {
        add(Action.START_ATTEMPT);
        attempt = number;
    }

    void scheduleAttempt(int number, long delay) {
        add(Action.SCHEDULE_ATTEMPT);
        attempt = number;
        delayNanos = delay;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(" ", "Transition[" + from() + "->" + to() + " ", "]");
        for (Code colour : Code.values()) {
            if (raised(colour)) {
                text.add(colour.name().toLowerCase(Locale.ROOT));
            }
            if (suppressed(colour)) {
                text.add("~" + colour.name().toLowerCase(Locale.ROOT));
            }
        }
        for (Action action : Action.values()) {
            if (has(action)) {
                String name = action.name().toLowerCase(Locale.ROOT);
                text.add(switch (action) {
                    case START_ATTEMPT -> name + ":" + attempt;
                    case SCHEDULE_ATTEMPT -> name + ":" + attempt + "@" + delayNanos + "ns";
                    default -> name;
                });
            }
        }
        return text.toString();
    }
}
