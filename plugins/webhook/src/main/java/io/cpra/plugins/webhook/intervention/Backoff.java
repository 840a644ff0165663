package io.cpra.plugins.webhook.intervention;

import io.cpra.plugin.api.Deadline;
import io.helidon.faulttolerance.Retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter that never sleeps past a deadline, as a Helidon
 * {@link Retry.RetryPolicy}. After failed call {@code n} (from 1) the nominal delay is
 * {@code min(max, first * 2^(n-1))}; the delay used is drawn from {@code [nominal/2, nominal]}
 * ("equal jitter": retries from many monitors spread out, yet each still backs off). Retries
 * end after {@code calls} calls in all, or as soon as the delay plus {@link #MIN_CALL} would
 * not fit before the deadline.
 *
 * <p>One instance serves one {@code intervene} call (it holds that call's deadline); it keeps
 * no other state, so Helidon may call it from the retrying thread freely.
 */
final class Backoff implements Retry.RetryPolicy {

    /** Time a call needs at least to be worth starting. */
    static final Duration MIN_CALL = Duration.ofMillis(50);

    private final int calls;
    private final long firstMillis;
    private final long maxMillis;
    private final Deadline deadline;
    private final DoubleSupplier random;

    Backoff(int calls, Duration first, Duration max, Deadline deadline, DoubleSupplier random) {
        this.calls = calls;
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.deadline = deadline;
        this.random = random;
    }

    @Override
    public Optional<Long> nextDelayMillis(long firstCallMillis, long lastDelay, int call) {
        if (call >= calls) {
            return Optional.empty();
        }
        long delay = jittered(nominalMillis(call), random.getAsDouble());
        if (deadline.remainingNanos() < Duration.ofMillis(delay).plus(MIN_CALL).toNanos()) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    /**
     * The delay before the call that follows failed call {@code call}, before jitter.
     *
     * @param call the failed call's number, from 1
     * @return {@code min(max, first * 2^(call-1))}, without overflow
     */
    long nominalMillis(int call) {
        int doublings = Math.max(0, call - 1);
        if (doublings >= 62 || firstMillis > (maxMillis >> Math.min(doublings, 62))) {
            return maxMillis;
        }
        return Math.min(maxMillis, firstMillis << doublings);
    }

    static long jittered(long nominal, double random) {
        return nominal / 2 + (long) ((nominal - nominal / 2) * random);
    }
}
