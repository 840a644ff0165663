package io.cpra.core.delivery;

import io.cpra.plugin.api.Alert;
import io.cpra.plugin.api.Colour;
import io.cpra.plugin.api.Deadline;
import io.cpra.plugin.api.DeliveryOutcome;
import io.cpra.plugin.api.Notifier;
import io.helidon.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt behind a breaker per destination: retrying is the outbox's, not this class's. */
class GuardedDeliveryTest {

    private static final DeliverySettings FAST = new DeliverySettings(3, Duration.ofMillis(1), Duration.ofMillis(1),
            0.5, 4, 50, Duration.ofMinutes(5));
    private static final Alert ALERT = Alert.builder().id("a-1").monitor("m").colour(Colour.RED)
            .title("[CRITICAL] m").summary("down").incidentId("i-1").occurredAt(Instant.EPOCH).build();

    /** A receiver answering from a script, counting calls. */
    private static final class Scripted implements Notifier {
        final Deque<DeliveryOutcome> answers = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();
        final String destination;

        Scripted(String destination, DeliveryOutcome... answers) {
            this.destination = destination;
            this.answers.addAll(List.of(answers));
        }

        @Override
        public DeliveryOutcome deliver(Alert alert, Deadline deadline) {
            calls.incrementAndGet();
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }

        @Override
        public String destination() {
            return destination;
        }
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @Test
    void makesOneAttemptAndReturnsARetryableFailureAsItIs() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        var receiver = new Scripted("hook", DeliveryOutcome.retry("503"), DeliveryOutcome.delivered("202"));

        assertThat(guard.deliver("webhook", receiver, ALERT, soon())).isEqualTo(DeliveryOutcome.retry("503"));
        assertThat(receiver.calls).hasValue(1);
        assertThat(guard.deliver("webhook", receiver, ALERT, soon())).isEqualTo(DeliveryOutcome.delivered("202"));
        assertThat(receiver.calls).hasValue(2);
    }

    @Test
    void aPermanentRejectionDoesNotTripTheBreaker() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        var receiver = new Scripted("hook", DeliveryOutcome.reject("400 bad payload"));

        for (int i = 0; i < 10; i++) {
            assertThat(guard.deliver("webhook", receiver, ALERT, soon())).isEqualTo(DeliveryOutcome.reject("400 bad payload"));
        }
        assertThat(receiver.calls).hasValue(10);
        assertThat(guard.breakerState("webhook", receiver)).contains(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeadReceiverOpensItsBreakerWithoutTouchingOtherDestinations() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        var dead = new Scripted("dead", DeliveryOutcome.retry("connection refused"));
        var alive = new Scripted("alive", DeliveryOutcome.delivered("200"));

        for (int i = 0; i < 4; i++) {
            guard.deliver("webhook", dead, ALERT, soon());
        }
        int callsWhenOpen = dead.calls.get();
        DeliveryOutcome failedFast = guard.deliver("webhook", dead, ALERT, soon());

        assertThat(guard.breakerState("webhook", dead)).contains(CircuitBreaker.State.OPEN);
        assertThat(failedFast.retryable()).isTrue();
        assertThat(failedFast.message()).contains("circuit breaker open for webhook dead");
        assertThat(dead.calls).hasValue(callsWhenOpen);
        assertThat(guard.deliver("webhook", alive, ALERT, soon()).delivered()).isTrue();
        assertThat(guard.breakerState("webhook", alive)).contains(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aThrowingNotifierIsARetryableFailure() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        Notifier throwing = (alert, deadline) -> {
            throw new IllegalStateException("plugin bug");
        };

        DeliveryOutcome outcome = guard.deliver("custom", throwing, ALERT, soon());

        assertThat(outcome.retryable()).isTrue();
        assertThat(outcome.message()).contains("notifier threw java.lang.IllegalStateException: plugin bug");
    }

    @Test
    void aNotifierWhoseDestinationThrowsSharesItsTypesBreaker() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        Notifier broken = new Notifier() {
            @Override
            public DeliveryOutcome deliver(Alert alert, Deadline deadline) {
                return DeliveryOutcome.delivered("ok");
            }

            @Override
            public String destination() {
                throw new IllegalStateException("no destination");
            }
        };

        assertThat(guard.deliver("custom", broken, ALERT, soon()).delivered()).isTrue();
    }

    @Test
    void noTimeLeftIsARetryableFailureWithoutACall() throws InterruptedException {
        var guard = new GuardedDelivery(FAST);
        var receiver = new Scripted("slow", DeliveryOutcome.delivered("200"));

        assertThat(guard.deliver("webhook", receiver, ALERT, Deadline.at(System.nanoTime() - 1, System::nanoTime))
                .message())
                .startsWith("no time left");
        assertThat(receiver.calls).hasValue(0);
    }
}
