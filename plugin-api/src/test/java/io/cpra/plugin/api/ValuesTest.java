package io.cpra.plugin.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value types plugins receive and return: builders, defaults, copies and equality. */
class ValuesTest {

    @Test
    void anAlertNeedsItsIdentityAndDefaultsItsTexts() {
        List<String> groups = new ArrayList<>(List.of("payments"));
        Alert alert = Alert.builder().id("a-1").monitor("m").colour(Colour.RED).occurredAt(Instant.EPOCH)
                .groups(groups).build();
        groups.add("later");

        assertThat(alert.title()).isEmpty();
        assertThat(alert.incidentId()).isEmpty();
        assertThat(alert.groups()).containsExactly("payments");
        assertThat(alert.status()).isEqualTo("CRITICAL");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.toBuilder().build()).isEqualTo(alert).hasSameHashCodeAs(alert);
        assertThat(alert.toBuilder().title("t").build()).isNotEqualTo(alert);
        assertThatThrownBy(() -> Alert.builder().id("a").monitor("m").colour(Colour.RED).build())
                .isInstanceOf(NullPointerException.class).hasMessage("occurredAt");
    }

    @Test
    void anInterventionRequestKeepsItsAttemptWithinTheAllowed() {
        InterventionRequest request = InterventionRequest.builder("m").attempt(2, 3).lastError("down").build();

        assertThat(request.attempt()).isEqualTo(2);
        assertThat(request.maxAttempts()).isEqualTo(3);
        assertThat(request.incidentId()).isEmpty();
        assertThat(InterventionRequest.builder("m").build().attempt()).isEqualTo(1);
        assertThat(request).isEqualTo(InterventionRequest.builder("m").attempt(2, 3).lastError("down").build());
        assertThatThrownBy(() -> InterventionRequest.builder("m").attempt(4, 3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attempt 4 is outside 1..3");
        assertThatThrownBy(() -> InterventionRequest.builder("m").attempt(0, 3).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outcomesAreMadeByFactoriesAndChangedByCopies() {
        PulseOutcome outcome = PulseOutcome.critical("refused").withDetail("rtt=1ms");

        assertThat(outcome.withMessage("refused (2 attempts)").detail()).isEqualTo("rtt=1ms");
        assertThat(outcome.passing()).isFalse();
        assertThat(PulseOutcome.warning("w").passing()).isTrue();
        assertThat(PulseOutcome.of(PulseOutcome.Status.OK, "fine")).isEqualTo(PulseOutcome.ok("fine"));
        assertThat(PulseOutcome.unknown("?").status()).isEqualTo(PulseOutcome.Status.UNKNOWN);

        assertThat(DeliveryOutcome.retry("503").retryable()).isTrue();
        assertThat(DeliveryOutcome.reject("400").retryable()).isFalse();
        assertThat(DeliveryOutcome.delivered("202").retryable()).isFalse();
        assertThat(DeliveryOutcome.retry("503").withMessage("trigger 503")).isEqualTo(DeliveryOutcome.retry("trigger 503"));

        InterventionOutcome done = InterventionOutcome.of(true, "restarted").withOutput("ok\n");
        assertThat(done.success()).isTrue();
        assertThat(done.output()).isEqualTo("ok\n");
        assertThat(InterventionOutcome.failed("no")).isEqualTo(InterventionOutcome.of(false, "no"));
    }
}
