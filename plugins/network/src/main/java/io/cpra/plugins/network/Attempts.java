package io.cpra.plugins.network;

import io.cpra.plugin.api.Deadline;

/** How retries share a deadline. No instances. */
final class Attempts {

    private Attempts() {
    }

    /**
     * The part of the time left that one attempt may use: an equal share among the attempts
     * left, so that an attempt that times out leaves room for the retries after it.
     */
    static Deadline share(Deadline deadline, int attemptsLeft) {
        long remaining = deadline.remainingNanos();
        return remaining <= 0 || attemptsLeft <= 1 ? deadline : new Deadline(deadline.nanoTime() - remaining + remaining / attemptsLeft);
    }
}
