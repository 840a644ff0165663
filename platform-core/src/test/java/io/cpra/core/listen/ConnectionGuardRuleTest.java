package io.cpra.core.listen;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cpra.core.listen.ConnectionGuard.overdue;
import static org.assertj.core.api.Assertions.assertThat;

/** The deadline rule, phase by phase, on a clock driven by hand. */
class ConnectionGuardRuleTest {

    static final long S = 1_000_000_000L;
    static final ListenerSettings SETTINGS = ListenerSettings.defaults()
            .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(30));

    @Test
    void waitingForARequestIsBoundByTheIdleTimeout() {
        assertThat(overdue(true, Duration.ofSeconds(60), null, 0, SETTINGS)).isNull();
        assertThat(overdue(true, Duration.ofSeconds(61), null, 0, SETTINGS)).isEqualTo("no request within PT1M");
        // the phase of the previous request does not matter once the next one is awaited
        assertThat(overdue(true, Duration.ofSeconds(61), new ConnectionGuard.Phase(ConnectionGuard.Step.ANSWER, 0), 0, SETTINGS))
                .isNotNull();
    }

    @Test
    void headersAreBoundFromTheRequestLine() {
        ConnectionGuard.Phase headers = new ConnectionGuard.Phase(ConnectionGuard.Step.HEADERS, 100 * S);
        assertThat(overdue(false, Duration.ZERO, headers, 110 * S, SETTINGS)).isNull();
        assertThat(overdue(false, Duration.ZERO, headers, 110 * S + 1, SETTINGS)).isEqualTo("headers not complete within PT10S");
    }

    @Test
    void aBodyIsBoundFromTheEndOfTheHeadersUntilTheAnswerStarts() {
        ConnectionGuard.Phase body = new ConnectionGuard.Phase(ConnectionGuard.Step.BODY, -5 * S);
        assertThat(overdue(false, Duration.ZERO, body, 25 * S, SETTINGS)).isNull();
        assertThat(overdue(false, Duration.ZERO, body, 25 * S + 1, SETTINGS)).isEqualTo("body not received within PT30S");
    }

    @Test
    void anAnswerHasNoDeadlineSoEventStreamsStayOpen() {
        ConnectionGuard.Phase answer = new ConnectionGuard.Phase(ConnectionGuard.Step.ANSWER, Long.MIN_VALUE + 1);
        assertThat(overdue(false, Duration.ofDays(3), answer, Long.MAX_VALUE, SETTINGS)).isNull();
        assertThat(overdue(false, Duration.ofDays(3), null, Long.MAX_VALUE, SETTINGS)).isNull();
    }

    @Test
    void theClockMayWrapAroundZero() {
        ConnectionGuard.Phase headers = new ConnectionGuard.Phase(ConnectionGuard.Step.HEADERS, Long.MAX_VALUE - S);
        assertThat(overdue(false, Duration.ZERO, headers, Long.MAX_VALUE + 5 * S, SETTINGS)).isNull();
        assertThat(overdue(false, Duration.ZERO, headers, Long.MAX_VALUE + 10 * S, SETTINGS)).isNotNull();
    }

    @Test
    void theConnectionCapLeavesHalfTheFreeDescriptors() {
        ListenerSettings settings = ListenerSettings.defaults();
        assertThat(settings.connectionCap(1_048_576, 200)).isEqualTo(1_000);
        assertThat(settings.connectionCap(512, 180)).isEqualTo(166);
        assertThat(settings.connectionCap(200, 199)).isEqualTo(16);
        assertThat(settings.connectionCap(-1, -1)).isEqualTo(1_000);
        assertThat(settings.withCaps(10, 5).connectionCap(512, 100)).isEqualTo(10);
    }
}
