package io.cpra.plugins.synthetic;

import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.PulseCheck;
import io.cpra.plugin.api.PulseOutcome;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** One prepared synthetic check; a value, so equal settings share an instance. */
record SyntheticCheck(Latency latency, FailureRate failures, Misbehaviour misbehaviour, long hangNanos)
        implements PulseCheck {

    enum Misbehaviour { NONE, HANG, THROW }

    private static final PulseOutcome OK = PulseOutcome.ok("synthetic check passed");
    private static final PulseOutcome FAILED = PulseOutcome.critical("synthetic check failed");

    @Override
    public PulseOutcome check(Deadline deadline) throws InterruptedException {
        switch (misbehaviour) {
            case HANG -> {
                hangIgnoringInterrupts();
                return OK;
            }
            case THROW -> throw new IllegalStateException("synthetic check told to throw");
            case NONE -> { }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        latency.pause(random);
        return failures.fails(random) ? FAILED : OK;
    }

    /** Breaks the contract on purpose: neither the deadline nor an interrupt ends it. */
    private void hangIgnoringInterrupts() {
        long until = System.nanoTime() + hangNanos;
        boolean interrupted = false;
        for (long left = hangNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
