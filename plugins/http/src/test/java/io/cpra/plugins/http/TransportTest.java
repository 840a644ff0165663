package io.cpra.plugins.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TransportTest {

    @Property
    void theConnectStepFitsInTheTimeLeftAndUsesAtLeastHalfOfIt(
            @ForAll @LongRange(min = 0, max = 120_000_000_000L) long remainingNanos) {
        Duration step = Transport.STEPS[Transport.step(remainingNanos)];
        Duration smallest = Transport.STEPS[0];
        Duration largest = Transport.STEPS[Transport.STEPS.length - 1];

        if (remainingNanos >= smallest.toNanos()) {
            assertThat(step.toNanos()).isLessThanOrEqualTo(remainingNanos);
        } else {
            assertThat(step).isEqualTo(smallest);
        }
        if (remainingNanos <= largest.toNanos() && remainingNanos >= smallest.toNanos()) {
            assertThat(step.toNanos() * 2).isGreaterThanOrEqualTo(remainingNanos);
        }
    }

    @Test
    void profilesShareClientsPerStep() {
        try (Transport transport = new Transport(System::nanoTime, Clock.systemUTC())) {
            long fiveSeconds = Duration.ofSeconds(5).toNanos();

            assertThat(transport.client(TlsProfile.DEFAULT, fiveSeconds))
                    .isSameAs(transport.client(new TlsProfile(true, null, false), fiveSeconds + 1))
                    .isNotSameAs(transport.client(TlsProfile.DEFAULT, Duration.ofSeconds(1).toNanos()))
                    .isNotSameAs(transport.client(new TlsProfile(false, null, false), fiveSeconds));
            assertThat(transport.ledger(TlsProfile.DEFAULT)).isNull();
            assertThat(transport.ledger(new TlsProfile(true, null, true))).isNotNull();
        }
    }
}
