package io.cpra.plugins.dns;

import io.cpra.plugin.api.Deadline;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptsTest {

    @Property
    void anAttemptGetsItsShareAndNeverMore(@ForAll @LongRange(min = 1_000_000, max = 100_000_000_000L) long remaining,
                                           @ForAll @IntRange(min = 1, max = 11) int attemptsLeft) {
        Deadline deadline = new Deadline(System.nanoTime() + remaining);

        Deadline share = DnsCheck.share(deadline, attemptsLeft);

        assertThat(share.nanoTime()).isLessThanOrEqualTo(deadline.nanoTime());
        assertThat(share.remainingNanos()).isLessThanOrEqualTo(remaining / attemptsLeft);
        // everything between taking the share and measuring it is well under a second
        assertThat(share.remainingNanos()).isGreaterThan(remaining / attemptsLeft - 1_000_000_000L);
    }

    @Property
    void anExpiredDeadlineStaysAsItIs(@ForAll @IntRange(min = 1, max = 11) int attemptsLeft) {
        Deadline past = new Deadline(System.nanoTime() - 1);

        assertThat(DnsCheck.share(past, attemptsLeft)).isSameAs(past);
    }
}
